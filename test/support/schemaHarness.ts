/**
 * Runs GraphQL operations directly against the real schema (`subgraphSchema()`), with a context built
 * the way src/server/context.ts builds it, over a FakeChatApi: no HTTP, no server, no emulator.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, execute, type GraphQLError, parse, validate } from 'graphql';
import { type EventBus, LocalEventBus } from '../../src/events/bus.js';
import { EventStreams } from '../../src/events/streams.js';
import { createLoaders } from '../../src/loaders/index.js';
import {
  DEFAULT_COST_SETTINGS,
  type GraphQLContext,
  type SchemaSettings,
  type Viewer,
} from '../../src/schema/context.js';
import { type CallEstimate, estimateUpstreamCalls } from '../../src/schema/cost/estimate.js';
import type { CostFacts } from '../../src/schema/cost/upstreamCost.js';
import { subgraphSchema } from '../../src/schema/index.js';
import { PendingWork } from '../../src/schema/pendingWork.js';
import type { ChatApi } from '../../src/tencent/api.js';
import { type Command, LIMITS } from '../../src/tencent/wire.js';
import { countCalls, type FakeChatApi, type RecordedCall } from './fakeChatApi.js';

export const schema = subgraphSchema();

/** The server's defaults (CONNECTION_MAX_FIRST, MUTATION_MAX_IDS, ...). */
export const SETTINGS: SchemaSettings = {
  ...DEFAULT_COST_SETTINGS,
  publicEventSubscriptions: false,
  countsIntervalMs: 1000,
  cursorKey: new Uint8Array(Buffer.from('schema specs sign their cursors with this key')),
};

/** Event streams fed by `bus`, as the server feeds them. */
function streamsOf(bus: EventBus): EventStreams {
  const streams = new EventStreams();
  bus.subscribe((events) => streams.deliver(events));
  return streams;
}

/** A signed-in user without roles. */
export function user(id: string): Viewer {
  return { id, roles: [], isAdmin: false };
}

/** A signed-in admin. */
export function admin(id = 'ops_admin'): Viewer {
  return { id, roles: ['admin'], isAdmin: true };
}

export interface ContextOptions {
  /** Default: anonymous. */
  viewer?: Viewer | null;
  settings?: Partial<SchemaSettings>;
  customProfileTags?: readonly string[];
  /** Where subscriptions read events (default: a bus nobody publishes on). */
  bus?: EventBus;
}

/** A request context like the server's: fresh loaders over an observed view of `api`, call counts. */
export function createTestContext(api: ChatApi, options: ContextOptions = {}): GraphQLContext {
  const upstreamCalls: Record<string, number> = {};
  const observedApi = api.observed({
    onCall: (event) => {
      upstreamCalls[event.command] = (upstreamCalls[event.command] ?? 0) + 1;
    },
  });
  const settings = { ...SETTINGS, ...options.settings };
  const loaders = () =>
    createLoaders(observedApi, {
      customProfileTags: options.customProfileTags ?? [],
    });
  const context: GraphQLContext = {
    viewer: options.viewer ?? null,
    api: observedApi,
    loaders: loaders(),
    settings,
    upstreamCalls,
    // A method on `this`: yoga hands resolvers a copy of this object, not this object.
    renewLoaders(this: GraphQLContext) {
      this.loaders = loaders();
    },
    events: streamsOf(options.bus ?? new LocalEventBus()),
    holdSubscription: () => () => {},
    work: new PendingWork(),
  };
  return context;
}

export interface RunOptions<TVariables> extends ContextOptions {
  variables?: TVariables;
  operationName?: string;
}

export interface RunResult<TData> {
  data: TData | null | undefined;
  errors: readonly GraphQLError[] | undefined;
  /** Calls the fake received during this operation, per command. */
  calls: Record<string, number>;
  /** Those calls, with their request bodies, in order. */
  log: RecordedCall[];
  /** The context's `upstreamCalls` (what the server would report in extensions.upstreamCalls). */
  upstreamCalls: Record<string, number>;
}

type Operation<TData, TVariables> = string | DocumentNode | TypedDocumentNode<TData, TVariables>;

function documentOf(operation: Operation<unknown, unknown>): DocumentNode {
  return typeof operation === 'string' ? parse(operation) : operation;
}

/** Validates and executes one operation against the schema, with a fresh context over `fake`. */
export async function run<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
  fake: FakeChatApi,
  operation: Operation<TData, TVariables>,
  options: RunOptions<TVariables> = {},
): Promise<RunResult<TData>> {
  const document = documentOf(operation);
  const mark = fake.log.length;
  const contextValue = createTestContext(fake, options);
  const validationErrors = validate(schema, document);
  const result =
    validationErrors.length > 0
      ? { errors: validationErrors, data: undefined }
      : await execute({
          schema,
          document,
          contextValue,
          variableValues: (options.variables ?? {}) as Record<string, unknown>,
          ...(options.operationName !== undefined && { operationName: options.operationName }),
        });
  const log = fake.log.slice(mark);
  return {
    data: result.data as TData | null | undefined,
    errors: result.errors,
    calls: countCalls(log),
    log,
    upstreamCalls: contextValue.upstreamCalls,
  };
}

export interface EstimateOptions {
  variables?: Record<string, unknown>;
  operationName?: string;
  connectionMaxFirst?: number;
  /** What the server would have learned before estimating (default: nothing, the worst case). */
  facts?: CostFacts;
  settings?: Partial<SchemaSettings>;
}

/** The server's pre-execution estimate of the operation's upstream calls (as useUpstreamCost runs it). */
export function estimate(
  operation: Operation<unknown, unknown>,
  options: EstimateOptions = {},
): CallEstimate | undefined {
  return estimateUpstreamCalls(
    schema,
    documentOf(operation),
    options.operationName,
    options.variables ?? {},
    {
      ...SETTINGS,
      ...options.settings,
      connectionMaxFirst: options.connectionMaxFirst ?? SETTINGS.connectionMaxFirst,
    },
    options.facts ?? {},
  );
}

/** `extensions.code` of each error, in order. */
export function codes(result: { errors?: readonly GraphQLError[] | undefined }): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions.code);
}

/** Short names of the commands the specs count. */
export const CMD = {
  followAdd: 'follow/follow_add',
  followDelete: 'follow/follow_delete',
  followCheck: 'follow/follow_check',
  followGet: 'follow/follow_get',
  followGetInfo: 'follow/follow_get_info',
  portraitGet: 'profile/portrait_get',
  oaInfo: 'official_account_open_http_svc/get_official_account_info',
  subscriberInfo: 'official_account_open_http_svc/get_subscriber_info',
  addSubscriber: 'official_account_open_http_svc/add_subscriber',
  deleteSubscriber: 'official_account_open_http_svc/delete_subscriber',
  subscribedList: 'official_account_open_http_svc/get_subscribed_official_account_list',
} as const satisfies Record<string, Command>;

export { LIMITS };
