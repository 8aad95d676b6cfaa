/**
 * Forward-only Relay paging over upstream page tokens and offsets (docs/design.md section 3). Pure functions:
 * argument checks, and turning one upstream page into edges and PageInfo.
 */
import type { SchemaSettings } from '../context.js';
import { badUserInput } from '../errors.js';
import { type CursorPosition, type CursorScope, cursorEncoder, decodeCursor, START } from './cursor.js';

export const DEFAULT_FIRST = 20;

/** `first` when a query omits it: DEFAULT_FIRST, or the configured maximum if that is lower. */
export function defaultFirst(connectionMaxFirst: number): number {
  return Math.min(DEFAULT_FIRST, connectionMaxFirst);
}

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

/**
 * One page of a connection. Its nodes are built with it; its edges and their cursors (a signature and an
 * encoding each) only when a query selects them, and without a closure per edge.
 */
export class PageSlice<Node> {
  private edgeList: EdgeShape<Node>[] | undefined;

  constructor(
    readonly nodes: readonly Node[],
    private readonly times: readonly (number | null)[],
    /** The cursor after the `index`-th node of this page. */
    private readonly cursorAt: (index: number) => string,
    readonly hasNextPage: boolean,
    /** endCursor of an empty page (null: nothing to point at). */
    private readonly emptyEndCursor: () => string | null = () => null,
  ) {}

  get edges(): EdgeShape<Node>[] {
    this.edgeList ??= this.nodes.map((_, index) => new Edge(this, index));
    return this.edgeList;
  }

  get pageInfo(): PageInfoShape {
    const last = this.nodes.length - 1;
    return {
      hasNextPage: this.hasNextPage,
      hasPreviousPage: false,
      startCursor: last >= 0 ? this.cursorAt(0) : null,
      endCursor: last >= 0 ? this.cursorAt(last) : this.emptyEndCursor(),
    };
  }

  cursor(index: number): string {
    return this.cursorAt(index);
  }

  time(index: number): number | null {
    return this.times[index] ?? null;
  }
}

class Edge<Node> implements EdgeShape<Node> {
  constructor(
    private readonly page: PageSlice<Node>,
    private readonly index: number,
  ) {}

  get node(): Node {
    return this.page.nodes[this.index] as Node;
  }

  get at(): number | null {
    return this.page.time(this.index);
  }

  get cursor(): string {
    return this.page.cursor(this.index);
  }
}

/** How an upstream item becomes a node and its time. */
export interface PageItems<Item, Node> {
  node(item: Item): Node;
  at(item: Item): number | null;
}

/** Validates connection arguments; throws BAD_USER_INPUT. */
export function readPageArgs(
  args: ConnectionArgs,
  scope: CursorScope,
  settings: SchemaSettings,
): PageRequest {
  if (args.last != null || args.before != null) {
    throw badUserInput(
      'Backward paging (`last` / `before`) is not supported: upstream only pages forward. Use `first` and `after`.',
      args.last != null ? 'last' : 'before',
    );
  }
  const first = args.first ?? defaultFirst(settings.connectionMaxFirst);
  if (!Number.isInteger(first) || first < 0 || first > settings.connectionMaxFirst) {
    throw badUserInput(`\`first\` must be from 0 to ${settings.connectionMaxFirst}.`, 'first');
  }
  const start = args.after != null ? decodeCursor(scope, args.after) : START;
  return { first, start };
}

/** How many items to ask upstream for: enough to skip past `after` and return `first`, within the cap. */
export function upstreamPageSize(request: PageRequest, max: number): number {
  return Math.max(1, Math.min(request.start.skip + request.first, max));
}

/**
 * The page read from `request.start.token` whose upstream continuation token is `next`. When `after`
 * points past the end of the page (the page shrank since the cursor was made) while upstream has more,
 * the page is empty but `endCursor` points at `next`, so the client can go on.
 */
export function sliceTokenPage<Item, Node>(
  scope: CursorScope,
  request: PageRequest,
  items: readonly Item[],
  next: string,
  read: PageItems<Item, Node>,
): PageSlice<Node> {
  const { start, first } = request;
  const taken = items.slice(start.skip, start.skip + first);
  const encode = cursorEncoder(scope);
  const cursorAt = (index: number) => {
    const position = start.skip + index + 1;
    return position >= items.length && next !== '' ? encode(next, 0) : encode(start.token, position);
  };
  const hasNextPage = items.length > start.skip + taken.length || next !== '';
  const pastEnd = start.skip >= items.length && next !== '';
  return new PageSlice(taken.map(read.node), taken.map(read.at), cursorAt, hasNextPage, () =>
    pastEnd ? encode(next, 0) : null,
  );
}

/** The page of an offset-paged list read from offset `request.start.skip`. */
export function sliceOffsetPage<Item, Node>(
  scope: CursorScope,
  request: PageRequest,
  items: readonly Item[],
  complete: boolean,
  read: PageItems<Item, Node>,
): PageSlice<Node> {
  const offset = request.start.skip;
  const taken = items.slice(0, request.first);
  const encode = cursorEncoder(scope);
  const hasNextPage = items.length > taken.length || !complete;
  return new PageSlice(
    taken.map(read.node),
    taken.map(read.at),
    (index) => encode('', offset + index + 1),
    hasNextPage,
  );
}

/** One item of a whole list read in full (upstream order), with what its edge shows. */
export interface WholeListItem<Node> {
  /** Identifies the item in the list (a user id). */
  key: string;
  /** Unix seconds: where the item sits in the list's order (newest first). */
  at: number;
  node: Node;
}

/** The position after an item of a whole list: its time and key (`<at>:<key>`). */
function wholeListToken(item: { key: string; at: number }): string {
  return `${item.at}:${item.key}`;
}

/**
 * Where a page of a whole list starts. A cursor names the item it follows (time and key), not an
 * offset, so items that come or go earlier in the list shift nothing: the page goes on after that
 * item, or, if it has left the list, after the items at least as new as it was.
 */
function wholeListStart(items: readonly { key: string; at: number }[], token: string): number {
  if (token === '') return 0;
  const colon = token.indexOf(':');
  const at = Number(token.slice(0, colon));
  if (colon < 1 || !Number.isSafeInteger(at)) {
    throw badUserInput('`after` is not a valid cursor for this list.', 'after');
  }
  const key = token.slice(colon + 1);
  const index = items.findIndex((item) => item.key === key);
  if (index >= 0) return index + 1;
  const later = items.findIndex((item) => item.at < at);
  return later < 0 ? items.length : later;
}

/**
 * A page of a list read whole (bounded by Tencent's cap of 5,000), filtered or derived, paged with the
 * same opaque cursors as the other lists; `totalCount` is the length of the whole filtered list.
 */
export function sliceWholeList<Node>(
  scope: CursorScope,
  request: PageRequest,
  items: readonly WholeListItem<Node>[],
): PageSlice<Node> {
  const from = wholeListStart(items, request.start.token) + request.start.skip;
  const taken = items.slice(from, from + request.first);
  const encode = cursorEncoder(scope);
  return new PageSlice(
    taken.map((item) => item.node),
    taken.map((item) => item.at),
    (index) => encode(wholeListToken(taken[index] as WholeListItem<Node>), 0),
    from + taken.length < items.length,
  );
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
  /** A plain number when it is known already (no promise to settle per connection). */
  totalCount: () => number | Promise<number>;
  page: () => Promise<PageSlice<Node>>;
}
