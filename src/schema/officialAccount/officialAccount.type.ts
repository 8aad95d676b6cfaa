import { LOADER_COSTS } from '../../loaders/index.js';
import type { OfficialAccountInfo } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { notFound } from '../errors.js';
import { OfficialAccountRef, type OfficialAccountShape, UserRef } from '../refs.js';
import { OFFICIAL_ACCOUNT_PREFIX, representationId } from '../validation.js';

/** The account's base info (get_official_account_info, batched 50 ids per call). */
export async function accountInfo(
  account: OfficialAccountShape,
  ctx: GraphQLContext,
): Promise<OfficialAccountInfo> {
  const info = await ctx.loaders.officialAccounts.load(account.id);
  if (!info) throw notFound(`Official account ${account.id} does not exist.`);
  return info;
}

OfficialAccountRef.implement({
  description: 'An official account ("Official Channel") users can subscribe to.',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => {
    // Every field but `id` reads the account's base info (get_official_account_info, 50 ids per call).
    const extensions = upstreamCost({ load: LOADER_COSTS.officialAccounts });
    const info =
      <T>(read: (info: OfficialAccountInfo) => T) =>
      (account: OfficialAccountShape, _args: object, ctx: GraphQLContext) =>
        accountInfo(account, ctx).then(read);
    return {
      id: t.exposeID('id', {
        description:
          'The official account id (starts with `@TOA#_`); the federation key and the Node id (Relay refetch).',
      }),
      name: t.string({
        extensions,
        description: 'Display name.',
        resolve: info((i) => i.Name ?? ''),
      }),
      introduction: t.string({
        extensions,
        nullable: true,
        description: 'Introduction text.',
        resolve: info((i) => i.Introduction || null),
      }),
      avatarUrl: t.string({
        extensions,
        nullable: true,
        description: 'Avatar image URL.',
        resolve: info((i) => i.FaceUrl || null),
      }),
      organization: t.string({
        extensions,
        nullable: true,
        description: 'Organization behind the account.',
        resolve: info((i) => i.Organization || null),
      }),
      customString: t.string({
        extensions,
        nullable: true,
        description: 'App-defined data.',
        resolve: info((i) => i.CustomString || null),
      }),
      createdAt: t.field({
        extensions,
        type: 'DateTime',
        nullable: true,
        description: 'When the account was created.',
        resolve: info((i) => i.CreateTime ?? null),
      }),
      lastMessageAt: t.field({
        extensions,
        type: 'DateTime',
        nullable: true,
        description: 'When the account last sent a message; null if never.',
        resolve: info((i) => (i.LastMsgTime ? i.LastMsgTime : null)),
      }),
      subscriberCount: t.int({
        extensions,
        description: 'Number of subscribers.',
        resolve: info((i) => i.SubscriberNum ?? 0),
      }),
      maxSubscriberCount: t.int({
        extensions,
        nullable: true,
        description: 'Subscriber limit of this account.',
        resolve: info((i) => i.MaxSubscriberNum ?? null),
      }),
      owner: t.field({
        extensions: upstreamCost({ load: LOADER_COSTS.officialAccounts, returns: 'one' }),
        type: UserRef,
        nullable: true,
        description: 'The user who owns the account.',
        resolve: info((i) => (i.Owner_Account ? { id: i.Owner_Account } : null)),
      }),
    };
  },
});

// Resolving a reference from another subgraph costs nothing upstream; a malformed id fails only its own
// entity.
builder.asEntity(OfficialAccountRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (ref) => ({
    id: representationId(ref, 'OfficialAccount', OFFICIAL_ACCOUNT_PREFIX),
  }),
});
