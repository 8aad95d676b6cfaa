/**
 * Relay Node ids. They are the ids the API already has, unchanged: a `User.id` is the Chat UserID and
 * an `OfficialAccount.id` is the official account id, which always starts with `@TOA#_` (Tencent
 * reserves that prefix: an official account is a C2C peer whose UserID is its id, docs/tencent-chat-api.md
 * section 3). So the type is read from the id itself: `@TOA#_...` is an OfficialAccount, anything else a
 * User, and the two cannot be confused. Federation keys and existing clients keep working as they were.
 */
import { OFFICIAL_ACCOUNT_PREFIX } from '../../tencent/wire.js';
import { badUserInput } from '../errors.js';
import { assertValidId } from '../validation.js';

export type NodeTypename = 'User' | 'OfficialAccount';

export interface NodeId {
  typename: NodeTypename;
  id: string;
}

/** The type an id names. */
export function nodeTypename(id: string): NodeTypename {
  return id.startsWith(OFFICIAL_ACCOUNT_PREFIX) ? 'OfficialAccount' : 'User';
}

/** The Node id of an object: its own id (checked against the scheme, so no type can hand out another's). */
export function encodeNodeId(typename: string, id: bigint | number | string): string {
  const raw = String(id);
  if (nodeTypename(raw) !== typename) {
    throw new Error(`A ${typename} id cannot be a Node id: ${typename} ids and Node ids must agree.`);
  }
  return raw;
}

/** A Node id from a client: checked like any id argument (BAD_USER_INPUT naming `argument`). */
export function decodeNodeId(globalId: string, argument = 'id'): NodeId {
  assertValidId(globalId, argument);
  if (globalId === OFFICIAL_ACCOUNT_PREFIX) {
    throw badUserInput(`\`${argument}\` needs a name after \`${OFFICIAL_ACCOUNT_PREFIX}\`.`, argument);
  }
  return { typename: nodeTypename(globalId), id: globalId };
}
