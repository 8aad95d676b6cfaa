/**
 * `@defer` and `@stream` with real incremental-delivery clients: urql (multipart HTTP) and graphql-sse
 * (SSE, distinct connections mode). The page comes first, the deferred counts after; loaders still
 * batch the deferred parts, so the upstream calls stay within the pre-execution estimate; errors of
 * deferred parts carry their code and the request id, and the log line waits for the last payload.
 */
import { Client, fetchExchange, type OperationResult } from '@urql/core';
import { createClient as createSseClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCalls } from '../support/harness.js';
import { type ServerHarness, startServer } from '../support/serverHarness.js';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServer();
});
afterAll(async () => {
  await h?.close();
});

/** A page of 100 followers now, each follower's counts and nickname a moment later. */
const PAGE_THEN_COUNTS = `
  query PageThenCounts {
    user(id: "alice") {
      followers(first: 100) {
        totalCount
        nodes {
          id
          ... @defer(label: "counts") {
            followers { totalCount }
            profile { nickname }
          }
        }
      }
    }
  }`;

type Page = {
  user: {
    followers: {
      totalCount: number;
      nodes: { id: string; followers?: { totalCount: number }; profile?: { nickname: string | null } }[];
    };
  };
};

/** All results urql emits for one query, until the last payload. */
function urqlResults(client: Client, query: string): Promise<OperationResult<Page>[]> {
  return new Promise((resolve, reject) => {
    const results: OperationResult<Page>[] = [];
    client.query<Page>(query, {}).subscribe((result) => {
      results.push(result);
      if (result.error && !result.data) reject(result.error);
      if (!result.hasNext) resolve(results);
    });
  });
}

describe('@defer over multipart HTTP (urql)', () => {
  it('delivers the page first and the counts later, batched within the estimate', async () => {
    const client = new Client({
      url: h.url,
      exchanges: [fetchExchange],
      fetchOptions: { headers: { 'x-user-id': 'bob' } },
      requestPolicy: 'network-only',
      preferGetMethod: false, // GETs need a CSRF header (docs/clients.md, urql)
    });
    const { result: results, calls } = await countCalls(h, () => urqlResults(client, PAGE_THEN_COUNTS));
    expect(results.length).toBeGreaterThan(1);
    const first = results[0] as OperationResult<Page>;
    expect(first.hasNext).toBe(true);
    expect(first.data?.user.followers.nodes).toHaveLength(100);
    expect(first.data?.user.followers.nodes[0]?.followers).toBeUndefined();
    const last = results.at(-1) as OperationResult<Page>;
    expect(last.hasNext).toBe(false);
    const nodes = last.data?.user.followers.nodes ?? [];
    expect(nodes).toHaveLength(100);
    expect(nodes.every((node) => typeof node.followers?.totalCount === 'number')).toBe(true);
    // One follow_get for the page (its items carry the nicknames), follow_get_info per 20 users
    // (alice's count, then the 100 followers' counts in 5 calls, as without @defer).
    expect(calls).toEqual({ 'follow/follow_get': 1, 'follow/follow_get_info': 6 });
    const estimate = first.extensions?.upstreamCallsEstimate as Record<string, number>;
    for (const [command, n] of Object.entries(calls)) expect(estimate[command]).toBeGreaterThanOrEqual(n);
    expect(last.extensions?.upstreamCalls).toEqual(calls);
    // extensions.cost: on the last payload, when every call has been made.
    expect(first.extensions?.cost).toBeUndefined();
    expect(last.extensions?.cost).toMatchObject({ actualCalls: 7, dryRun: false });
    // The log line is written when the last payload has gone out, with the deferred calls.
    const line = h
      .logs()
      .findLast((l) => l.msg === 'graphql request' && l.operationName === 'PageThenCounts');
    expect(line?.upstreamCalls).toEqual(calls);
  });

  it('a deferred part that fails carries its code and the request id; the rest is delivered', async () => {
    await h.setFaults([{ command: 'follow/follow_check', probability: 1, errorCode: 70169 }]);
    try {
      const res = await h.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed', 'x-user-id': 'alice' },
        body: JSON.stringify({
          query: '{ user(id: "bob") { id profile { nickname } ... @defer { viewerIsFollowing } } }',
        }),
      });
      const text = await res.text();
      const requestId = res.headers.get('x-request-id');
      const parts = text
        .split(/\r?\n-{3,}/)
        .map((part) => part.slice(part.indexOf('{')))
        .filter((part) => part.startsWith('{'))
        .map(
          (part) =>
            JSON.parse(part) as { incremental?: { errors?: { extensions: Record<string, unknown> }[] }[] },
        );
      expect((parts[0] as { data?: unknown }).data).toEqual({
        user: { id: 'bob', profile: { nickname: expect.any(String) } },
      });
      const errors = parts.flatMap((part) => part.incremental ?? []).flatMap((part) => part.errors ?? []);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.extensions.code).toBe('UPSTREAM_UNAVAILABLE');
        expect(error.extensions.requestId).toBe(requestId);
      }
    } finally {
      await h.clearFaults();
    }
  });
});

describe('@defer and @stream over SSE (graphql-sse)', () => {
  it('streams the follower list after the first 10, with the same batching', async () => {
    const client = createSseClient({ url: h.url, headers: { 'x-user-id': 'bob' }, retryAttempts: 0 });
    try {
      const payloads: Record<string, unknown>[] = [];
      const { calls } = await countCalls(h, async () => {
        for await (const payload of client.iterate({
          query: `{ user(id: "alice") { followers(first: 50) {
            nodes @stream(initialCount: 10) { id followers { totalCount } } } } }`,
        })) {
          payloads.push(payload as Record<string, unknown>);
        }
      });
      expect(payloads.length).toBeGreaterThan(1);
      const first = payloads[0] as { data: Page; hasNext: boolean };
      expect(first.hasNext).toBe(true);
      expect(first.data.user.followers.nodes).toHaveLength(10);
      const streamed = payloads
        .slice(1)
        .flatMap((p) => (p.incremental as { items?: unknown[] }[] | undefined) ?? [])
        .flatMap((part) => part.items ?? []);
      expect(streamed).toHaveLength(40);
      expect(calls).toEqual({
        'follow/follow_get': 1, // the page, which also proves alice exists
        'follow/follow_get_info': 3,
      });
    } finally {
      client.dispose();
    }
  });
});
