/**
 * Graceful shutdown on SIGTERM / SIGINT: complete the running subscriptions, stop accepting
 * connections, let in-flight requests finish, then run the clean-up steps (upstream pool, embedded
 * emulator) and exit 0. A hard deadline ends it
 * with exit code 1 if something hangs.
 */
import type { Server } from 'node:http';
import type { Logger } from './observability/logger.js';

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** After this long the remaining connections are cut and the process exits 1. */
  timeoutMs: number;
  /**
   * Run first, in order: end what would keep connections open forever (subscriptions over SSE and
   * WebSocket complete cleanly).
   */
  drain?: (() => Promise<void>)[];
  /** Run in order once the server has closed (e.g. close the upstream pool, stop the emulator). */
  cleanup: (() => Promise<void>)[];
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

export function installGracefulShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const { server, logger, timeoutMs, cleanup } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let closing: Promise<void> | undefined;

  const shutdown = (signal: string): Promise<void> => {
    closing ??= (async () => {
      logger.info({ signal, timeoutMs }, 'shutting down: no new connections, finishing requests in flight');
      const deadline = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown deadline passed: cutting remaining connections');
        server.closeAllConnections();
        exit(1);
      }, timeoutMs);
      deadline.unref();
      // Keep-alive connections become idle when their request ends: close them as they do.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      idle.unref();
      try {
        for (const step of options.drain ?? []) await step();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        clearInterval(idle);
        for (const step of cleanup) await step();
        clearTimeout(deadline);
        logger.info('shut down cleanly');
        await new Promise<void>((resolve) => logger.flush(() => resolve()));
        exit(0);
      } catch (error) {
        logger.error({ err: { message: (error as Error).message } }, 'shutdown failed');
        exit(1);
      }
    })();
    return closing;
  };

  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => void shutdown(signal));
  }
  return shutdown;
}
