/**
 * Tencent's third-party callbacks (POST /tencent/callback by default): verified (callbacks/verify.ts),
 * replays dropped, the payload turned into domain events on the bus, answered with the documented OK
 * body at once. A refused callback changes nothing and is logged (never with its Sign or the token).
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { EventBus } from '../../events/bus.js';
import { eventsFromCallback } from '../../events/fromCallback.js';
import type { GraphQLContext } from '../../schema/context.js';
import { CALLBACK_OK } from '../../tencent/callbacks.js';
import type { ReplayGuard } from '../callbacks/replayGuard.js';
import { type CallbackVerifier, refusal } from '../callbacks/verify.js';
import type { Logger } from '../observability/logger.js';
import type { ServerMetrics } from '../observability/metrics.js';

/** Callback bodies are small; anything larger is not from Tencent. */
const MAX_BODY_BYTES = 256 * 1024;

export interface CallbackSettings {
  /** Accept callbacks at all (off unless configured, except with the embedded emulator). */
  enabled: boolean;
  path: string;
  /** The console's callback token; undefined accepts unsigned callbacks (SdkAppid still checked). */
  token: string | undefined;
}

export interface TencentCallbackOptions extends CallbackVerifier {
  path: string;
  bus: EventBus;
  replays: ReplayGuard;
  logger: Logger;
  metrics: ServerMetrics;
}

type FetchApi = { Response: typeof Response };

function answer(fetchAPI: FetchApi, status: number, body: unknown): Response {
  return new fetchAPI.Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

const refused = (fetchAPI: FetchApi, status: number, reason: string) =>
  answer(fetchAPI, status, { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: reason });

export function useTencentCallbacks(options: TencentCallbackOptions): Plugin<GraphQLContext> {
  const { logger, metrics } = options;
  const record = (command: string, outcome: string, reason?: string) => {
    metrics.observeCallback(command, outcome);
    if (reason) logger.warn({ callbackCommand: command, reason }, 'tencent callback refused');
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== options.path) return;
      const command = (url.searchParams.get('CallbackCommand') ?? '').slice(0, 80);
      if (request.method !== 'POST') {
        endResponse(refused(fetchAPI, 405, 'POST only'));
        return;
      }
      const reason = refusal(url.searchParams, options);
      if (reason) {
        record(command, 'refused', reason);
        endResponse(refused(fetchAPI, 401, reason));
        return;
      }
      const text = await request.text();
      if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
        record(command, 'refused', 'body too large');
        endResponse(refused(fetchAPI, 413, 'body too large'));
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        record(command, 'refused', 'body is not JSON');
        endResponse(refused(fetchAPI, 400, 'body is not JSON'));
        return;
      }
      if ((body as { CallbackCommand?: unknown } | null)?.CallbackCommand !== command) {
        record(command, 'refused', 'CallbackCommand differs between URL and body');
        endResponse(refused(fetchAPI, 400, 'CallbackCommand differs between URL and body'));
        return;
      }
      const fingerprint = createHash('sha256')
        .update(url.search)
        .update('\n')
        .update(text)
        .digest('base64url');
      if (!(await options.replays.firstSeen(fingerprint))) {
        record(command, 'replay');
        endResponse(answer(fetchAPI, 200, CALLBACK_OK));
        return;
      }
      const events = eventsFromCallback(body, Date.now());
      if (events === undefined) {
        record(command, 'ignored');
      } else {
        options.bus.publish(events);
        record(command, 'accepted');
      }
      endResponse(answer(fetchAPI, 200, CALLBACK_OK));
    },
  };
}
