/**
 * Load shedding at the door (MAX_IN_FLIGHT_REQUESTS): beyond the limit, requests are refused at once
 * with HTTP 503, Retry-After and RATE_LIMITED, before any parsing or upstream call; health checks are
 * never refused; once requests finish, new ones are served again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo', server: { maxInFlightRequests: 3 } });
});
afterAll(() => h?.close());

const post = (id: string) =>
  fetch(h.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': 'bob' },
    body: JSON.stringify({ query: `{ user(id: "${id}") { followers { totalCount } } }` }),
  });

it('refuses what is beyond the limit at once, keeps /health open, and serves again when requests end', async () => {
  // Upstream answers slowly: the first three requests stay in flight.
  await h.setFaults([{ command: 'follow/follow_get_info', delayMs: 1500, times: 3 }]);
  const slow = ['alice', 'carol', 'dave'].map(post);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = performance.now();
  const refused = await Promise.all(['erin', 'frank'].map(post));
  expect(performance.now() - started).toBeLessThan(1000);
  for (const res of refused) {
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterMs: 1000 });
  }
  expect((await fetch(h.url.replace('/graphql', '/health'))).status).toBe(200);
  expect((await Promise.all(slow)).map((res) => res.status)).toEqual([200, 200, 200]);
  const again = await post('erin');
  expect(again.status).toBe(200);
  expect(((await again.json()) as { errors?: unknown }).errors).toBeUndefined();
});
