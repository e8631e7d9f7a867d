import { timingSafeEqual } from 'node:crypto';

/**
 * The checks that keep browser mode to the people it is served to.
 *
 * A web page anywhere can make the browser talk to our address, and DNS rebinding can
 * make a foreign name resolve to it: so the Host must be one of the names we serve (the
 * loopback names, or the listen address and the certificate's names) with our port, a
 * WebSocket's Origin must be our own page, and the WebSocket must present the host's
 * token or a participant's invite secret (compared in constant time).
 */
export interface ServedNames {
  readonly scheme: 'http' | 'https';
  readonly port: number;
  /** Host names and addresses (no port), lower case; IPv6 without brackets. */
  readonly names: readonly string[];
}

/** Loopback only, as `warroom web` has always served: 127.0.0.1 and localhost over HTTP. */
export function loopbackNames(port: number): ServedNames {
  return { scheme: 'http', port, names: ['127.0.0.1', 'localhost'] };
}

function authority(name: string, port: number): string {
  return `${name.includes(':') ? `[${name}]` : name}:${port}`;
}

export function allowedHosts(served: ServedNames): ReadonlySet<string> {
  return new Set(served.names.map((name) => authority(name, served.port)));
}

export function allowedOrigins(served: ServedNames): ReadonlySet<string> {
  return new Set(served.names.map((name) => `${served.scheme}://${authority(name, served.port)}`));
}

export function isAllowedHost(host: string | undefined, served: ServedNames): boolean {
  return host !== undefined && allowedHosts(served).has(host.toLowerCase());
}

export function isAllowedOrigin(origin: string | undefined, served: ServedNames): boolean {
  return origin !== undefined && allowedOrigins(served).has(origin.toLowerCase());
}

export function tokenMatches(presented: string | null | undefined, token: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
