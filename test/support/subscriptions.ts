/**
 * Subscription clients for stack tests: the real graphql-sse client (GraphQL over SSE, distinct
 * connections mode, as yoga serves it) and the real graphql-ws client over a `ws` WebSocket. Each
 * subscription collects what arrives, so a test can wait for the n-th message.
 */
import type { ExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscription<T> {
  /** Messages received so far (`data` and `errors` of each). */
  messages: ExecutionResult<T>[];
  /** Resolves with the first `n` messages, or rejects after `timeoutMs`. */
  next(n: number, timeoutMs?: number): Promise<ExecutionResult<T>[]>;
  /** Resolves when the server completes the subscription. */
  completed: Promise<void>;
  /** Ends it from the client side. */
  stop(): Promise<void>;
}

function collect<T>(
  iterator: AsyncIterableIterator<ExecutionResult<T>>,
  stopClient: () => void,
): Subscription<T> {
  const messages: ExecutionResult<T>[] = [];
  const waiters = new Set<() => void>();
  const completed = (async () => {
    try {
      for await (const message of iterator) {
        messages.push(message);
        for (const wake of waiters) wake();
      }
    } catch (error) {
      // graphql-ws rejects with the operation's errors (as sent); anything else is a transport failure.
      const errors = Array.isArray(error) ? error : [{ message: (error as Error)?.message ?? String(error) }];
      messages.push({ errors } as unknown as ExecutionResult<T>);
      for (const wake of waiters) wake();
    }
  })();
  return {
    messages,
    completed,
    async next(n, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < n) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`got ${messages.length} of ${n} messages: ${JSON.stringify(messages)}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, Math.min(left, 50));
        });
      }
      return messages.slice(0, n);
    },
    async stop() {
      await iterator.return?.();
      stopClient();
    },
  };
}

/** A subscription over GraphQL over SSE (graphql-sse client, distinct connections mode). */
export function sseSubscribe<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Subscription<T> {
  const client = createSseClient({ url, headers, retryAttempts: 0 });
  return collect(client.iterate<T>({ query, variables }) as AsyncIterableIterator<ExecutionResult<T>>, () =>
    client.dispose(),
  );
}

/** A subscription over graphql-ws; `connectionParams` carry the credentials. */
export function wsSubscribe<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  connectionParams: Record<string, unknown> = {},
): Subscription<T> {
  return wsOperation<T>(url, { query, variables }, connectionParams);
}

/** Any operation over graphql-ws, with the whole payload (e.g. a persisted document's id in `extensions`). */
export function wsOperation<T = Record<string, unknown>>(
  url: string,
  payload: { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> },
  connectionParams: Record<string, unknown> = {},
): Subscription<T> {
  const client = createWsClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
  return collect(client.iterate<T>(payload) as AsyncIterableIterator<ExecutionResult<T>>, () => {
    void client.dispose();
  });
}
