/**
 * A request refused for its body size (HTTP 413) may still be sending that body (a chunked upload that
 * has not finished). Keeping its keep-alive connection would leave node reading the rest of it for
 * nothing, or a dead connection the client cannot reuse: the response says `Connection: close`, and
 * node closes the socket once it is sent.
 */
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

export function useCloseRefusedBodies(): Plugin<GraphQLContext> {
  return {
    onResponse({ response }) {
      if (response.status === 413) response.headers.set('connection', 'close');
    },
  };
}
