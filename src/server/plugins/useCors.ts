/**
 * CORS: only the web origins in CORS_ORIGINS may call this server from a browser. Their requests get
 * `Access-Control-Allow-Origin` for their own origin, and the request headers a GraphQL client needs;
 * the dev identity headers (`x-user-id`, `x-user-roles`) only in dev mode, and `x-gateway-secret`
 * never (a router calls server to server, without CORS). Every other origin gets no CORS headers at all,
 * so a page it serves cannot read a response or send the headers a preflight guards; same-origin pages
 * (GraphiQL) need none. Cookies play no part (no `Access-Control-Allow-Credentials`).
 *
 * Replaces yoga's default, which reflects any origin with credentials.
 */
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

export interface CorsSettings {
  origins: readonly string[];
  /** Allow the dev identity headers cross-origin (AUTH_MODE=dev only). */
  devIdentityHeaders: boolean;
}

const ALLOWED_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'x-request-id',
  'traceparent',
  'tracestate',
  // CSRF prevention's preflight-forcing headers (useCsrfPrevention.ts).
  'x-graphql-yoga-csrf',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];
const DEV_HEADERS = ['x-user-id', 'x-user-roles'];

export function useCors(settings: CorsSettings): Plugin<GraphQLContext> {
  const allowed = new Set(settings.origins);
  const headers = [...ALLOWED_HEADERS, ...(settings.devIdentityHeaders ? DEV_HEADERS : [])].join(', ');
  const corsHeaders = (request: Request): Record<string, string> => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': headers,
      'access-control-expose-headers': 'x-request-id, retry-after',
      'access-control-max-age': '600',
    };
  };
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method !== 'OPTIONS') return;
      endResponse(
        new fetchAPI.Response(null, {
          status: 204,
          // Safari waits for a body without content-length 0.
          headers: { 'content-length': '0', vary: 'Origin', ...corsHeaders(request) },
        }),
      );
    },
    onResponse({ request, response }) {
      if (request.method === 'OPTIONS') return;
      response.headers.append('vary', 'Origin');
      for (const [name, value] of Object.entries(corsHeaders(request))) response.headers.set(name, value);
    },
  };
}
