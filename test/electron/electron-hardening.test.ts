// Issue 13 item 14: DevTools, the PDF session, the app:// handler, the shipped-script
// entry and the CSP, each asserted on the glue itself (the Electron binary cannot be
// downloaded here; the fuses are asserted in test/packaging/electron-builder-config.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appFilePath } from '../../main/electron/app-protocol';
import { lockDownPdfSession, type PdfSession } from '../../main/electron/pdf-session';
import { shippedScript } from '../../main/electron/shipped-script';
import { createReportPdfWindow, mainWindowOptions } from '../../main/electron/window-options';
import { contentSecurityPolicy } from '../../main/transport/content-security-policy';
import { tempDir } from '../support/temp-dir';

test('DevTools are off in a packaged build (and in the PDF window always), on in development', () => {
  assert.equal(mainWindowOptions('/p.cjs', true).webPreferences!.devTools, false);
  assert.equal(mainWindowOptions('/p.cjs', false).webPreferences!.devTools, true);
  let options: { webPreferences?: { devTools?: boolean } } = {};
  createReportPdfWindow(
    class {
      constructor(given: typeof options) {
        options = given;
      }
    },
    {} as never,
  );
  assert.equal(options.webPreferences?.devTools, false);
  const main = readFileSync(new URL('../../main/electron/electron-main.ts', import.meta.url), 'utf8');
  assert.match(main, /createMainWindow\(BrowserWindow, .*, app\.isPackaged\)/, 'the app passes app.isPackaged');
});

test("the PDF window's session denies every permission and cancels every request but its data: URL", () => {
  const recorded: { request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void; check?: () => boolean } = {};
  let filter: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | undefined;
  const double = {
    setPermissionRequestHandler: (handler: typeof recorded.request) => (recorded.request = handler),
    setPermissionCheckHandler: (handler: typeof recorded.check) => (recorded.check = handler),
    webRequest: { onBeforeRequest: (handler: typeof filter) => (filter = handler) },
  } as unknown as PdfSession;
  lockDownPdfSession(double);
  for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'fullscreen']) {
    let granted: boolean | undefined;
    recorded.request!({}, permission, (answer) => (granted = answer));
    assert.equal(granted, false, permission);
  }
  assert.equal(recorded.check!(), false);
  const answers: boolean[] = [];
  for (const url of ['data:text/html;base64,PGgxPg==', 'https://example.com/x.png', 'file:///etc/passwd', 'app://warroom/index.html'])
    filter!({ url }, (response) => answers.push(response.cancel));
  assert.deepEqual(answers, [false, true, true, true]);
  const pdf = readFileSync(new URL('../../main/electron/report-pdf.ts', import.meta.url), 'utf8');
  assert.match(pdf, /lockDownPdfSession\(partition\)/);
});

test('app:// with a malformed percent-escape is a 404 (null), not a throw; climbing out, other hosts and NUL are 404 too', () => {
  const dir = '/opt/warroom/dist/renderer';
  assert.equal(appFilePath('app://warroom/%E0%A4%A', dir), null);
  assert.equal(appFilePath('app://warroom/assets/%', dir), null);
  assert.equal(appFilePath('app://warroom/..%2f..%2fetc/passwd', dir), null);
  assert.equal(
    appFilePath('app://warroom/%2e%2e/%2e%2e/etc/passwd', dir),
    join(dir, 'etc', 'passwd'),
    'dot segments are resolved by the URL parser, inside the folder',
  );
  assert.equal(appFilePath('app://warroom/index.html%00.png', dir), null);
  assert.equal(appFilePath('app://evil/index.html', dir), null);
  assert.equal(appFilePath('not a url', dir), null);
  assert.equal(appFilePath('app://warroom/index.html', dir), join(dir, 'index.html'));
  assert.equal(appFilePath('app://warroom/assets/a%20b.js', dir), join(dir, 'assets', 'a b.js'));
});

test('a packaged app runs only a shipped sandbox .mjs as a script (RunAsNode is off); anything else starts the app', () => {
  const assets = tempDir();
  const sandbox = join(assets, 'sandbox');
  mkdirSync(sandbox);
  writeFileSync(join(sandbox, 'sandboxctl.mjs'), '');
  writeFileSync(join(assets, 'evil.mjs'), '');
  assert.deepEqual(shippedScript(['/app/warroom', join(sandbox, 'sandboxctl.mjs'), 'health', '--dir', '/x'], sandbox), {
    script: join(sandbox, 'sandboxctl.mjs'),
    args: ['health', '--dir', '/x'],
  });
  assert.equal(shippedScript(['/app/warroom'], sandbox), null);
  assert.equal(shippedScript(['/app/warroom', join(assets, 'evil.mjs')], sandbox), null);
  assert.equal(shippedScript(['/app/warroom', join(sandbox, '..', 'evil.mjs')], sandbox), null);
  assert.equal(shippedScript(['/app/warroom', join(sandbox, 'missing.mjs')], sandbox), null);
  assert.equal(shippedScript(['/app/warroom', '--inspect', join(sandbox, 'sandboxctl.mjs')], sandbox), null);
  const main = readFileSync(new URL('../../main/electron/electron-main.ts', import.meta.url), 'utf8');
  assert.match(main, /utilityProcess\.fork\(/, 'the script runs in a utility process');
  assert.doesNotMatch(main, /ELECTRON_RUN_AS_NODE: '1'.*\n.*isPackaged/, 'a packaged app does not rely on ELECTRON_RUN_AS_NODE');
});

test("the CSP's style-src has no 'unsafe-inline'; style attributes are refused; <style> elements stay allowed for xterm.js", () => {
  const directives = new Map(
    contentSecurityPolicy()
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
  assert.deepEqual(directives.get('style-src'), ["'self'"]);
  assert.deepEqual(directives.get('style-src-attr'), ["'none'"]);
  assert.deepEqual(directives.get('style-src-elem'), ["'self'", "'unsafe-inline'"]);
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
});
