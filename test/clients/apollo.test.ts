/**
 * Apollo Client (docs/clients.md): relayStylePagination merges 250 followers, fetched 100 at a time,
 * into one cached list, with exactly one follow_get per page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCalls, type Harness, startHarness } from '../support/harness.js';
import { createApolloClient, loadAllFollowers } from './apollo/client.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('Apollo Client with relayStylePagination', () => {
  it("pages alice's 250 followers into one list, one follow_get per page", async () => {
    const client = createApolloClient(h.url, { 'x-user-id': 'bob' });
    const { result: followers, calls } = await countCalls(h, () => loadAllFollowers(client, 'alice'));
    expect(followers?.totalCount).toBe(250);
    const ids = (followers?.edges ?? []).map((edge) => edge.node.id);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(followers?.pageInfo.hasNextPage).toBe(false);
    expect(calls['follow/follow_get']).toBe(3);
    client.stop();
  });
});
