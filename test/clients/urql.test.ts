/**
 * urql with graphcache (docs/clients.md): queries go out as GET, as automatic persisted queries;
 * relayPagination merges 250 followers into one list; a hash-only GET needs no CSRF header, a GET with
 * query text does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCalls, type Harness, startHarness } from '../support/harness.js';
import { createUrqlClient, FOLLOWERS } from './urql/client.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Sent {
  method: string;
  hashOnly: boolean;
  csrfHeader: boolean;
  status: number;
}

/** fetch that records what went out (and can drop the CSRF header, as a misconfigured client would). */
function recordingFetch(sent: Sent[], dropCsrfHeader = false): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (dropCsrfHeader) headers.delete('x-graphql-yoga-csrf');
    const url = new URL(String(input));
    const response = await fetch(input, { ...init, headers });
    sent.push({
      method: init?.method ?? 'GET',
      hashOnly: url.searchParams.has('extensions') && !url.searchParams.has('query'),
      csrfHeader: headers.has('x-graphql-yoga-csrf'),
      status: response.status,
    });
    return response;
  };
}

type Followers = {
  user: {
    followers: {
      totalCount: number;
      edges: { node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
};

describe('urql with graphcache', () => {
  it('pages 250 followers with relayPagination, over GET, one follow_get per page', async () => {
    const sent: Sent[] = [];
    const client = createUrqlClient(h.url, { headers: { 'x-user-id': 'bob' }, fetch: recordingFetch(sent) });
    const { result: followers, calls } = await countCalls(h, async () => {
      let after: string | null = null;
      let page: Followers['user']['followers'] | undefined;
      do {
        const result = await client
          .query<Followers>(FOLLOWERS, { id: 'alice', first: 100, after })
          .toPromise();
        expect(result.error).toBeUndefined();
        page = result.data?.user.followers;
        after = page?.pageInfo.endCursor ?? null;
      } while (page?.pageInfo.hasNextPage);
      return page;
    });
    // Each query's result holds every page so far (graphcache merged them).
    const ids = followers?.edges.map((edge) => edge.node.id) ?? [];
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(calls['follow/follow_get']).toBe(3);
    expect(sent.every((request) => request.method === 'GET')).toBe(true);
    // APQ: a hash-only GET first; the server does not know it yet, so the text follows once.
    expect(sent[0]).toMatchObject({ hashOnly: true, status: 200 });
    expect(sent.some((request) => !request.hashOnly && request.status === 200)).toBe(true);
  });

  it('a hash-only GET works without the CSRF header; a GET with query text does not', async () => {
    // Register the document (as any client of the app did before).
    await createUrqlClient(h.url).query(FOLLOWERS, { id: 'carol', first: 5 }).toPromise();

    const sent: Sent[] = [];
    const noHeader = createUrqlClient(h.url, { fetch: recordingFetch(sent, true) });
    const known = await noHeader.query<Followers>(FOLLOWERS, { id: 'carol', first: 5 }).toPromise();
    expect(known.error).toBeUndefined();
    expect(known.data?.user.followers.totalCount).toBeGreaterThan(0);
    expect(sent).toEqual([{ method: 'GET', hashOnly: true, csrfHeader: false, status: 200 }]);

    // A document the server has never seen: the retry carries the text and is refused without the header.
    sent.length = 0;
    const unknown = await noHeader
      .query(
        'query Other($id: ID!) { user(id: $id) { id } }',
        { id: 'carol' },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    expect(unknown.error).toBeDefined();
    expect(sent.at(-1)).toMatchObject({ hashOnly: false, csrfHeader: false, status: 403 });
  });
});
