/**
 * Learning the facts some prices depend on (upstreamCost.ts `facts`), before the estimate.
 *
 * `viewerFollowing`: how many users the viewer follows, read as the viewer's whole following list
 * through the request's loader (at most 5 follow_get of 1,000). That read is not extra: the fields
 * priced from it (knownFollowers) need that very list, and the loader keeps it for them, so the
 * estimate and the execution see the same list. The estimate charges it like any other call.
 */
import { FollowListType } from '../../tencent/wire.js';
import type { GraphQLContext } from '../context.js';
import type { CostFact, CostFacts } from './upstreamCost.js';

export interface LearnOptions {
  /** May upstream be asked (false in a dry run: then only what needs no call is learned). */
  upstream: boolean;
}

export async function learnCostFacts(
  needed: ReadonlySet<CostFact>,
  ctx: GraphQLContext,
  options: LearnOptions,
): Promise<CostFacts> {
  const facts: CostFacts = {};
  if (needed.has('viewerFollowing')) {
    if (!ctx.viewer) facts.viewerFollowing = null;
    else if (options.upstream) {
      try {
        const list = await ctx.loaders.followLists.load({
          user: ctx.viewer.id,
          type: FollowListType.Follows,
        });
        if (list) facts.viewerFollowing = list.length;
      } catch {
        // Unknown: the estimate assumes the worst; the field reports the failure when it runs.
      }
    }
  }
  return facts;
}
