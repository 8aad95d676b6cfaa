/**
 * The HTTP front of the emulator (node:http). REST calls follow this pipeline, each step answering
 * HTTP 200 with a FAIL envelope when it rejects the call:
 *
 *   body read (capped at 1 MiB: larger -> 60002) -> latency (EMULATOR_LATENCY_MS) -> count the call
 *   -> method (non-POST -> 60002)
 *   -> query auth + UserSig (60012/60006/60002/60010/700xx) -> unknown command (60009)
 *   -> rate limit (60007) -> injected fault -> JSON body (60003) -> command
 *
 * Stats count every POST to a known `/v4/<service>/<command>` path, including calls then rejected by
 * auth, rate limit or faults: "calls" is the number of HTTP requests a client made to that command;
 * every FAIL envelope answered to one is counted by its error code (callStats.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ErrorCodes } from '../tencent/wire.js';
import { type CallbackDraft, COMMANDS, isCommand } from './commands/index.js';
import { handleControl } from './control.js';
import type { EmulatorCore } from './core.js';
import type { FaultEffect } from './faults.js';
import { authenticate, CommandError, type EnvelopeOut, fail, MAX_BODY_BYTES, parseBody } from './protocol.js';

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function readBody(req: IncomingMessage, done: (body: Buffer, tooLarge: boolean) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge));
  req.on('error', () => req.socket.destroy());
}

export interface EmulatorServer {
  server: Server;
  /** Cancels pending injected delays (their sockets are destroyed by close). */
  cancelTimers(): void;
}

export function createEmulatorServer(core: EmulatorCore): EmulatorServer {
  const timers = new Set<NodeJS.Timeout>();

  /** Answers a call to `command` with an envelope, counting a FAIL by its code. */
  function reply(res: ServerResponse, command: string, out: EnvelopeOut): void {
    core.stats.answered(command, out.ErrorCode);
    sendJson(res, 200, out);
  }

  function applyEffect(res: ServerResponse, command: string, effect: FaultEffect): void {
    switch (effect.kind) {
      case 'error':
        reply(res, command, fail(effect.code, 'injected fault'));
        return;
      case 'http': {
        const text = `${effect.status} injected fault`;
        res.writeHead(effect.status, {
          'content-type': 'text/plain',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
        return;
      }
      case 'malformed': {
        const text = '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Resu';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      case 'reset':
      case 'drop':
        res.socket?.destroy();
        return;
    }
  }

  /** Runs the command (and sends its callbacks when it succeeded); returns its answer. */
  function applyCommand(command: keyof typeof COMMANDS, body: Buffer): EnvelopeOut {
    const parsed = parseBody(body);
    if (!parsed.ok) return parsed.error;
    let out: EnvelopeOut;
    const callbacks: CallbackDraft[] = [];
    try {
      out = COMMANDS[command](
        { store: core.store, now: core.now, operator: core.auth.admin, emit: (c) => callbacks.push(c) },
        parsed.value,
      );
    } catch (err) {
      if (err instanceof CommandError) out = fail(err.code, err.message);
      else {
        console.error(`emulator: ${command} failed`, err);
        out = fail(70500, 'internal server error');
      }
    }
    if (out.ActionStatus === 'OK') core.callbacks.send(callbacks);
    return out;
  }

  function runCommand(res: ServerResponse, command: keyof typeof COMMANDS, body: Buffer): void {
    reply(res, command, applyCommand(command, body));
  }

  /** Runs `fn` after `ms`, unless the emulator closes first. */
  function later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function handleRest(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
    tooLarge: boolean,
    receivedMs: number,
  ): void {
    const name = url.pathname.slice('/v4/'.length);
    const known = isCommand(name);
    const counted = known && req.method === 'POST';
    if (counted) {
      core.stats.call(name);
      res.once('finish', () => core.log.add({ command: name, receivedMs, answeredMs: performance.now() }));
    }
    // Answers to counted calls are counted by code; others (GET, unknown paths) only answered.
    const answer = (out: EnvelopeOut) => (counted ? reply(res, name, out) : sendJson(res, 200, out));
    if (req.method !== 'POST') {
      answer(fail(ErrorCodes.HttpParse, 'only POST is supported'));
      return;
    }
    if (tooLarge) {
      answer(fail(ErrorCodes.HttpParse, `request body larger than ${MAX_BODY_BYTES} bytes`));
      return;
    }
    const authError = authenticate(url.searchParams, core.auth, core.now());
    if (authError) {
      answer(authError);
      return;
    }
    if (!known) {
      sendJson(res, 200, fail(ErrorCodes.BadResource, 'request resource error: unknown command'));
      return;
    }
    if (!core.limiter.take(name)) {
      answer(fail(ErrorCodes.RateLimited, 'REST API call frequency exceeded the limit'));
      return;
    }
    const fault = core.faults.pick(name);
    if (!fault) {
      runCommand(res, name, body);
      return;
    }
    // `apply`: the command is applied now; only its answer is delayed, replaced or dropped.
    const applied = fault.apply ? applyCommand(name, body) : undefined;
    const proceed = () => {
      if (res.destroyed || res.writableEnded) return;
      if (fault.effect) applyEffect(res, name, fault.effect);
      else if (applied) reply(res, name, applied);
      else runCommand(res, name, body);
    };
    if (fault.delayMs > 0) later(proceed, fault.delayMs);
    else proceed();
  }

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    readBody(req, (body, tooLarge) => {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://emulator');
      } catch {
        sendJson(res, 200, fail(ErrorCodes.HttpParse, 'bad request URL'));
        return;
      }
      if (url.pathname.startsWith('/v4/')) {
        // The configured latency stands for upstream's network and service time: every REST answer waits.
        const receivedMs = performance.now();
        const answer = () => {
          if (!res.destroyed) handleRest(req, res, url, body, tooLarge, receivedMs);
        };
        if (core.latencyMs > 0) later(answer, core.latencyMs);
        else answer();
      } else if (url.pathname.startsWith('/__emulator/')) {
        const answer = handleControl(core, req.method ?? 'GET', url.pathname, req.headers, body);
        sendJson(res, answer.status, answer.json);
      } else if (url.pathname === '/' && req.method === 'GET') {
        sendJson(res, 200, {
          emulator: 'Tencent Cloud Chat REST API',
          rest: '/v4/<service>/<command>',
          control: '/__emulator/{stats,stats/reset,reset,faults,seed,latency,log}',
        });
      } else {
        sendJson(res, 404, { error: `not found: ${url.pathname}` });
      }
    });
  });

  return {
    server,
    cancelTimers() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
