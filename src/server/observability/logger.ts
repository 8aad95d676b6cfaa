/**
 * Structured JSON logs (pino). Secrets never get here on purpose, and the redaction list is a second
 * line of defence: auth headers, cookies and the keys' names are censored wherever they appear.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type { Logger } from 'pino';

export const REDACT_PATHS = [
  'authorization',
  'cookie',
  'secret',
  'secretKey',
  'userSig',
  'usersig',
  'token',
  '*.authorization',
  '*.cookie',
  '*.secret',
  '*.secretKey',
  '*.userSig',
  '*.usersig',
  '*.token',
  '*["x-gateway-secret"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-gateway-secret"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-gateway-secret"]',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go (default stdout); tests pass a stream they read. */
  destination?: DestinationStream;
}

const format = (level: string) => ({
  level,
  base: { service: 'chat-follow-graphql' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label: string) => ({ level: label }) },
});

/** Log lines are written to stdout in batches of this many bytes, and at least once a second. */
const STDOUT_BATCH_BYTES = 4096;

/**
 * stdout, written in batches rather than with one write per line (a line per request would otherwise
 * be a system call per request). Start-up and shutdown flush it; a timer flushes the rest.
 */
function batchedStdout(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: STDOUT_BATCH_BYTES });
  setInterval(() => {
    try {
      stream.flush();
    } catch {
      // closed, or not writable right now: the next tick or the final flush writes it
    }
  }, 1000).unref();
  return stream;
}

export function createLogger({ level, destination }: LoggerOptions): Logger {
  return pino(
    { ...format(level), redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination ?? batchedStdout(),
  );
}

/**
 * The same log (level, format, destination) without the redaction pass, for the one line per request
 * whose fields are fixed and hold no secrets: redaction would be most of that line's cost.
 */
export function unredactedLogger(logger: Logger): Logger {
  const stream = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  return pino(format(logger.level), stream);
}
