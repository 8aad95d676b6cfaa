/**
 * Scale-out against real parts (scripts/bench/scale.ts, also `npm run bench -- --scenario scale`): the
 * emulator enforcing Tencent's 200 calls/s per command, Redis, three server replicas as processes
 * behind nginx, and about three times the budget of the counts workload offered through nginx. The
 * budget holds across replicas (no 60007, no second over 210 calls of any command), every answer is
 * data or a RATE_LIMITED refusal, a webhook received by one replica reaches a subscriber on another, a
 * follow through one replica is read back through another at once, a killed replica fails only what
 * it had in flight, and losing Redis fails nothing: the replicas fall back to their shares, saying so
 * once each. The figures are printed (docs/deployment.md quotes them).
 */
import { expect, it } from 'vitest';
import { runScale, type ScaleReport, scaleMarkdown } from '../../scripts/bench/scale.js';

/**
 * A refusal is prompt: within the request's deadline (REQUEST_DEADLINE_MS, 5 s), which bounds every
 * wait of a request, plus a second for a machine that runs all of this on two cores.
 */
const NGINX_NOTICES_MS = 250;
const PROMPT_MS = 5000 + 1000;

let report: ScaleReport;

it('three replicas behind nginx share the budget, the cache and the events through Redis, and survive losing a replica and Redis', async () => {
  report = await runScale({ seconds: 16, log: (line) => console.log(line) });
  console.log(scaleMarkdown(report));

  // The budget held: no 60007 answered, no second over 210 calls of any command.
  const refusedUpstream = Object.values(report.emulator.errors).flatMap((codes) => Object.keys(codes));
  expect(refusedUpstream).not.toContain('60007');
  for (const [command, most] of Object.entries(report.emulator.maxCallsPerSecond)) {
    expect(most, command).toBeLessThanOrEqual(210);
  }
  expect(report.emulator.maxCallsPerSecond['follow/follow_get_info']).toBeGreaterThan(100);

  // Every answer is data or a prompt RATE_LIMITED; the only failures are the killed replica's
  // requests in flight when it died.
  const data = report.outcomes.filter((o) => o.kind === 'data');
  const refused = report.outcomes.filter((o) => o.kind === 'rate-limited');
  expect(data.length).toBeGreaterThan(report.seconds * 50);
  expect(refused.length).toBeGreaterThan(0);
  for (const o of refused) expect(o.durationMs).toBeLessThan(PROMPT_MS);
  for (const o of report.outcomes.filter((x) => x.kind === 'failed')) {
    // nginx notices a dead replica's idle keep-alive connections only when it next uses them.
    expect(o.startedAt, o.detail).toBeLessThan(report.replicaGoneAt + NGINX_NOTICES_MS);
    expect(o.startedAt + o.durationMs).toBeGreaterThanOrEqual(report.killedReplicaAt);
    expect(o.upstream).toBe(report.killedReplicaAddress);
  }
  // Answers kept coming after the replica and after Redis were lost.
  expect(data.filter((o) => o.startedAt > report.killedReplicaAt + 1000).length).toBeGreaterThan(0);
  expect(data.filter((o) => o.startedAt > report.killedRedisAt + 1500).length).toBeGreaterThan(0);

  // A webhook that reached replica B was delivered to a subscriber on replica A.
  expect(report.subscription).toMatchObject({
    received: true,
    event: { followEvents: { kind: 'FOLLOWED', follower: { id: 'user_202' }, followee: { id: 'user_201' } } },
  });
  // A follow through A, read back through C at once (C had the relation cached in Redis).
  expect(report.readYourWrites).toEqual({
    before: { user: { viewerIsFollowing: false } },
    after: { user: { viewerIsFollowing: true } },
  });
  // The surviving replicas fell back once each, said so once, and show it in /metrics.
  for (const replica of report.redisFallback) {
    expect(replica).toMatchObject({ unreachableLogLines: 1, redisUp: 0 });
  }
});
