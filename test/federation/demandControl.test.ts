/**
 * Router demand control: with FEDERATION_VERSION=2.9 this subgraph emits `@cost` / `@listSize` derived
 * from its upstream-cost declarations; the supergraph composes with them, and Hive Gateway's demand
 * control (maxCost = MAX_UPSTREAM_CALLS x COST_UNITS_PER_CALL) refuses the oversized query this server
 * refuses, before any subgraph or upstream call, while an ordinary page passes both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSUMED_LIST_SIZE, COST_UNITS_PER_CALL } from '../../src/schema/cost/costDirectives.js';
import { printSubgraphSdl } from '../../src/schema/sdl.js';
import { serverConfig } from '../support/config.js';
import { gatewayMode, type Stack, startStack } from './stack.js';

const MAX_UPSTREAM_CALLS = serverConfig({}).limits.maxUpstreamCalls;

/** Two hops of 100: 100 following pages and 10,000 nicknames (about 202 upstream calls). */
const OVERSIZED = `{
  user(id: "alice") {
    followers(first: 100) { nodes { following(first: 100) { nodes { id profile { nickname } } } } }
  }
}`;

/** One page of 100 followers with their nicknames and counts (about 8 upstream calls). */
const ORDINARY = `{
  user(id: "alice") {
    followers(first: 100) { totalCount nodes { id profile { nickname } followers { totalCount } } }
  }
}`;

describe('@cost / @listSize in the subgraph SDL', () => {
  it('appear with Federation 2.9, derived from the declarations, and not before', () => {
    const sdl = printSubgraphSdl('2.9');
    expect(sdl).toContain(
      'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible", "@cost", "@listSize"]',
    );
    // portrait_get answers 100 users per call: a profile weighs 1000 / 100.
    expect(sdl).toContain('profile: UserProfile @cost(weight: 10)');
    // follow_get_info answers 20: a count weighs 50.
    expect(sdl).toMatch(/type UserConnection[^}]*totalCount: Int @cost\(weight: 50\)/s);
    // A page is one follow_get, charged on `first`; the page's items count `first` times.
    expect(sdl).toContain('first: Int @cost(weight: 1000)');
    expect(sdl).toContain(
      '): UserConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)',
    );
    expect(sdl).toContain(`): [User]! @cost(weight: 50) @listSize(assumedSize: ${ASSUMED_LIST_SIZE})`);
    // UserProfile's fields read what `profile` loaded: no second charge.
    expect(sdl).toMatch(/nickname: String\n/);
    for (const version of ['2.6', '2.8']) expect(printSubgraphSdl(version)).not.toMatch(/@cost|@listSize/);
  });
});

describe('Hive Gateway demand control over the 2.9 supergraph', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      ...gatewayMode({ FEDERATION_VERSION: '2.9' }),
      demandControl: { maxCost: MAX_UPSTREAM_CALLS * COST_UNITS_PER_CALL, includeExtensionMetadata: true },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('the supergraph carries the directives, and _service serves them', async () => {
    expect(stack.supergraphSdl).toContain('@cost(weight: 10)');
    expect(stack.supergraphSdl).toContain('@listSize(');
    const service = await stack.follow.gql<{ _service: { sdl: string } }>(
      '{ _service { sdl } }',
      {},
      stack.identityHeaders('bob'),
    );
    expect(service.data?._service.sdl).toContain('profile: UserProfile @cost(weight: 10)');
  });

  it('refuses the oversized query that this server refuses, without calling upstream', async () => {
    const direct = await stack.follow.gql(OVERSIZED, {}, stack.identityHeaders('bob'));
    expect(direct.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(Number(direct.errors?.[0]?.extensions?.estimate)).toBeGreaterThan(MAX_UPSTREAM_CALLS);

    await stack.follow.resetStats();
    const routed = await stack.gateway.gql(OVERSIZED, {}, { 'x-user-id': 'bob' });
    expect(routed.errors?.[0]?.extensions?.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    // The router's figure, in upstream calls, is close to this server's estimate.
    const routerCalls =
      Number((routed.errors?.[0]?.extensions?.cost as { estimated?: number } | undefined)?.estimated) /
      COST_UNITS_PER_CALL;
    const serverCalls = Number(direct.errors?.[0]?.extensions?.estimate);
    expect(routerCalls).toBeGreaterThanOrEqual(serverCalls * 0.9);
    expect(routerCalls).toBeLessThanOrEqual(serverCalls * 1.2);
    expect(routed.data?.user ?? null).toBeNull(); // refused at the subgraph fetch: the field is null
    expect(await stack.follow.stats()).toEqual({});
  });

  it('passes an ordinary page, whose router cost is close to its upstream calls', async () => {
    const direct = await stack.follow.gql(ORDINARY, {}, stack.identityHeaders('bob'));
    expect(direct.errors).toBeUndefined();
    const routed = await stack.gateway.gql(ORDINARY, {}, { 'x-user-id': 'bob' });
    expect(routed.errors).toBeUndefined();
    expect(routed.data).toEqual(direct.data);
    const estimated = Number((routed.extensions?.cost as { estimated?: number } | undefined)?.estimated);
    // 1 page + 1 + 5 counts + 1 profiles (about 8 calls) and a few units per object.
    expect(estimated / COST_UNITS_PER_CALL).toBeGreaterThan(5);
    expect(estimated / COST_UNITS_PER_CALL).toBeLessThan(12);
  });
});
