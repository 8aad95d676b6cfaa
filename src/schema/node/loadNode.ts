/** Loads the objects Node ids name: an existence check per type, batched like `users(ids)`. */
import type { GraphQLContext } from '../context.js';
import { type ExistenceProbe, existingUsers } from '../user/existence.js';
import type { NodeId, NodeTypename } from './nodeId.js';

/** A Node as resolvers return it: the type (for the Node interface) and the id. */
export interface NodeShape {
  __typename: NodeTypename;
  id: string;
}

async function existingAccount(id: string, ctx: GraphQLContext): Promise<NodeShape | null> {
  return (await ctx.loaders.officialAccounts.load(id)) ? { __typename: 'OfficialAccount', id } : null;
}

/**
 * One entry per id, in input order: the object (a promise for an official account), null when it does
 * not exist, or a rejected promise
 * when its check failed (that entry only). Users are checked together (`existingUsers`), accounts
 * through the batched official-account loader.
 */
export async function loadNodes(
  nodes: readonly NodeId[],
  ctx: GraphQLContext,
  probe: ExistenceProbe,
): Promise<(NodeShape | null | Promise<NodeShape | null>)[]> {
  const userIds = nodes.filter((node) => node.typename === 'User').map((node) => node.id);
  const users = await existingUsers(userIds, ctx, probe);
  let nextUser = 0;
  return nodes.map((node) => {
    if (node.typename === 'OfficialAccount') return existingAccount(node.id, ctx);
    // A settled answer, or a rejected promise when this user's check failed.
    const user = users[nextUser++];
    if (user instanceof Promise) return user;
    return user ? { __typename: 'User', id: user.id } : null;
  });
}
