// A participant's personal link in real Chromium: once the page has loaded, the secret is
// in neither the address bar nor the tab's history, no HTTP request carries it (only the
// WebSocket's own request line), and no request sends a Referer.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { serveWarRoom } from '../support/hosted-war-room';

const room = await serveWarRoom('127.0.0.6', 'warroom-hygiene-');
after(() => room.close());
const { cli, env, workspace, browser } = room;

function invite(name: string, expires: string): { link: string; secret: string } {
  const made = spawnSync(
    process.execPath,
    [cli, 'invite', 'checkout-4-2-demo-rehearsal', '--name', name, '--role', 'observer', '--expires', expires, '--workspace', workspace],
    { env, encoding: 'utf8' },
  );
  assert.equal(made.status, 0, made.stderr);
  const link = /link: (\S+)/.exec(made.stdout)![1]!;
  return { link, secret: new URLSearchParams(new URL(link).hash.slice(1)).get('invite')! };
}

test('after load the invite secret is gone from the address bar and history, and no HTTP request carries it or a Referer', async () => {
  const { link, secret } = invite('Hana', '2h');
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: { url: string; referer: string | undefined }[] = [];
  page.on('request', (request) => requests.push({ url: request.url(), referer: request.headers()['referer'] }));
  await page.goto(link);
  await page.getByTestId('whoami').filter({ hasText: 'Hana (observer)' }).waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the fragment is taken out of the address bar');
  assert.ok(!page.url().includes(secret));
  const carrying = requests.filter((request) => request.url.includes(secret) && !request.url.startsWith('wss:'));
  assert.deepEqual(carrying, [], 'no HTTP request names the secret');
  assert.deepEqual(
    requests.filter((request) => request.referer !== undefined && request.referer !== ''),
    [],
    `no Referer is sent: ${JSON.stringify(requests.filter((request) => request.referer !== undefined && request.referer !== '').slice(0, 3))}`,
  );
  // A reload keeps the participant in (the secret is kept for this tab only, in sessionStorage).
  await page.reload();
  await page.getByTestId('whoami').filter({ hasText: 'Hana (observer)' }).waitFor();
  // The tab's history: the blank page it opened on, then the app without the fragment.
  await page.goBack();
  assert.equal(page.url(), 'about:blank');
  await page.goForward();
  assert.ok(!page.url().includes(secret), `history holds ${page.url()}`);
  assert.equal(new URL(page.url()).hash, '');
  await context.close();
});
