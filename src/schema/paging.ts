/**
 * Forward-only Relay paging over upstream page tokens and offsets (design.md section 3). Pure functions:
 * argument checks, and turning one upstream page into edges and PageInfo.
 */
import type { SchemaSettings } from './context.js';
import { type CursorKind, type CursorPosition, decodeCursor, encodeCursor, START } from './cursor.js';
import { badUserInput } from './errors.js';

export const DEFAULT_FIRST = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageRequest {
  first: number;
  start: CursorPosition;
}

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface EdgeShape<Node> {
  cursor: string;
  node: Node;
  /** Unix seconds (followedAt / subscribedAt). */
  at: number | null;
}

export interface PageSlice<Node> {
  edges: EdgeShape<Node>[];
  pageInfo: PageInfoShape;
}

/** Validates connection arguments; throws BAD_USER_INPUT. */
export function readPageArgs(args: ConnectionArgs, kind: CursorKind, settings: SchemaSettings): PageRequest {
  if (args.last != null || args.before != null) {
    throw badUserInput(
      'Backward paging (`last` / `before`) is not supported: upstream only pages forward. Use `first` and `after`.',
      args.last != null ? 'last' : 'before',
    );
  }
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > settings.connectionMaxFirst) {
    throw badUserInput(`\`first\` must be from 0 to ${settings.connectionMaxFirst}.`, 'first');
  }
  const start = args.after != null ? decodeCursor(kind, args.after) : START;
  return { first, start };
}

/** How many items to ask upstream for: enough to skip past `after` and return `first`, within the cap. */
export function upstreamPageSize(request: PageRequest, max: number): number {
  return Math.max(1, Math.min(request.start.skip + request.first, max));
}

function pageInfo<Node>(edges: EdgeShape<Node>[], hasNextPage: boolean): PageInfoShape {
  return {
    hasNextPage,
    hasPreviousPage: false,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

/** Edges of a page read from `request.start.token` whose upstream continuation token is `next`. */
export function sliceTokenPage<Item, Node>(
  kind: CursorKind,
  request: PageRequest,
  items: readonly Item[],
  next: string,
  toEdge: (item: Item) => Omit<EdgeShape<Node>, 'cursor'>,
): PageSlice<Node> {
  const { start, first } = request;
  const taken = items.slice(start.skip, start.skip + first);
  const edges = taken.map((item, i) => {
    const position = start.skip + i + 1;
    const cursor =
      position >= items.length && next !== ''
        ? encodeCursor(kind, { token: next, skip: 0 })
        : encodeCursor(kind, { token: start.token, skip: position });
    return { ...toEdge(item), cursor };
  });
  const hasNextPage = items.length > start.skip + taken.length || next !== '';
  return { edges, pageInfo: pageInfo(edges, hasNextPage) };
}

/** Edges of an offset-paged list read from offset `request.start.skip`. */
export function sliceOffsetPage<Item, Node>(
  kind: CursorKind,
  request: PageRequest,
  items: readonly Item[],
  complete: boolean,
  toEdge: (item: Item) => Omit<EdgeShape<Node>, 'cursor'>,
): PageSlice<Node> {
  const offset = request.start.skip;
  const taken = items.slice(0, request.first);
  const edges = taken.map((item, i) => ({
    ...toEdge(item),
    cursor: encodeCursor(kind, { token: '', skip: offset + i + 1 }),
  }));
  const hasNextPage = items.length > taken.length || !complete;
  return { edges, pageInfo: pageInfo(edges, hasNextPage) };
}

/** Runs `fn` at most once, on first use: connection parts are fetched only when selected. */
export function lazy<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => {
    promise ??= fn();
    return promise;
  };
}

/** What a connection field resolves to; its fields pull only the parts they need. */
export interface ConnectionSource<Node> {
  totalCount: () => Promise<number>;
  page: () => Promise<PageSlice<Node>>;
}
