/**
 * Executes operations with graphql-jit: each document is compiled once into plain JavaScript (cached
 * with the parsed document, which yoga's parse cache keeps) and then runs without the generic
 * executor's per-field bookkeeping. Resolvers, their wrappers (auth scopes, the upstream-error mapping)
 * and every plugin hook run as before; only the engine that walks the selection changes.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

export function useCompiledExecution(): Plugin<GraphQLContext> {
  // Stack traces of field errors are never shown (errors are mapped or masked): skip capturing them.
  return useGraphQlJit({ disablingCapturingStackErrors: true }) as Plugin<GraphQLContext>;
}
