/** Per-operation result types: the `<Prefix>Status` enum and the `<Prefix>Result` item type. */
import type { ObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../builder.js';
import {
  countFields,
  type ItemResult,
  type ItemTypePrefix,
  MutationItemResultRef,
  type PayloadShape,
} from './results.js';

/** Enum values with their descriptions, in schema order. */
export type StatusTable = Readonly<Record<string, { readonly description: string }>>;

export type ItemResultRef = ObjectRef<BuilderTypes, ItemResult>;

/** The FAILED enum value every operation ends its table with; `participle` is e.g. "followed". */
export function failedStatus(participle: string) {
  return {
    description:
      `Not ${participle} for another reason (see \`tencentCode\` and \`message\`); includes failures of the ` +
      'upstream call this id was part of.',
  };
}

/** `outcome` completes "Outcome of …", e.g. "following one user". */
export function defineItemResult(
  typePrefix: ItemTypePrefix,
  outcome: string,
  statuses: StatusTable,
): ItemResultRef {
  const typeName = `${typePrefix}Result` as const;
  const StatusEnum = builder.enumType(`${typePrefix}Status`, {
    description: `Outcome of ${outcome}.`,
    values: statuses,
  });
  return builder.objectRef<ItemResult>(typeName).implement({
    description: `The outcome of ${outcome}.`,
    interfaces: [MutationItemResultRef],
    isTypeOf: (item) => (item as ItemResult).typeName === typeName,
    fields: (t) => ({
      status: t.field({
        type: StatusEnum,
        description: 'What happened.',
        resolve: (item) => item.status,
      }),
    }),
  });
}

/** A payload's `results` list plus `succeededCount` / `failedCount`. */
export function resultListFields<P extends PayloadShape<ItemResult>>(
  t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, P>,
  ResultRef: ItemResultRef,
) {
  return {
    results: t.field({
      type: [ResultRef],
      description: 'One item per distinct requested id, in first-occurrence order.',
      resolve: (payload) => payload.results,
    }),
    ...countFields(t),
  };
}
