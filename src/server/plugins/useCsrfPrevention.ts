/**
 * CSRF prevention (yoga's plugin): a request a browser can send cross-site without a CORS preflight
 * (a GET, or a form, multipart or text POST) must carry one of `requestHeaders`, which no form can set.
 *
 * One exception: a GET that names a persisted document by id and sends no query text. It can only run
 * a document the server already trusts, and yoga refuses mutations over GET, so a cross-site page can
 * make it run nothing but a read whose answer it cannot see. APQ and trusted-document clients
 * (urql, Apollo Client) send exactly such GETs, so they work without the header.
 *
 * The other: a GET that accepts only `text/event-stream`, which is what a browser's `EventSource` sends
 * and it cannot add a header. Mutations are refused over GET just the same, auth is by header only (no
 * cookie rides along cross-site), and the page cannot read the stream without CORS: the request can run
 * nothing but an anonymous read.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

/** A browser cannot send these cross-site without a preflight. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'];

/** A GET with no `query` parameter that names a persisted document (`documentId` or APQ's hash). */
export function isPersistedDocumentGet(request: Request): boolean {
  if (request.method !== 'GET') return false;
  const params = new URL(request.url).searchParams;
  if (params.has('query')) return false;
  if (params.get('documentId')) return true;
  const extensions = params.get('extensions');
  if (!extensions) return false;
  try {
    const persisted = (JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } } | null)
      ?.persistedQuery;
    return typeof persisted?.sha256Hash === 'string' && persisted.sha256Hash !== '';
  } catch {
    return false;
  }
}

/** A GET as a browser's `EventSource` sends it: it accepts the event stream and nothing else. */
export function isEventSourceGet(request: Request): boolean {
  if (request.method !== 'GET') return false;
  const accept = request.headers.get('accept') ?? '';
  const types = accept.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase());
  return types.length > 0 && types.every((type) => type === 'text/event-stream');
}

export function useCsrfPrevention(requestHeaders: string[] = CSRF_HEADERS): Plugin<GraphQLContext> {
  const csrf = useCSRFPrevention({ requestHeaders }) as Plugin<GraphQLContext>;
  return {
    onRequestParse(payload) {
      if (isPersistedDocumentGet(payload.request) || isEventSourceGet(payload.request)) return;
      return csrf.onRequestParse?.(payload);
    },
  };
}
