/**
 * Refuses documents whose fragments expand to more than MAX_EXPANDED_FIELDS field selections, right
 * after parsing: before validation, the cost estimate or any other walk over the document. A 1.3 KB
 * "fragment bomb" (each level's fragment selecting two fields that both spread the previous level's)
 * expands to 2^levels fields; walks that descend into every field would visit them all.
 *
 * The count itself is linear in the document (schema/selection.ts, `expandedFieldCount`).
 */
import { type DocumentNode, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { queryTooComplex } from '../../schema/errors.js';
import { expandedFieldCount } from '../../schema/selection.js';

export function useExpansionLimit(maxExpandedFields: number): Plugin<GraphQLContext> {
  // Envelop runs this after every parse, yoga's parse cache hits included: count each document once.
  const counts = new WeakMap<DocumentNode, number>();
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if ((result as DocumentNode | null)?.kind !== Kind.DOCUMENT) return;
        const document = result as DocumentNode;
        let count = counts.get(document);
        if (count === undefined) {
          count = expandedFieldCount(document, maxExpandedFields);
          counts.set(document, count);
        }
        if (count <= maxExpandedFields) return;
        replaceParseResult(
          queryTooComplex(
            `The document expands to more than ${maxExpandedFields} fields once its fragments are spread ` +
              '(MAX_EXPANDED_FIELDS).',
            { limit: 'MAX_EXPANDED_FIELDS', max: maxExpandedFields },
          ),
        );
      };
    },
  };
}
