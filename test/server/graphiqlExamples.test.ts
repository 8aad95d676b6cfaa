/**
 * Every example tab GraphiQL opens with (src/server/graphiql.ts) runs over HTTP against the demo data,
 * with the headers of its tab, every operation of it: no errors, and the data it is there to show.
 * (test/server/graphiql.test.ts runs them in a real browser.)
 */
import { getOperationAST, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERIES, graphiqlOptions } from '../../src/server/graphiql.js';
import { type ServerHarness, startServer } from '../support/serverHarness.js';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServer();
});
afterAll(() => h.close());

const tabs = graphiqlOptions('dev').defaultTabs ?? [];
const names = Object.keys(EXAMPLE_QUERIES) as (keyof typeof EXAMPLE_QUERIES)[];
/** Examples answered in several payloads (@defer / @stream, subscriptions): the browser test runs those. */
const incremental = names.filter((name) => /@defer|@stream|^subscription /m.test(EXAMPLE_QUERIES[name]));

describe('GraphiQL example tabs', () => {
  it('one tab per example, with the dev headers (admin only where needed)', () => {
    expect(tabs.map((tab) => tab.query)).toEqual(Object.values(EXAMPLE_QUERIES));
    const headers = tabs.map((tab) => JSON.parse(tab.headers ?? '{}'));
    expect(headers[names.indexOf('officialAccountAdmin')]).toEqual({
      'x-user-id': 'alice',
      'x-user-roles': 'admin',
    });
    expect(headers[names.indexOf('knownFollowers')]).toEqual({ 'x-user-id': 'alice' });
  });

  it('the incremental examples are the ones the browser test runs', () => {
    expect(incremental).toEqual(['refetchDeferred', 'liveCounts']);
  });

  it.each(names.filter((name) => !incremental.includes(name)))(
    '%s: every operation runs without errors',
    async (name) => {
      const index = names.indexOf(name);
      const tab = tabs[index];
      const document = parse(EXAMPLE_QUERIES[name]);
      const operations = document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      expect(operations.length).toBeGreaterThan(0);
      for (const operation of operations) {
        const operationName = operation.name?.value;
        expect(getOperationAST(document, operationName)).toBe(operation);
        const res = await h.post(
          { query: EXAMPLE_QUERIES[name], ...(operationName && { operationName }) },
          JSON.parse(tab?.headers ?? '{}'),
        );
        expect(res.json.errors, `${name} ${operationName}`).toBeUndefined();
        expect(res.json.data).toBeTruthy();
      }
    },
  );

  it('knownFollowers, filters and rateLimit show what they are there to show', async () => {
    const alice = { 'x-user-id': 'alice' };
    const known = await h.post({ query: EXAMPLE_QUERIES.knownFollowers }, alice);
    const list = (known.json.data as { user: { knownFollowers: { totalCount: number } } }).user
      .knownFollowers;
    expect(list.totalCount).toBeGreaterThan(0);
    const filters = await h.post({ query: EXAMPLE_QUERIES.filters }, alice);
    const viewer = (filters.json.data as { viewer: Record<string, { totalCount: number }> }).viewer;
    expect(viewer.followsBack?.totalCount).toBeGreaterThan(0);
    expect(viewer.notBack?.totalCount).toBeGreaterThan(0);
    expect(viewer.search?.totalCount).toBe(1);
    const price = await h.post({ query: EXAMPLE_QUERIES.rateLimit }, alice);
    expect(price.json.data).toMatchObject({ rateLimit: { dryRun: true, withinBudget: false } });
    expect(price.json.extensions?.upstreamCalls).toEqual({});
  });
});
