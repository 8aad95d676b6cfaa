/** Loopback checks behind the dev-auth rules (dev trusts headers, so it may only be reached locally). */

/** True when `host` (a bare host name or IP, IPv6 with or without brackets) is a loopback address. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** True when the URL's host is a loopback address. */
export function isLoopbackUrl(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}
