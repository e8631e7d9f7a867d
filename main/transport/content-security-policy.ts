/**
 * The Content-Security-Policy of every War Room page. No 'unsafe-eval', no remote
 * origin: scripts come only from the app itself. Inline styles are allowed because
 * xterm.js and React set style attributes; inline scripts are not.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connectSources.map((source) => ` ${source}`).join('')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
