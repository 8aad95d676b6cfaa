/**
 * Fault injection for REST commands (POST /__emulator/faults).
 *
 * A rule: { command: "follow/follow_get" | "*", probability?: 0..1 (default 1), times?: n,
 *           delayMs?: ms, errorCode?: code | httpStatus?: status | malformed?: true | reset?: true,
 *           apply?: true }
 * - errorCode: HTTP 200 with a FAIL envelope carrying that code.
 * - httpStatus: that status with a short non-JSON body.
 * - malformed: HTTP 200 with a truncated JSON body.
 * - reset: the socket is destroyed without an answer.
 * - delayMs: waits, then applies the rule's other effect, or serves the command normally if it has none.
 * - times: the rule fires that many times, then is dropped.
 * - apply: the command runs first (and sends its callbacks); then the effect replaces its answer, after
 *   delayMs: a lost answer to a command that was applied (`reset`: dropped; `delayMs` alone: the answer
 *   comes late, typically after the client gave up; `httpStatus`: a proxy's error page; ...).
 * Rules are tried in order; the first one that matches the command and wins its probability draw fires
 * (one rule per request). Without `apply`, faults apply after authentication and rate limiting, before
 * the command runs, so an injected error proves the command was not applied.
 *
 * A rule for callbacks names `callback` (a CallbackCommand or "*") instead of `command`, and delays
 * (`delayMs`) or drops (`drop: true`) the callbacks it matches.
 */

export type FaultEffect =
  | { kind: 'error'; code: number }
  | { kind: 'http'; status: number }
  | { kind: 'malformed' }
  | { kind: 'reset' }
  /** Callbacks only: not sent. */
  | { kind: 'drop' };

const CALLBACK_PREFIX = 'callback:';

export interface FaultRule {
  command: string;
  probability: number;
  delayMs: number;
  effect: FaultEffect | undefined;
  /** The command runs before the effect (and the delay) hit its answer. */
  apply: boolean;
  /** Remaining firings; Infinity when unlimited. */
  times: number;
}

export interface FaultAction {
  delayMs: number;
  effect: FaultEffect | undefined;
  apply: boolean;
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** Validates a rules document; throws an Error with a readable message. */
export function parseRules(doc: unknown): FaultRule[] {
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { rules?: unknown }).rules)) {
    throw new Error('body must be {"rules": [...]}');
  }
  return ((doc as { rules: unknown[] }).rules ?? []).map((raw, i) => {
    if (typeof raw !== 'object' || raw === null) throw new Error(`rules[${i}] must be an object`);
    const r = raw as Record<string, unknown>;
    const forCallback = r.callback !== undefined;
    if (forCallback) {
      if (typeof r.callback !== 'string' || r.callback === '' || r.command !== undefined) {
        throw new Error(`rules[${i}].callback must be a callback command (or "*"), without command`);
      }
    } else if (typeof r.command !== 'string' || r.command === '') {
      throw new Error(`rules[${i}].command (or callback) is required`);
    }
    const probability = r.probability ?? 1;
    if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
      throw new Error(`rules[${i}].probability must be 0..1`);
    }
    const times = r.times ?? Number.POSITIVE_INFINITY;
    if (times !== Number.POSITIVE_INFINITY && !isInt(times, 1, 1e9)) {
      throw new Error(`rules[${i}].times must be a positive integer`);
    }
    const delayMs = r.delayMs ?? 0;
    if (!isInt(delayMs, 0, 600_000)) throw new Error(`rules[${i}].delayMs must be 0..600000`);
    const effects: FaultEffect[] = [];
    if (r.errorCode !== undefined) {
      if (!isInt(r.errorCode, 1, 2 ** 31))
        throw new Error(`rules[${i}].errorCode must be a positive integer`);
      effects.push({ kind: 'error', code: r.errorCode });
    }
    if (r.httpStatus !== undefined) {
      if (!isInt(r.httpStatus, 200, 599)) throw new Error(`rules[${i}].httpStatus must be 200..599`);
      effects.push({ kind: 'http', status: r.httpStatus });
    }
    if (r.malformed === true) effects.push({ kind: 'malformed' });
    if (r.reset === true) effects.push({ kind: 'reset' });
    if (r.drop === true) effects.push({ kind: 'drop' });
    if (effects.length > 1) {
      throw new Error(`rules[${i}] may have only one of errorCode, httpStatus, malformed, reset, drop`);
    }
    if (forCallback && effects.some((e) => e.kind !== 'drop')) {
      throw new Error(`rules[${i}]: a callback rule delays or drops, nothing else`);
    }
    if (!forCallback && effects.some((e) => e.kind === 'drop')) {
      throw new Error(`rules[${i}]: drop applies to callback rules only`);
    }
    if (effects.length === 0 && delayMs === 0) throw new Error(`rules[${i}] has no effect`);
    if (r.apply !== undefined && typeof r.apply !== 'boolean')
      throw new Error(`rules[${i}].apply must be a boolean`);
    const apply = r.apply === true;
    if (apply && forCallback) throw new Error(`rules[${i}]: apply is for command rules only`);
    const command = forCallback ? `${CALLBACK_PREFIX}${r.callback}` : (r.command as string);
    return { command, probability, delayMs, effect: effects[0], apply, times: times as number };
  });
}

export class Faults {
  private rules: FaultRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  set(rules: FaultRule[]): void {
    this.rules = rules;
  }

  add(rules: FaultRule[]): void {
    this.rules.push(...rules);
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules;
  }

  /** The fault to apply to one call of `command`, if any. */
  pick(command: string): FaultAction | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      const matches =
        rule.command === command ||
        (rule.command === '*' && !command.startsWith(CALLBACK_PREFIX)) ||
        (rule.command === `${CALLBACK_PREFIX}*` && command.startsWith(CALLBACK_PREFIX));
      if (!matches) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      rule.times -= 1;
      if (rule.times <= 0) this.rules.splice(i, 1);
      return { delayMs: rule.delayMs, effect: rule.effect, apply: rule.apply };
    }
    return undefined;
  }
}
