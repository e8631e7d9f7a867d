import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { mainWindowOptions } from '../../main/electron/window-options';
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

const hostile = ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', 'https://warroom.evil.example/', 'app://warroom.evil/', 'https://user:pass@example.com/', 'http://127.0.0.1:9/'];

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

test('IPC requests are trusted only from the main frame of our window showing our page', async () => {
  const { isTrustedSender } = await import('../../main/electron/trusted-sender');
  const mainFrame = { url: 'app://warroom/index.html' };
  const window = { mainFrame } as never;
  assert.equal(isTrustedSender({ sender: window, senderFrame: mainFrame }, window), true);
  assert.equal(isTrustedSender({ sender: window, senderFrame: { url: 'app://warroom/index.html' } }, window), false, 'a subframe');
  assert.equal(isTrustedSender({ sender: {}, senderFrame: mainFrame }, window), false, 'another window');
  const navigatedAway = { url: 'https://evil.example/' };
  assert.equal(isTrustedSender({ sender: { mainFrame: navigatedAway }, senderFrame: navigatedAway }, { mainFrame: navigatedAway } as never), false, 'a foreign page');
  assert.equal(isTrustedSender({ sender: window, senderFrame: null }, window), false, 'a destroyed frame');
  assert.equal(isTrustedSender({ sender: window, senderFrame: mainFrame }, null), false, 'no window');
});
