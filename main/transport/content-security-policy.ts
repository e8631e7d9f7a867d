/**
 * The Content-Security-Policy of every War Room page. No 'unsafe-eval', no remote
 * origin: scripts come only from the app itself; inline scripts never run.
 *
 * Styles: `style-src 'self'` (no 'unsafe-inline'). React's `style={{}}` props go through
 * the CSSOM, which CSP does not govern, so style attributes are refused outright
 * (`style-src-attr 'none'`): markup that reaches the page (a rendered runbook) cannot
 * restyle it. The one exception is `<style>` elements (`style-src-elem`): xterm.js
 * writes its scrollbar, theme and cell-size rules into `<style>` elements it creates at
 * run time with computed content, which no hash can name and which carry no nonce.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-elem 'self' 'unsafe-inline'",
    "style-src-attr 'none'",
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
