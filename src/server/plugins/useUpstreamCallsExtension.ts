import type { Plugin } from 'graphql-yoga';
import { handleStreamOrSingleExecutionResult } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

/**
 * Dev aid: adds the request's upstream call counts to the response as `extensions.upstreamCalls` (for
 * an incremental result, to its last payload: by then the deferred parts have made their calls too).
 */
export function useUpstreamCallsExtension(): Plugin<GraphQLContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as GraphQLContext;
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if ((result as { hasNext?: boolean }).hasNext === true) return;
            setResult({
              ...result,
              extensions: { ...result.extensions, upstreamCalls: { ...context.upstreamCalls } },
            });
          });
        },
      };
    },
  };
}
