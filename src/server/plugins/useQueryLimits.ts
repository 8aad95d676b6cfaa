/**
 * Static query limits (depth, aliases, tokens, directives) with GraphQL Armor, and the field-suggestion
 * switch. Every rejection is QUERY_TOO_COMPLEX (HTTP 400) naming the limit.
 *
 * Armor's defaults (depth 6) reject ordinary two-hop connection queries: `user { followers { edges {
 * node { following { edges { node { profile { nickname } } } } } } } }` is depth 9. The defaults
 * leave room for that plus fragments and `_entities` wrappers, and still stop abusive nesting.
 */
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { queryTooComplex } from '../../schema/errors.js';

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Field selections a document may expand to through its fragments (see useExpansionLimit.ts). */
  maxExpandedFields: number;
  /** Worst-case upstream calls one operation may make (see useUpstreamCost.ts). */
  maxUpstreamCalls: number;
  /** Largest request body in bytes (HTTP 413 above). */
  requestBodyLimit: number;
}

/** Armor reports "Syntax Error: <limit message>"; we report our own code and a plain message. */
function reject(limit: string, max: number): GraphQLArmorRejectCallback {
  return (context, error) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    const coded = queryTooComplex(`${message} (${limit})`, { limit, max });
    // Validation rules report through the context; the token limit runs in the parser and throws.
    if (context) context.reportError(coded);
    else throw coded;
  };
}

export interface QueryLimitsOptions {
  limits: LimitsConfig;
  /** Hide "Did you mean ...?" suggestions (they leak the schema when introspection is off). */
  blockFieldSuggestions: boolean;
}

export function useQueryLimits({
  limits,
  blockFieldSuggestions,
}: QueryLimitsOptions): Plugin<GraphQLContext>[] {
  const armor = new EnvelopArmor({
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments: true,
      onReject: [reject('MAX_DEPTH', limits.maxDepth)],
      propagateOnRejection: false,
    },
    maxAliases: {
      n: limits.maxAliases,
      onReject: [reject('MAX_ALIASES', limits.maxAliases)],
      propagateOnRejection: false,
    },
    maxTokens: {
      n: limits.maxTokens,
      onReject: [reject('MAX_TOKENS', limits.maxTokens)],
      propagateOnRejection: false,
    },
    maxDirectives: {
      n: limits.maxDirectives,
      onReject: [reject('MAX_DIRECTIVES', limits.maxDirectives)],
      propagateOnRejection: false,
    },
    // Our own upstream-cost estimate (useUpstreamCost.ts) replaces Armor's generic cost model.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: blockFieldSuggestions },
  });
  return armor.protect().plugins as Plugin<GraphQLContext>[];
}
