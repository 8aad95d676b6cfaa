/**
 * Official-account administration (createOfficialAccount, updateOfficialAccount,
 * destroyOfficialAccount) over real HTTP against the emulator: admins only, every field checked
 * against Tencent's documented limits before anything is sent (BAD_USER_INPUT naming the field),
 * upstream refusals named by field, one upstream call each, fresh reads in the payload and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/tencent/wire.js';
import {
  CreateOfficialAccountDocument,
  DestroyOfficialAccountDocument,
  UpdateOfficialAccountDocument,
} from '../generated/graphql.js';
import { countCalls, type Harness, startHarness } from '../support/harness.js';

const ADMIN = { 'x-user-id': 'ops_admin', 'x-user-roles': 'admin' };
const CREATE = 'official_account_open_http_svc/create_official_account';
const MODIFY = 'official_account_open_http_svc/modify_official_account_base_info';
const DESTROY = 'official_account_open_http_svc/destroy_official_account';
const INFO = 'official_account_open_http_svc/get_official_account_info';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sharedReads: { cache: 'memory' } });
});
afterAll(() => h.close());

const read = (id: string) =>
  h.gql<{ officialAccount: { name: string; introduction: string | null } | null }>(
    `query($id: ID!) { officialAccount(id: $id) { name introduction } }`,
    { id },
  );

describe('createOfficialAccount', () => {
  it('creates with every field: one create_official_account, the payload reads the new account', async () => {
    const input = {
      id: '@TOA#_admin_full',
      ownerId: 'alice',
      name: 'Café Daily ☕',
      introduction: 'Coffee news',
      avatarUrl: 'https://example.com/cafe.png',
      organization: 'Example Café Ltd',
      customString: '{"tier":"gold"}',
      maxSubscriberCount: 500,
    };
    const { result, calls } = await countCalls(h, () =>
      h.gql(CreateOfficialAccountDocument, { input }, ADMIN),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createOfficialAccount?.officialAccount).toEqual({
      id: input.id,
      name: input.name,
      introduction: input.introduction,
      avatarUrl: input.avatarUrl,
      organization: input.organization,
      customString: input.customString,
      maxSubscriberCount: 500,
      subscriberCount: 0,
      owner: { id: 'alice' },
    });
    expect(calls).toEqual({ [CREATE]: 1, [INFO]: 1 });
    expect(result.extensions?.upstreamCallsEstimate).toEqual(calls);
  });

  it('without an id, Tencent makes one', async () => {
    const res = await h.gql(
      CreateOfficialAccountDocument,
      { input: { ownerId: 'bob', name: 'Generated' } },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    const account = res.data?.createOfficialAccount?.officialAccount;
    expect(account?.id).toMatch(/^@TOA#_@TOA#[A-Za-z]{4}$/);
    expect(account).toMatchObject({ name: 'Generated', maxSubscriberCount: LIMITS.defaultMaxSubscriberNum });
  });

  it('checks every field before anything is sent: BAD_USER_INPUT names the first, `invalid` lists all', async () => {
    const input = {
      id: 'no_prefix',
      ownerId: 'alice',
      name: 'é'.repeat(76), // 152 bytes of UTF-8 in 76 characters
      introduction: 'i'.repeat(401),
      avatarUrl: 'u'.repeat(501),
      organization: 'o'.repeat(501),
      customString: 'c'.repeat(3001),
      maxSubscriberCount: 0,
    };
    const { result, calls } = await countCalls(h, () =>
      h.gql(CreateOfficialAccountDocument, { input }, ADMIN),
    );
    expect(calls).toEqual({});
    expect(result.data?.createOfficialAccount).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.id' });
    const fields = (error?.extensions?.invalid ?? []) as { argument: string; message: string }[];
    const invalid = fields.map((f) => f.argument);
    expect(invalid).toEqual([
      'input.id',
      'input.name',
      'input.introduction',
      'input.avatarUrl',
      'input.organization',
      'input.customString',
      'input.maxSubscriberCount',
    ]);
    expect(error?.message).toContain('and 6 more invalid field(s)');
  });

  it.each([
    ['input.name', { name: 'n'.repeat(151) }, 'at most 150 bytes'],
    ['input.name', { name: '中'.repeat(51) }, 'at most 150 bytes'],
    ['input.name', { name: '   ' }, 'must not be blank'],
    ['input.maxSubscriberCount', { maxSubscriberCount: LIMITS.maxSubscriberNumCap + 1 }, 'from 1 to'],
    ['input.id', { id: '@TOA#_' }, 'must start with'],
    ['input.id', { id: `@TOA#_${'a'.repeat(27)}` }, 'at most 32 bytes'],
    ['input.ownerId', { ownerId: 'has\ttab' }, 'printable ASCII'],
  ])('%s: %j is refused (%s), nothing sent', async (argument, change, message) => {
    const input = { ownerId: 'alice', name: 'ok', ...change };
    const { result, calls } = await countCalls(h, () =>
      h.gql(CreateOfficialAccountDocument, { input }, ADMIN),
    );
    expect(calls).toEqual({});
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(result.errors?.[0]?.message).toContain(message);
  });

  it('the limits themselves pass: 150 bytes of name, 3000 of custom string, the cap', async () => {
    const input = {
      id: `@TOA#_${'m'.repeat(26)}`,
      ownerId: 'alice',
      name: '中'.repeat(50),
      customString: 'c'.repeat(3000),
      maxSubscriberCount: LIMITS.maxSubscriberNumCap,
    };
    const res = await h.gql(CreateOfficialAccountDocument, { input }, ADMIN);
    expect(res.errors).toBeUndefined();
    expect(res.data?.createOfficialAccount?.officialAccount).toMatchObject({
      name: input.name,
      maxSubscriberCount: LIMITS.maxSubscriberNumCap,
    });
  });

  it('upstream refusals name the field: an id in use (130007), an owner that does not exist (70107)', async () => {
    const taken = await countCalls(h, () =>
      h.gql(
        CreateOfficialAccountDocument,
        { input: { id: '@TOA#_news', ownerId: 'alice', name: 'Again' } },
        ADMIN,
      ),
    );
    expect(taken.calls).toEqual({ [CREATE]: 1 });
    expect(taken.result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.id',
      tencentCode: 130007,
      upstreamCommand: CREATE,
    });
    const ghost = await h.gql(
      CreateOfficialAccountDocument,
      { input: { id: '@TOA#_ghostly', ownerId: 'nobody_here', name: 'Ghost' } },
      ADMIN,
    );
    expect(ghost.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      argument: 'input.ownerId',
      tencentCode: 70107,
    });
    expect(ghost.errors?.[0]?.message).toBe('The owner nobody_here does not exist.');
  });
});

describe('updateOfficialAccount', () => {
  it('changes the given fields only; the payload and later reads are fresh (with the shared cache)', async () => {
    await h.gql(
      CreateOfficialAccountDocument,
      { input: { id: '@TOA#_admin_upd', ownerId: 'alice', name: 'Before', introduction: 'Intro' } },
      ADMIN,
    );
    expect((await read('@TOA#_admin_upd')).data?.officialAccount).toEqual({
      name: 'Before',
      introduction: 'Intro',
    });
    const { result, calls } = await countCalls(h, () =>
      h.gql(
        UpdateOfficialAccountDocument,
        { input: { id: '@TOA#_admin_upd', name: 'After', maxSubscriberCount: 7 } },
        ADMIN,
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(calls).toEqual({ [MODIFY]: 1, [INFO]: 1 });
    expect(result.extensions?.upstreamCallsEstimate).toEqual(calls);
    expect(result.data?.updateOfficialAccount?.officialAccount).toMatchObject({
      name: 'After',
      introduction: 'Intro',
      maxSubscriberCount: 7,
    });
    expect((await read('@TOA#_admin_upd')).data?.officialAccount).toEqual({
      name: 'After',
      introduction: 'Intro',
    });
    // An empty string clears an optional field.
    const cleared = await h.gql(
      UpdateOfficialAccountDocument,
      { input: { id: '@TOA#_admin_upd', introduction: '' } },
      ADMIN,
    );
    expect(cleared.data?.updateOfficialAccount?.officialAccount?.introduction).toBeNull();
  });

  it('refuses nothing to change, a blank name, a bad field; an unknown account is NOT_FOUND on input.id', async () => {
    const refuse = async (input: { id: string } & Record<string, unknown>, argument: string) => {
      const { result, calls } = await countCalls(h, () =>
        h.gql(UpdateOfficialAccountDocument, { input }, ADMIN),
      );
      expect(calls).toEqual({});
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument,
      });
    };
    await refuse({ id: '@TOA#_news' }, 'input');
    await refuse({ id: '@TOA#_news', name: null }, 'input');
    await refuse({ id: '@TOA#_news', name: '' }, 'input.name');
    await refuse({ id: '@TOA#_news', organization: 'o'.repeat(501) }, 'input.organization');
    await refuse({ id: 'news', name: 'x' }, 'input.id');
    const { result, calls } = await countCalls(h, () =>
      h.gql(UpdateOfficialAccountDocument, { input: { id: '@TOA#_missing', name: 'x' } }, ADMIN),
    );
    expect(calls).toEqual({ [MODIFY]: 1 });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      argument: 'input.id',
      tencentCode: 130004,
    });
  });
});

describe('destroyOfficialAccount', () => {
  it('destroys: one call; the account is gone at once; a second destroy is NOT_FOUND', async () => {
    await h.gql(
      CreateOfficialAccountDocument,
      { input: { id: '@TOA#_admin_del', ownerId: 'bob', name: 'Doomed' } },
      ADMIN,
    );
    expect((await read('@TOA#_admin_del')).data?.officialAccount).toMatchObject({ name: 'Doomed' });
    const { result, calls } = await countCalls(h, () =>
      h.gql(DestroyOfficialAccountDocument, { input: { id: '@TOA#_admin_del' } }, ADMIN),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.destroyOfficialAccount).toEqual({ destroyedOfficialAccountId: '@TOA#_admin_del' });
    expect(calls).toEqual({ [DESTROY]: 1 });
    expect(result.extensions?.upstreamCallsEstimate).toEqual(calls);
    expect((await read('@TOA#_admin_del')).data?.officialAccount).toBeNull();
    const again = await h.gql(DestroyOfficialAccountDocument, { input: { id: '@TOA#_admin_del' } }, ADMIN);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'input.id' });
  });
});

describe('authorization', () => {
  it.each([
    ['createOfficialAccount', CreateOfficialAccountDocument, { input: { ownerId: 'alice', name: 'x' } }],
    ['updateOfficialAccount', UpdateOfficialAccountDocument, { input: { id: '@TOA#_news', name: 'x' } }],
    ['destroyOfficialAccount', DestroyOfficialAccountDocument, { input: { id: '@TOA#_news' } }],
  ] as const)(
    '%s: anonymous UNAUTHENTICATED, a user without the admin role FORBIDDEN, nothing sent',
    async (_name, document, variables) => {
      const anonymous = await countCalls(h, () => h.gql(document as never, variables));
      expect(anonymous.result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(anonymous.calls).toEqual({});
      // Even the owner of @TOA#_news (alice) is not an admin.
      const owner = await countCalls(h, () => h.gql(document as never, variables, { 'x-user-id': 'alice' }));
      expect(owner.result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(owner.calls).toEqual({});
      expect((await read('@TOA#_news')).data?.officialAccount?.name).toBe('Daily News');
    },
  );
});
