/**
 * A request waiting on work it shares with others (a cross-request batch, a page read in flight) stops
 * waiting at its own deadline; the work goes on, and answers whoever still waits for it.
 */
import { describe, expect, it } from 'vitest';
import { Deadline, raceDeadline } from '../../src/tencent/deadline.js';

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('raceDeadline', () => {
  it('every waiter of a request fails at its deadline with the deadline error of its command', async () => {
    const deadline = Deadline.after(30);
    const shared = later(200, 'late');
    const started = performance.now();
    const waits = ['follow/follow_get_info', 'follow/follow_check'].map((command) =>
      raceDeadline(shared, deadline, command).then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    expect(await Promise.all(waits)).toEqual([
      "follow/follow_get_info: the request's deadline passed",
      "follow/follow_check: the request's deadline passed",
    ]);
    expect(performance.now() - started).toBeLessThan(150);
    expect(await shared).toBe('late');
  });

  it('an answer before the deadline is the answer, failures included', async () => {
    const deadline = Deadline.after(500);
    expect(await raceDeadline(later(5, 42), deadline, 'follow/follow_get')).toBe(42);
    await expect(
      raceDeadline(Promise.reject(new Error('boom')), deadline, 'follow/follow_get'),
    ).rejects.toThrow('boom');
  });

  it('a deadline already passed fails at once', async () => {
    const deadline = Deadline.after(-1);
    await expect(raceDeadline(later(5, 1), deadline, 'follow/follow_get')).rejects.toThrow('deadline passed');
  });
});
