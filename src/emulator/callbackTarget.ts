/** Validates where callbacks go (POST /__emulator/callback, EMULATOR_CALLBACK_URL). */
import type { CallbackTarget } from './callbacks.js';

export function parseCallbackTarget(doc: unknown): CallbackTarget {
  const { url, token } = (doc ?? {}) as { url?: unknown; token?: unknown };
  if (typeof url !== 'string') throw new Error('url is required');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('url must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('url must be http(s)');
  if (parsed.search || parsed.hash) throw new Error('url must not carry a query or fragment');
  if (token !== undefined && (typeof token !== 'string' || token === '')) {
    throw new Error('token must be a non-empty string');
  }
  return { url: parsed.toString(), ...(token !== undefined && { token }) };
}
