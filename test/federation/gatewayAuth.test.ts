/**
 * The auth contract between a router and this subgraph (AUTH_MODE=gateway): identity headers count only
 * with the matching `x-gateway-secret`, checked through a real Hive Gateway and on direct requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GqlResponse } from '../support/harness.js';
import { GATEWAY_SECRET, gatewayMode, type Stack, startStack } from './stack.js';

const VIEWER = '{ viewer { id } }';
const alice = { 'x-user-id': 'alice' };

function expectUnauthenticated(result: GqlResponse<unknown>, message: RegExp): void {
  expect(result.errors?.length).toBeGreaterThan(0);
  const [error] = result.errors!;
  expect(error!.message).toMatch(message);
  expect(error!.extensions?.code).toBe('UNAUTHENTICATED');
}

const SIGN_IN = /Sign in/;
const BAD_GATEWAY_CREDENTIALS = /gateway credentials are not valid/;

describe('AUTH_MODE=gateway (anonymous access off, the default)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(gatewayMode());
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("with the gateway's secret, the x-user-id the client sent is the viewer", async () => {
    stack.accounts.received.length = 0;
    const result = await stack.gateway.gql<{ viewer: { id: string; name: string } }>(
      '{ viewer { id name } }',
      {},
      { ...alice, 'x-user-roles': 'reader' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ viewer: { id: 'alice', name: 'Name of alice' } });
    // The accounts subgraph got the identity too, but never this subgraph's secret.
    expect(stack.accounts.received).toEqual([{ userId: 'alice', roles: 'reader', gatewaySecret: null }]);
  });

  it('x-user-roles is forwarded: the admin role may follow on behalf of another user', async () => {
    const mutation = /* GraphQL */ `
      mutation { followUsers(input: { userIds: ["carol"], asUserId: "dave" }) { actor { id name } results { userId } } }
    `;
    const asAdmin = await stack.gateway.gql<{
      followUsers: { actor: { id: string; name: string }; results: { userId: string }[] };
    }>(mutation, {}, { ...alice, 'x-user-roles': 'admin' });
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data!.followUsers.actor).toEqual({ id: 'dave', name: 'Name of dave' });
    expect(asAdmin.data!.followUsers.results).toEqual([{ userId: 'carol' }]);

    const withoutRole = await stack.gateway.gql(mutation, {}, alice);
    expect(withoutRole.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', serviceName: 'follow' });
  });

  it('without a secret the identity headers are ignored: anonymous, which is refused', async () => {
    expectUnauthenticated(await stack.gatewayWithoutSecret.gql(VIEWER, {}, alice), SIGN_IN);
  });

  it('a client cannot supply the secret itself: the gateway does not forward it', async () => {
    const result = await stack.gatewayWithoutSecret.gql(
      VIEWER,
      {},
      { ...alice, 'x-gateway-secret': GATEWAY_SECRET },
    );
    expectUnauthenticated(result, SIGN_IN);
  });

  it('a wrong secret is UNAUTHENTICATED (never silently anonymous)', async () => {
    const result = await stack.gatewayWithWrongSecret.gql(VIEWER, {}, alice);
    expectUnauthenticated(result, BAD_GATEWAY_CREDENTIALS);
    expect(result.errors![0]!.extensions?.serviceName).toBe('follow');
  });

  it('the right secret without x-user-id is an anonymous request (refused here)', async () => {
    expectUnauthenticated(await stack.gateway.gql(VIEWER), SIGN_IN);
  });

  it('anonymous `_entities` requests are refused too (auth does not rely on root-field wrappers)', async () => {
    await stack.follow.resetStats();
    const result = await stack.gatewayWithoutSecret.gql(
      '{ people(ids: ["bob"]) { id name followers { totalCount } } }',
    );
    const error = result.errors?.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
    expect(error?.extensions?.serviceName).toBe('follow');
    expect(error?.path?.[0]).toBe('people');
    // Refused before execution: nothing reached upstream.
    expect(await stack.follow.stats()).toEqual({});
  });

  it('direct requests: a bare x-user-id is not trusted, with the secret it is', async () => {
    expectUnauthenticated(await stack.follow.gql(VIEWER, {}, alice), SIGN_IN);
    const trusted = await stack.follow.gql(VIEWER, {}, { ...alice, 'x-gateway-secret': GATEWAY_SECRET });
    expect(trusted.errors).toBeUndefined();
    expect(trusted.data).toEqual({ viewer: { id: 'alice' } });
  });
});

describe('AUTH_MODE=gateway with ALLOW_ANONYMOUS=true', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(gatewayMode({ ALLOW_ANONYMOUS: 'true' }));
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('without a secret, x-user-id is ignored: the viewer is null', async () => {
    const result = await stack.gatewayWithoutSecret.gql(VIEWER, {}, alice);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ viewer: null });
  });

  it('viewer-relative entity fields are false for an anonymous caller, at no upstream cost', async () => {
    await stack.follow.resetStats();
    const result = await stack.gatewayWithoutSecret.gql(
      '{ people(ids: ["bob", "dave"]) { id viewerIsFollowing isFollowingViewer } }',
      {},
      alice,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      people: [
        { id: 'bob', viewerIsFollowing: false, isFollowingViewer: false },
        { id: 'dave', viewerIsFollowing: false, isFollowingViewer: false },
      ],
    });
    expect(await stack.follow.stats()).toEqual({});
  });

  it('a wrong secret is still UNAUTHENTICATED', async () => {
    expectUnauthenticated(await stack.gatewayWithWrongSecret.gql(VIEWER, {}, alice), BAD_GATEWAY_CREDENTIALS);
  });

  it('the right secret makes x-user-id the viewer', async () => {
    const result = await stack.gateway.gql(VIEWER, {}, alice);
    expect(result.data).toEqual({ viewer: { id: 'alice' } });
  });
});
