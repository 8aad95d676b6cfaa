/**
 * CSRF prevention (as graphql-yoga's and Apollo's): a browser can send a "simple" request (GET, or a
 * POST with a form or text content type) cross-site without a CORS preflight. Such requests are refused
 * unless they carry a header no form can set. JSON POSTs (GraphiQL, apps, gateways) always preflight
 * cross-site, so they pass unchanged.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from './context.js';

export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'];

const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function isPreflighted(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.toLowerCase();
  return !SIMPLE_CONTENT_TYPES.some((simple) => type.startsWith(simple));
}

export function csrfPreventionPlugin(): Plugin<GraphQLContext> {
  return {
    onRequestParse({ request }) {
      if (isPreflighted(request.headers.get('content-type'))) return;
      if (CSRF_HEADERS.some((name) => request.headers.has(name))) return;
      throw new GraphQLError(
        `This request could be a cross-site request forgery: send it as a JSON POST, or add one of the headers ${CSRF_HEADERS.join(', ')}.`,
        { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
      );
    },
  };
}
