/**
 * REQUEST_BODY_LIMIT: bodies above it are refused with HTTP 413, before they are parsed.
 *
 * Yoga's own limit (`maxRequestBodySize`) pipes every body through a TransformStream, which costs an
 * AbortController, a stream pipeline and a DOMException per request. A declared Content-Length is
 * enough: Node's HTTP parser never hands on more bytes than it declares. Only a body without one
 * (chunked transfer encoding) is counted as it streams in.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

const CONTENT_LENGTH = /^\d+$/;

function tooLarge(limit: number): GraphQLError {
  return new GraphQLError(`Request body too large (the limit is ${limit} bytes).`, {
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } },
  });
}

type FetchApi = { Request: typeof Request; TransformStream: typeof TransformStream };

/** The request with its body counted as it streams; the stream fails past `limit` bytes. */
function countedBody(request: Request, limit: number, fetchAPI: FetchApi): Request {
  const body = request.body;
  if (!body) return request;
  // A native ReadableStream pipes only into a native TransformStream (as in yoga's own limit).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: limited,
    duplex: 'half',
  } as RequestInit);
}

export function useRequestBodyLimit(limit: number): Plugin<GraphQLContext> {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!CONTENT_LENGTH.test(declared)) {
          throw new GraphQLError('Content-Length header is invalid.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
        if (Number(declared) > limit) throw tooLarge(limit);
        return;
      }
      if (requestParser === undefined || request.body === null) return;
      const parse = requestParser;
      setRequestParser((req) => parse(countedBody(req, limit, fetchAPI as unknown as FetchApi)));
    },
  };
}
