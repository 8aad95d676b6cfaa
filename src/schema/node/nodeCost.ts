import type { SelectionSetNode } from 'graphql';
/** What `node(id)` and `nodes(ids)` cost upstream: the existence check of each type the ids name. */
import { LOADER_COSTS } from '../../loaders/index.js';
import { type Load, type Returns, upstreamCost } from '../cost/upstreamCost.js';
import type { FragmentMap } from '../selection.js';
import { selectsFollowCount } from '../user/existence.js';
import { nodeTypename } from './nodeId.js';

/** The ids of the argument, as strings (unknown values, e.g. a missing variable, count as users). */
function idsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : ''];
}

/**
 * A user is proven to exist by follow_get_info when the selection asks for a follow count (`... on User
 * { followers { totalCount } }`), else by portrait_get; an official account by get_official_account_info.
 * For a list that mixes both types, each probe is charged on the whole list (a slight over-estimate).
 */
export function nodeCost(argument: 'id' | 'ids', returns: Returns) {
  return upstreamCost({
    returns,
    probeLoads: [LOADER_COSTS.counts, LOADER_COSTS.profiles, LOADER_COSTS.officialAccounts],
    probe: (selection: SelectionSetNode | undefined, fragments: FragmentMap, args) => {
      const types = new Set(idsOf(args[argument]).map(nodeTypename));
      const loads: Load[] = [];
      if (types.has('User')) {
        loads.push(
          selection !== undefined && selectsFollowCount(selection, fragments)
            ? LOADER_COSTS.counts
            : LOADER_COSTS.profiles,
        );
      }
      if (types.has('OfficialAccount')) loads.push(LOADER_COSTS.officialAccounts);
      return loads;
    },
  });
}
