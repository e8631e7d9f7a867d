import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startWarRoom, type RunningWarRoom } from '../support/browser-mode';
import { tempDir } from '../support/temp-dir';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

function tokenOf(url: string): string {
  return new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? '';
}

/** Kill the server as a crash would (no clean shutdown) and wait until it is gone. */
async function crash(app: RunningWarRoom): Promise<void> {
  const gone = new Promise((resolve) => app.process.once('exit', resolve));
  app.process.kill('SIGKILL');
  await gone;
}

async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('tab-timeline').click();
  await page.getByTestId('note-input').fill(text);
  await page.getByTestId('note-save').click();
  await page.getByTestId('timeline').getByText(text).first().waitFor();
}

test('the server goes away: a banner says so at once and the page is marked stale; the same tab reconnects to a restart on the same port', async () => {
  const workspace = tempDir('warroom-reconnect-');
  let app = await startWarRoom({ workspace });
  cleanups.push(() => app.stop());
  const browser: Browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(app.url);
  await page.getByTestId('release-name').waitFor();
  assert.equal(await page.getByTestId('connection-banner').count(), 0, 'no banner while connected');

  // The token is kept in the workspace, readable by its owner only.
  const tokenFile = join(workspace, 'web-token');
  assert.equal(readFileSync(tokenFile, 'utf8').trim(), tokenOf(app.url));
  assert.equal(statSync(tokenFile).mode & 0o777, 0o600);

  const port = new URL(app.url).port;
  await crash(app);
  const banner = page.getByTestId('connection-banner');
  await banner.waitFor({ timeout: 5000 });
  assert.match((await banner.textContent()) ?? '', /Connection to War Room lost since \d\d:\d\d:\d\d\. What you see below is stale/);
  assert.equal(await page.locator('.app').getAttribute('data-stale'), 'true');
  await page.screenshot({ path: join(screenshots, 'reconnect-server-gone.png') });

  // Restarted on the same workspace and port: same token, and the tab comes back by itself.
  app = await startWarRoom({ workspace, args: ['--port', port, '--no-demo'] });
  assert.equal(tokenOf(app.url), readFileSync(tokenFile, 'utf8').trim());
  await banner.waitFor({ state: 'detached', timeout: 15_000 });
  assert.equal(await page.locator('.app').getAttribute('data-stale'), null);
  await addNote(page, 'Back after the restart');
  await page.screenshot({ path: join(screenshots, 'reconnect-back.png') });
});

test('--new-token refuses the old token; opening the new address in the old tab reloads it with the new one', async () => {
  const workspace = tempDir('warroom-reconnect-');
  let app = await startWarRoom({ workspace });
  cleanups.push(() => app.stop());
  const browser: Browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(app.url);
  await page.getByTestId('release-name').waitFor();
  const oldToken = tokenOf(app.url);
  const port = new URL(app.url).port;

  await app.stop();
  app = await startWarRoom({ workspace, args: ['--port', port, '--no-demo', '--new-token'] });
  const newToken = tokenOf(app.url);
  assert.notEqual(newToken, oldToken, '--new-token rotates');
  assert.equal(readFileSync(join(workspace, 'web-token'), 'utf8').trim(), newToken);
  const banner = page.getByTestId('connection-banner');
  await banner.filter({ hasText: "War Room refuses this page's key" }).waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(screenshots, 'reconnect-refused.png') });

  // Only the fragment changes: the tab must take the new token, not keep the stale one.
  await page.goto(app.url);
  await banner.waitFor({ state: 'detached', timeout: 15_000 });
  await addNote(page, 'Reconnected with the new token');
  assert.equal(await page.evaluate('sessionStorage.getItem("warroom-token")'), newToken);
});
