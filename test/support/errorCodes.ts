/** The `extensions.code` values a client may see (docs/api.md), for tests that check answers are stable. */
import type { ErrorCode } from '../../src/schema/errors.js';

// A record, so that TypeScript fails here when the union gains or loses a code.
const API: Record<ErrorCode, true> = {
  BAD_USER_INPUT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  FEATURE_NOT_ENABLED: true,
  RATE_LIMITED: true,
  UPSTREAM_ERROR: true,
  UPSTREAM_UNAVAILABLE: true,
  QUERY_TOO_COMPLEX: true,
};

/** The codes our schema and plugins answer with. */
export const API_CODES: ReadonlySet<string> = new Set(Object.keys(API));

/** Those and yoga's request-level codes (parse, validation, persisted documents, body size). */
export const REQUEST_CODES: ReadonlySet<string> = new Set([
  ...API_CODES,
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_ONLY',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'REQUEST_ENTITY_TOO_LARGE',
]);
