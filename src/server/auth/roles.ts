/** Role lists from headers and token claims. */

/** Splits a comma- or space-separated role string; arrays keep their string members. */
export function parseRoles(value: unknown): string[] {
  const parts = Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : typeof value === 'string'
      ? value.split(/[\s,]+/)
      : [];
  return [...new Set(parts.map((role) => role.trim()).filter((role) => role !== ''))];
}

/** Reads a claim by name; a dotted name walks nested objects (e.g. `realm_access.roles`). */
export function readClaim(payload: Record<string, unknown>, name: string): unknown {
  if (name in payload) return payload[name];
  let current: unknown = payload;
  for (const part of name.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
