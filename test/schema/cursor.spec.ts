/**
 * Cursor binding at the schema level: a cursor works only on the list it came from (owner and list
 * name), garbage is refused, and a valid cursor's upstream token reaches upstream unchanged.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type CursorScope, encodeCursor } from '../../src/schema/connections/cursor.js';
import { FakeChatApi } from '../support/fakeChatApi.js';
import { CMD, codes, run, SETTINGS } from '../support/schemaHarness.js';

const OA = '@TOA#_news';
let fake: FakeChatApi;
beforeEach(() => {
  fake = new FakeChatApi();
  fake.graph.addUsers('alice', 'bob', 'carol');
  for (const f of ['f1', 'f2', 'f3', 'f4']) fake.graph.follow(f, 'alice').follow(f, 'bob');
  fake.graph.follow('alice', 'f1', 'f2', 'f3');
  fake.graph.addOfficialAccount(OA, { owner: 'alice' });
  fake.graph.subscribe(OA, 'f1', 'f2', 'f3');
  fake.graph.addOfficialAccount('@TOA#_x', { owner: 'bob' });
  fake.graph.subscribe('@TOA#_x', 'alice');
});

/** A page of `list` of user `owner` (or of the official account) after `after`. */
function page(list: string, owner: string, after: string | null, first = 2) {
  const query =
    list === 'subscribers'
      ? `query($after: String) { officialAccount(id: "${owner}") { subscribers(first: ${first}, after: $after) {
           edges { node { id } } pageInfo { endCursor } } } }`
      : `query($after: String) { user(id: "${owner}") { ${list}(first: ${first}, after: $after) {
           edges { node { id } } pageInfo { endCursor } } } }`;
  return run<
    Record<string, Record<string, { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } }>>
  >(fake, query, { variables: { after } });
}

/** endCursor of the first page of a list. */
async function cursorOf(list: string, owner: string): Promise<string> {
  const res = await page(list, owner, null, 1);
  expect(res.errors).toBeUndefined();
  const root = Object.values(res.data!)[0]!;
  const cursor = root[list]?.pageInfo.endCursor;
  expect(cursor).toBeTruthy();
  return cursor!;
}

const PAGE_READS = [CMD.followGet, CMD.subscriberInfo, CMD.subscribedList] as const;

function expectRefused(res: Awaited<ReturnType<typeof page>>, message: RegExp) {
  expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  expect(res.errors?.[0]?.extensions?.argument).toBe('after');
  expect(res.errors?.[0]?.message).toMatch(message);
  for (const command of PAGE_READS) expect(res.calls[command], command).toBeUndefined();
}

describe('a cursor is bound to its list', () => {
  it("alice's followers cursor works on alice's followers (and its token goes upstream as is)", async () => {
    const cursor = await cursorOf('followers', 'alice');
    const res = await page('followers', 'alice', cursor);
    expect(res.errors).toBeUndefined();
    expect(res.log.filter((c) => c.command === CMD.followGet).map((c) => c.body)).toEqual([
      { From_Account: 'alice', FollowType: 1, StartCursor: 'F:1', WantNum: 2 },
    ]);
  });

  it.each([
    ["bob's followers", 'followers', 'bob'],
    ["alice's following", 'following', 'alice'],
    ["alice's mutuals", 'mutuals', 'alice'],
    ["the news account's subscribers", 'subscribers', OA],
    ["alice's subscribed accounts", 'subscribedOfficialAccounts', 'alice'],
  ])("alice's followers cursor on %s -> BAD_USER_INPUT, nothing read", async (_label, list, owner) => {
    const cursor = await cursorOf('followers', 'alice');
    expectRefused(await page(list, owner, cursor), /not a valid cursor for this list/);
  });

  it.each([
    ['following', 'alice', 'followers', 'alice'],
    ['subscribers', OA, 'subscribers', '@TOA#_x'],
    ['subscribedOfficialAccounts', 'alice', 'followers', 'alice'],
  ])('a %s cursor of %s is refused on %s of %s', async (fromList, fromOwner, list, owner) => {
    const cursor = await cursorOf(fromList, fromOwner);
    expectRefused(await page(list, owner, cursor), /not a valid cursor for this list/);
  });

  it('a cursor the server signed for the right list carries its token upstream unchanged', async () => {
    const scope: CursorScope = { list: 'followers', owner: 'bob', key: SETTINGS.cursorKey };
    const res = await page('followers', 'bob', encodeCursor(scope, { token: 'F:2', skip: 1 }));
    expect(res.errors).toBeUndefined();
    expect(fake.bodies(CMD.followGet).at(-1)).toMatchObject({ StartCursor: 'F:2', WantNum: 3 });
  });
});

describe('garbage and forged cursors are refused with BAD_USER_INPUT before any page read', () => {
  const scope: CursorScope = { list: 'followers', owner: 'alice', key: SETTINGS.cursorKey };
  const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const valid = encodeCursor(scope, { token: '', skip: 1 });
  const [, , , mac] = JSON.parse(Buffer.from(valid, 'base64url').toString()) as [
    number,
    string,
    number,
    string,
  ];

  it.each([
    ['an empty string', '', /not a valid cursor\./],
    ['not base64url', 'abc+/=', /not a valid cursor\./],
    ['base64url of non-JSON', Buffer.from('hello').toString('base64url'), /not a valid cursor\./],
    ['longer than any cursor', 'A'.repeat(5000), /not a valid cursor\./],
    ['a JSON object', raw({ token: '', skip: 0 }), /for this list/],
    ['another version', raw([2, '', 1, mac]), /for this list/],
    ['a negative skip', raw([3, '', -1, mac]), /for this list/],
    ['a fractional skip', raw([3, '', 1.5, mac]), /for this list/],
    ['a numeric token', raw([3, 5, 1, mac]), /for this list/],
    ['too many parts', raw([3, '', 1, mac, 0]), /for this list/],
    ['no signature', raw([3, '', 1]), /for this list/],
    // The token a client makes up, with the signature of another position: never reaches upstream.
    ['a forged token', raw([3, 'F:2', 1, mac]), /for this list/],
    ['another skip', raw([3, '', 2, mac]), /for this list/],
    ['an unkeyed hash as signature (the old format)', raw([3, '', 1, 'aGFzaGhhc2g']), /for this list/],
  ])('%s', async (_label, cursor, message) => {
    expectRefused(await page('followers', 'alice', cursor), message);
  });

  it('the control case: the same shape with the right signature is accepted', async () => {
    const res = await page('followers', 'alice', raw([3, '', 1, mac]));
    expect(res.errors).toBeUndefined();
    expect(res.data?.user?.followers?.edges.length).toBe(2);
  });

  it('a cursor signed with another key is refused', async () => {
    const other = encodeCursor({ ...scope, key: new Uint8Array(32) }, { token: '', skip: 1 });
    expectRefused(await page('followers', 'alice', other), /for this list/);
  });
});
