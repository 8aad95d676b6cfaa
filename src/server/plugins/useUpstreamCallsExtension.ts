import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

/** Dev aid: adds the request's upstream call counts to the response as `extensions.upstreamCalls`. */
export function useUpstreamCallsExtension(): Plugin<GraphQLContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as GraphQLContext;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const single = result as ExecutionResult;
          setResult({
            ...single,
            extensions: { ...single.extensions, upstreamCalls: { ...context.upstreamCalls } },
          });
        },
      };
    },
  };
}
