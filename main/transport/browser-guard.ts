import { timingSafeEqual } from 'node:crypto';

/**
 * The checks that keep browser mode to the person who started it.
 *
 * A web page anywhere can make the browser talk to 127.0.0.1, and DNS rebinding can
 * make a foreign name resolve to it: so the Host must be the loopback address and our
 * port, a WebSocket's Origin must be our own page, and the WebSocket must present the
 * random token printed at start (compared in constant time).
 */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): ReadonlySet<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).has(host.toLowerCase());
}

export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedOrigins(port).has(origin.toLowerCase());
}

export function tokenMatches(presented: string | null | undefined, token: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
