/**
 * Runs GraphQL operations directly against the real schema (`subgraphSchema()`), with a context built
 * the way src/server/context.ts builds it, over a FakeChatApi: no HTTP, no server, no emulator.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, execute, type GraphQLError, parse, validate } from 'graphql';
import { createLoaders } from '../../src/loaders/index.js';
import type { GraphQLContext, SchemaSettings, Viewer } from '../../src/schema/context.js';
import { type CallEstimate, estimateUpstreamCalls } from '../../src/schema/cost/estimate.js';
import { subgraphSchema } from '../../src/schema/index.js';
import type { ChatApi } from '../../src/tencent/api.js';
import { type Command, LIMITS } from '../../src/tencent/wire.js';
import { countCalls, type FakeChatApi, type RecordedCall } from './fakeChatApi.js';

export const schema = subgraphSchema();

/** The server's defaults (CONNECTION_MAX_FIRST, MUTATION_MAX_IDS). */
export const SETTINGS: SchemaSettings = {
  connectionMaxFirst: 100,
  mutationMaxIds: 1000,
  followingLists: false,
  cursorKey: new Uint8Array(Buffer.from('schema specs sign their cursors with this key')),
};

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
}

/** A request context like the server's: fresh loaders over an observed view of `api`, call counts. */
export function createTestContext(api: ChatApi, options: ContextOptions = {}): GraphQLContext {
  const upstreamCalls: Record<string, number> = {};
  const observedApi = api.observed({
    onCall: (event) => {
      upstreamCalls[event.command] = (upstreamCalls[event.command] ?? 0) + 1;
    },
  });
  return {
    viewer: options.viewer ?? null,
    api: observedApi,
    loaders: createLoaders(observedApi, {
      customProfileTags: options.customProfileTags ?? [],
      followingLists: options.settings?.followingLists ?? SETTINGS.followingLists,
    }),
    settings: { ...SETTINGS, ...options.settings },
    upstreamCalls,
  };
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
    { ...SETTINGS, connectionMaxFirst: options.connectionMaxFirst ?? SETTINGS.connectionMaxFirst },
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
