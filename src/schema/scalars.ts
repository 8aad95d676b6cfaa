import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

const twoDigits = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** Last second of 9999: later years need more digits (Date's expanded form). */
const MAX_FOUR_DIGIT_YEAR_SECONDS = 253_402_300_799;

/**
 * `new Date(seconds * 1000).toISOString()` for whole Unix seconds from 1970 to 9999, without a Date
 * (a page of follows serialises a hundred of them; Date's formatting is most of that cost). Days to a
 * civil date as in H. Hinnant's `civil_from_days`.
 */
export function isoStringOfSeconds(seconds: number): string {
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_FOUR_DIGIT_YEAR_SECONDS) {
    return new Date(seconds * 1000).toISOString();
  }
  const days = Math.floor(seconds / 86_400);
  const inDay = seconds - days * 86_400;
  const hours = Math.floor(inDay / 3600);
  const minutes = Math.floor((inDay % 3600) / 60);
  const secs = inDay % 60;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(secs)}.000Z`;
}

/** Upstream times are Unix seconds; clients get ISO-8601 strings. */
function toIsoString(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && Number.isFinite(value)) return isoStringOfSeconds(value);
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
