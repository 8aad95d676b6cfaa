/**
 * A page of users (a connection's `nodes` or `edges { node }`) whose fields read nothing but follow
 * counts and relations to the viewer (a list of people with their counts and a follow button) starts
 * those reads for the whole page and waits for them before it returns. Then each of those fields answers
 * with a plain value instead of a promise each: the same upstream calls, in the same round trip.
 *
 * When the selection reads anything else (a profile, a page, a field under a directive), the page
 * returns at once as before, so that every read below it joins the same round trip.
 */
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { relationKey } from '../../loaders/index.js';
import type { GraphQLContext } from '../context.js';
import type { UserShape } from '../refs.js';
import { type FragmentMap, fieldsWithoutDirectives, perFieldNode } from '../selection.js';
import { allSettled } from '../settle.js';

/** The per-user reads a selection on User makes, when they are all it makes. */
interface UserReads {
  counts: boolean;
  /** `isFollowingViewer`: follow_check. */
  relation: boolean;
  /** `viewerIsFollowing`: follow_check, or the viewer's whole list with `followingLists`. */
  viewerIsFollowing: boolean;
}

const FREE_USER_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id']);
const COUNT_LISTS: ReadonlySet<string> = new Set(['followers', 'following', 'mutuals']);
const COUNT_FIELDS: ReadonlySet<string> = new Set(['__typename', 'totalCount']);
/** Edge fields that read nothing upstream (the node's own fields are looked at separately). */
const FREE_EDGE_FIELDS: ReadonlySet<string> = new Set(['__typename', 'cursor', 'followedAt', 'subscribedAt']);

/** Adds what `fields` (on User) read to `reads`; false when one of them reads something else. */
function addUserReads(fields: readonly FieldNode[], fragments: FragmentMap, reads: UserReads): boolean {
  for (const field of fields) {
    const name = field.name.value;
    if (FREE_USER_FIELDS.has(name)) continue;
    if (name === 'viewerIsFollowing') reads.viewerIsFollowing = true;
    else if (name === 'isFollowingViewer') reads.relation = true;
    else if (COUNT_LISTS.has(name) && !field.arguments?.length && field.selectionSet) {
      const inner = fieldsWithoutDirectives(field.selectionSet, fragments);
      if (!inner?.every((f) => COUNT_FIELDS.has(f.name.value))) return false;
      reads.counts = true;
    } else return false;
  }
  return true;
}

/** What the users of a page read below `nodes` or `edges`, or null when it is not only counts and relations. */
function pageUserReads(info: GraphQLResolveInfo, via: 'nodes' | 'edges'): UserReads | null {
  const reads: UserReads = { counts: false, relation: false, viewerIsFollowing: false };
  for (const node of info.fieldNodes) {
    const fields = node.selectionSet && fieldsWithoutDirectives(node.selectionSet, info.fragments);
    if (!fields) return null;
    if (via === 'nodes') {
      if (!addUserReads(fields, info.fragments, reads)) return null;
      continue;
    }
    for (const edgeField of fields) {
      if (FREE_EDGE_FIELDS.has(edgeField.name.value)) continue;
      if (edgeField.name.value !== 'node' || !edgeField.selectionSet) return null;
      const userFields = fieldsWithoutDirectives(edgeField.selectionSet, info.fragments);
      if (!userFields || !addUserReads(userFields, info.fragments, reads)) return null;
    }
  }
  return reads;
}

/** `pageUserReads`, worked out once per field node of a (cached) document. */
const readsOf = perFieldNode(pageUserReads);

/**
 * Starts the counts and relations `users` will read below `info` (a connection's `nodes` or `edges`)
 * and resolves once they are in; undefined (return at once) when the selection reads anything else,
 * or nothing that needs waiting for.
 */
export function pageReads(
  users: readonly UserShape[],
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  via: 'nodes' | 'edges',
): Promise<void> | undefined {
  const reads = readsOf(info, via);
  if (!reads || users.length === 0) return undefined;
  // With lists, `viewerIsFollowing` reads the viewer's list first and follow_check only without one.
  if (reads.viewerIsFollowing && ctx.settings.followingLists) return undefined;
  const viewer = ctx.viewer?.id;
  const relations = viewer !== undefined && (reads.relation || reads.viewerIsFollowing);
  if (!reads.counts && !relations) return undefined;
  const waits: Promise<unknown>[] = [];
  for (const { id } of users) {
    if (reads.counts) waits.push(ctx.loaders.countsOf(id));
    if (relations && id !== viewer) waits.push(ctx.loaders.relations.load(relationKey(viewer, id)));
  }
  return waits.length > 0 ? allSettled(waits) : undefined;
}
