/**
 * What every batch mutation returns per requested id: the `MutationItemResult` interface, the object
 * type each mutation implements it with (its own status enum), and the payload's list and counts.
 */
import type { EnumRef, ObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserRef } from '../refs.js';

/** Concrete GraphQL type names of the item results (they resolve the interface). */
export type ItemTypeName = 'FollowResult' | 'UnfollowResult' | 'SubscribeResult' | 'UnsubscribeResult';

/** One requested id's outcome. */
export interface ItemResult<S extends string = string> {
  typeName: ItemTypeName;
  userId: string;
  status: S;
  ok: boolean;
  message: string | null;
  tencentCode: number | null;
  /** False when the account is known not to exist; `user` is then null. */
  exists: boolean;
}

export const MutationItemResultRef = builder.interfaceRef<ItemResult>('MutationItemResult').implement({
  description:
    'The outcome of one requested id of a batch mutation. Every payload has one item per distinct ' +
    'requested id, in the order the ids were first given.',
  resolveType: (item) => item.typeName,
  fields: (t) => ({
    userId: t.exposeID('userId', { description: 'The requested Chat UserID this item is about.' }),
    ok: t.exposeBoolean('ok', {
      description: 'True when the requested end state holds for this id (including "already done" statuses).',
    }),
    message: t.exposeString('message', {
      nullable: true,
      description: 'Why the item did not succeed, for people (not for matching); null on success.',
    }),
    tencentCode: t.exposeInt('tencentCode', {
      nullable: true,
      description:
        'The Tencent Cloud Chat error code behind a failure (per-item code, or the code of the upstream ' +
        'call this item was part of); null on success and for failures decided without upstream.',
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The user, for refetching fresh data (counts, relations) in the same request; null when the ' +
        'account does not exist.',
      extensions: upstreamCost(),
      resolve: (item) => (item.exists ? { id: item.userId } : null),
    }),
  }),
});

export type ItemResultRef = ObjectRef<BuilderTypes, ItemResult>;

/** `<Prefix>Result`: the interface's fields plus `status`, an enum of the mutation's own outcomes. */
export function itemResultType(
  typeName: ItemTypeName,
  description: string,
  status: EnumRef<BuilderTypes, string, string>,
): ItemResultRef {
  return builder.objectRef<ItemResult>(typeName).implement({
    description,
    interfaces: [MutationItemResultRef],
    isTypeOf: (item) => (item as ItemResult).typeName === typeName,
    fields: (t) => ({
      status: t.field({
        type: status,
        description: 'What happened.',
        extensions: upstreamCost(),
        resolve: (item) => item.status,
      }),
    }),
  });
}

interface PayloadShape {
  results: ItemResult[];
}

/** A payload's `results` list plus `succeededCount` / `failedCount`. */
export function resultListFields<P extends PayloadShape>(
  t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, P>,
  ResultRef: ItemResultRef,
) {
  return {
    results: t.field({
      type: [ResultRef],
      description: 'One item per distinct requested id, in first-occurrence order.',
      extensions: upstreamCost({ returns: 'page' }),
      resolve: (payload) => payload.results,
    }),
    succeededCount: t.int({
      description: 'Number of items with `ok: true`.',
      extensions: upstreamCost(),
      resolve: (payload) => payload.results.filter((item) => item.ok).length,
    }),
    failedCount: t.int({
      description: 'Number of items with `ok: false`.',
      extensions: upstreamCost(),
      resolve: (payload) => payload.results.filter((item) => !item.ok).length,
    }),
  };
}
