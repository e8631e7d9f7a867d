import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createMainWindow, createReportPdfWindow, mainWindowOptions } from '../../main/electron/window-options';
import { denyAllPermissions, guardWebContents, isAppUrl, type GuardedContents } from '../../main/electron/navigation-guard';
import { contentSecurityPolicy } from '../../main/transport/content-security-policy';

test('the window is locked down: context isolation, sandbox, no Node, web security', () => {
  const preferences = mainWindowOptions('/app/preload.cjs').webPreferences!;
  assert.equal(preferences.contextIsolation, true);
  assert.equal(preferences.sandbox, true);
  assert.equal(preferences.nodeIntegration, false);
  assert.equal(preferences.nodeIntegrationInWorker, false);
  assert.equal(preferences.nodeIntegrationInSubFrames, false);
  assert.equal(preferences.webSecurity, true);
  assert.equal(preferences.allowRunningInsecureContent, false);
  assert.equal(preferences.webviewTag, false);
  assert.equal(preferences.preload, '/app/preload.cjs');
  assert.equal(preferences.experimentalFeatures, false);
  assert.equal(preferences.disableBlinkFeatures, 'Auxclick');
});

/** Just enough of WebContents to drive the guard: its events and its window-open handler. */
class ContentsDouble extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  navigate(channel: string, url: string): boolean {
    let prevented = false;
    this.emit(channel, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

const hostile = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'file://warroom/index.html',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://warroom/1234',
  'https://warroom.evil.example/',
  'https://warroom/',
  'http://warroom/index.html',
  'app://warroom.evil/',
  'app://warroom.evil.example/index.html',
  'app://warr0om/index.html',
  'app://xn--warroom-9za/index.html',
  'app://warroom%2eevil/',
  'app://evil.example/warroom/index.html',
  'https://user:pass@example.com/',
  'http://127.0.0.1:9/',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
];

test('navigation away from the app and every window.open are refused', () => {
  const contents = new ContentsDouble();
  guardWebContents(contents as unknown as GuardedContents);
  for (const url of hostile) {
    assert.equal(contents.navigate('will-navigate', url), true, url);
    assert.equal(contents.navigate('will-redirect', url), true, url);
    assert.deepEqual(contents.openHandler!({ url }), { action: 'deny' });
  }
  assert.equal(contents.navigate('will-navigate', 'app://warroom/index.html'), false);
  assert.equal(contents.navigate('will-attach-webview', 'app://warroom/'), true);
  assert.deepEqual(contents.openHandler!({ url: 'https://status.example.com/incident/42' }), { action: 'deny' });
});

test('only our own origin counts as the app', () => {
  assert.equal(isAppUrl('app://warroom/index.html'), true);
  assert.equal(isAppUrl('app://warroom.evil/index.html'), false);
});

test('every permission request and check is denied', () => {
  let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  let checkHandler: (() => boolean) | null = null;
  denyAllPermissions({
    setPermissionRequestHandler: (handler: never) => (requestHandler = handler),
    setPermissionCheckHandler: (handler: never) => (checkHandler = handler),
  } as never);
  for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read']) {
    let granted: boolean | null = null;
    requestHandler!(null, permission, (value) => (granted = value));
    assert.equal(granted, false, permission);
  }
  assert.equal(checkHandler!(), false);
});

test('the CSP of the page (meta) and of the servers has no unsafe-eval and no remote script source', () => {
  const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(meta, 'index.html declares a CSP');
  for (const policy of [meta!, contentSecurityPolicy(), contentSecurityPolicy(['ws://127.0.0.1:1'])]) {
    assert.doesNotMatch(policy, /unsafe-eval/);
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /object-src 'none'/);
  }
});

const root = new URL('../../', import.meta.url).pathname;

/** Every source file of a layer (no node_modules, no build output). */
function sources(layer: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs|js|html)$/.test(name)) files.push(path);
    }
  };
  walk(join(root, layer));
  return files;
}

test('every window is made by the factories of window-options.ts: no other BrowserWindow, BrowserView or webview anywhere in main/', () => {
  let constructed: unknown;
  createMainWindow(
    class {
      constructor(options: unknown) {
        constructed = options;
      }
    },
    '/p.cjs',
    false,
  );
  assert.deepEqual(constructed, mainWindowOptions('/p.cjs'));
  const pdfSession = {} as never;
  createReportPdfWindow(
    class {
      constructor(options: unknown) {
        constructed = options;
      }
    },
    pdfSession,
  );
  const pdf = (constructed as { webPreferences: Record<string, unknown> }).webPreferences;
  assert.equal(pdf.javascript, false);
  assert.equal(pdf.session, pdfSession);
  assert.equal(pdf.preload, undefined);
  for (const key of ['contextIsolation', 'sandbox', 'webSecurity'] as const) assert.equal(pdf[key], true, key);
  for (const key of ['nodeIntegration', 'webviewTag', 'allowRunningInsecureContent'] as const) assert.equal(pdf[key], false, key);
  for (const file of sources('main')) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('window-options.ts')) continue;
    assert.doesNotMatch(text, /new\s+(BrowserWindow|BrowserView|WebContentsView)\b/, `${file} creates a window of its own`);
  }
});

test('no link is ever handed to the system browser: shell.openExternal is not called anywhere', () => {
  for (const file of [...sources('main'), ...sources('preload'), ...sources('renderer')]) {
    assert.doesNotMatch(readFileSync(file, 'utf8'), /openExternal\s*\(/, `${file} calls shell.openExternal`);
  }
});

test('every page carries the strict CSP, sources and built', () => {
  const pages = [...sources('renderer').filter((file) => file.endsWith('.html'))];
  const built = join(root, 'dist', 'renderer');
  if (existsSync(built)) for (const name of readdirSync(built)) if (name.endsWith('.html')) pages.push(join(built, name));
  assert.ok(pages.length > 0);
  for (const page of pages) {
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(page, 'utf8'))?.[1];
    assert.ok(policy, `${page} declares no CSP`);
    assert.match(policy!, /default-src 'none'/, page);
    assert.match(policy!, /script-src 'self'(;|$)/, page);
    // No eval, no wildcard source and no wildcard host (a wildcard port on loopback is fine).
    assert.doesNotMatch(policy!, /unsafe-eval|(^|\s)\*(\s|;|$)|:\/\/\*/, page);
  }
});
