import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

/** Upstream times are Unix seconds; clients get ISO-8601 strings. */
function toIsoString(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  throw new GraphQLError('DateTime cannot represent this value.');
}

function parseIsoString(value: unknown): Date {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('DateTime must be an ISO-8601 string.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(value);
}

builder.scalarType('DateTime', {
  description: 'A point in time as an ISO-8601 string in UTC, e.g. `2024-01-31T12:00:00.000Z`.',
  serialize: toIsoString,
  parseValue: parseIsoString,
  parseLiteral: (ast) => parseIsoString(ast.kind === Kind.STRING ? ast.value : undefined),
});
