/**
 * `@defer` and `@stream` (yoga's defer-stream plugin): a response in several payloads, over multipart
 * HTTP (`Accept: multipart/mixed`) or SSE (`Accept: text/event-stream`). The served schema already
 * defines both directives (src/schema/incremental.ts), so the plugin adds only its validation rules.
 *
 * Yoga masks `errors` of each payload, but not the errors of the deferred and streamed parts
 * (`incremental[].errors`): this plugin masks those the same way. Keep it after useRequestLog, which
 * logs the detail of unexpected errors before they are masked.
 */
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import type { Payload } from '../results.js';

export type MaskError = (error: unknown, message: string) => Error;

export const MASKED_MESSAGE = 'Unexpected error.';

function maskIncremental(payload: Payload, maskError: MaskError): Payload {
  if (!payload.incremental?.some((part) => part.errors?.length)) return payload;
  return {
    ...payload,
    incremental: payload.incremental.map((part) =>
      part.errors?.length
        ? { ...part, errors: part.errors.map((error) => maskError(error, MASKED_MESSAGE) as GraphQLError) }
        : part,
    ),
  };
}

export function useIncrementalDelivery(maskError: MaskError): Plugin<GraphQLContext>[] {
  return [
    useDeferStream() as Plugin<GraphQLContext>,
    {
      onExecute() {
        return {
          onExecuteDone(payload) {
            return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
              const masked = maskIncremental(result as Payload, maskError);
              if (masked !== result) setResult(masked as typeof result);
            });
          },
        };
      },
    },
  ];
}
