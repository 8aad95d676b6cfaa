/** INTROSPECTION=false: `__schema` / `__type` queries are refused (`__typename` stays). */
import { GraphQLError, getNamedType, isIntrospectionType, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

/** Like graphql's NoSchemaIntrospectionCustomRule, with a code. */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    const type = getNamedType(context.getType());
    if (type && isIntrospectionType(type)) {
      context.reportError(
        new GraphQLError(`Introspection is disabled on this server (field "${node.name.value}").`, {
          nodes: node,
          extensions: { code: 'FORBIDDEN', http: { status: 400 } },
        }),
      );
    }
  },
});

export function useNoIntrospection(): Plugin<GraphQLContext> {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noIntrospection);
    },
  };
}
