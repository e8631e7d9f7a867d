// Following and handing over in the app, in real Chromium, with two real `warroom web`
// processes and two workspaces: the host serves HTTPS on 127.0.0.2; pod B (on 127.0.0.1)
// follows it through "Follow a war room…" with an observer's invite, checking the
// certificate fingerprint the dialog shows; the replica updates live and says how stale it
// is; the host hands the pen over in the Share dialog; pod B's banner turns into "host",
// the old host follows pod B read-only, and "Stop following" stops it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium';
import { tempDir } from '../support/temp-dir';
import { workspaceWithRelease, connect, eventually } from '../follow/war-room-process';
import type { FollowConnection } from '../../main/api/follow/follow-client';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'dist', 'main', 'cli.js');
const screenshots = join(root, 'test-results');
mkdirSync(screenshots, { recursive: true });
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const env = { ...process.env };
delete env.NODE_TEST_CONTEXT;

/** `warroom web` with these arguments; what it printed once `pattern` matched. */
async function web(args: readonly string[], pattern: RegExp): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, [cli, 'web', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  const output = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`warroom web printed no ${pattern} within 20 s:\n${seen}`)), 20_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`warroom web exited with ${code}:\n${seen}`)));
  });
  return { child, output };
}

test('follow a war room through the dialog, see it live, and take the pen handed over in the Share dialog', { timeout: 240_000 }, async () => {
  const hostDir = tempDir('warroom-e2e-host-');
  const podDir = tempDir('warroom-e2e-pod-');
  const slug = await workspaceWithRelease(hostDir, 3);
  const host = await web(['--workspace', hostDir, '--listen', '127.0.0.2:0', '--no-demo'], /public key \(SPKI\) SHA-256: \S+/);
  const hostUrl = /open:\s+(https:\/\/127\.0\.0\.2:\d+\/#token=\S+)/.exec(host.output)![1]!;
  const fingerprint = /certificate SHA-256: (\S+)/.exec(host.output)![1]!;
  const spki = /public key \(SPKI\) SHA-256: (\S+)/.exec(host.output)![1]!;
  const pod = await web(['--workspace', podDir, '--no-demo'], /open:\s+http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
  const podUrl = /open:\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(pod.output)![1]!;

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS, `--ignore-certificate-errors-spki-list=${spki}`],
    headless: true,
  });
  cleanups.push(() => browser.close());
  const pageFor = async (url: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(url);
    await page.getByTestId('whoami').waitFor();
    return page;
  };
  const hostPage = await pageFor(hostUrl);
  const podPage = await pageFor(podUrl);

  // The release manager invites pod B as an observer (enough to follow).
  await hostPage.getByRole('button', { name: 'Share this war room…' }).click();
  await hostPage.getByTestId('invite-name').fill('Pod B');
  await hostPage.getByTestId('invite-role').selectOption('observer');
  await hostPage.getByRole('button', { name: 'Create invite link' }).click();
  const invite = await hostPage.getByTestId('invite-link').inputValue();
  assert.match(invite, /#invite=.*&fp=/);
  await hostPage.getByRole('button', { name: 'Close', exact: true }).click();

  // Pod B: "Follow a war room…", paste, check: the dialog shows the host and the fingerprint to compare.
  await podPage.getByRole('button', { name: 'Follow a war room…' }).click();
  await podPage.getByTestId('follow-link').fill(invite);
  await podPage.getByRole('button', { name: 'Check link' }).click();
  await podPage.getByTestId('follow-fingerprint').filter({ hasText: fingerprint }).waitFor();
  assert.equal(await podPage.getByTestId('follow-origin').textContent(), new URL(hostUrl).origin);
  await podPage.getByRole('radio', { name: /Payments 4\.2/ }).waitFor();
  const dialogShot = join(screenshots, 'follow-dialog.png');
  await podPage.locator('dialog[open]').screenshot({ path: dialogShot });
  await podPage.getByRole('button', { name: 'Follow', exact: true }).click();

  // Following: the release is in pod B's list, read-only, live; the banner says so and offers to stop.
  const badge = podPage.getByTestId(`following-${slug}`);
  await badge.filter({ hasText: /read-only · following 127\.0\.0\.2:\d+ · live/ }).waitFor({ timeout: 30_000 });
  const banner = podPage.getByTestId('follow-banner');
  await banner.filter({ hasText: /Following 127\.0\.0\.2:\d+ · live/ }).waitFor();
  await podPage.getByRole('button', { name: 'Stop following' }).waitFor();

  // Live: a note written on the host shows on pod B's timeline.
  const owner: FollowConnection = await connect(`${hostUrl}&fp=${fingerprint}`);
  cleanups.push(async () => owner.close());
  await owner.request('note.add', { slug, kind: 'note', text: 'DNS cut-over done, written on the host' });
  await podPage.getByRole('tab', { name: 'Timeline' }).click();
  await podPage.getByText('DNS cut-over done, written on the host').first().waitFor({ timeout: 30_000 });
  await podPage.screenshot({ path: join(screenshots, 'follow-following.png') });

  // The host hands the pen over in the Share dialog: the confirmation says who, to whom, at which seq.
  await hostPage.getByRole('button', { name: 'Share this war room…' }).click();
  await hostPage.getByTestId('follower-Pod B').getByRole('button', { name: 'Hand over the pen…' }).click({ timeout: 30_000 });
  const confirm = hostPage.getByTestId('handover-confirm');
  const head = (await owner.request('release.get', { slug })).head.seq;
  await confirm.filter({ hasText: `Hand the pen of Payments 4.2 to Pod B at seq ${head + 1}?` }).waitFor();
  assert.match((await confirm.textContent()) ?? '', /becomes a read-only follower of Pod B/);
  await hostPage.screenshot({ path: join(screenshots, 'follow-handover-confirm.png') });
  await hostPage.getByRole('button', { name: 'Hand over to Pod B' }).click();

  // Pod B is the host now: its banner says so, its list no longer marks the release, and it takes changes.
  await podPage.getByTestId('host-banner').filter({ hasText: `This War Room is the host now.` }).waitFor({ timeout: 30_000 });
  await podPage
    .getByTestId('host-banner')
    .filter({ hasText: `at seq ${head + 1}` })
    .waitFor();
  await badge.waitFor({ state: 'detached' });
  // The old host follows pod B, read-only.
  await hostPage
    .getByTestId('follow-banner')
    .filter({ hasText: /Following 127\.0\.0\.1:\d+ · live/ })
    .waitFor({ timeout: 30_000 });
  await hostPage
    .getByTestId(`following-${slug}`)
    .filter({ hasText: /read-only · following 127\.0\.0\.1:\d+/ })
    .waitFor();
  const onPod = await connect(podUrl);
  cleanups.push(async () => onPod.close());
  await onPod.request('note.add', { slug, kind: 'note', text: 'written by pod B, the new host' });
  const journal = (dir: string) => readFileSync(join(dir, 'releases', slug, 'journal.jsonl'));
  await eventually(() => journal(hostDir).equals(journal(podDir)), 'the old host to follow pod B byte for byte');
  await assert.rejects(owner.request('note.add', { slug, kind: 'note', text: 'the old host is read-only' }), /read-only replica/);

  // The old host stops following: the replica stays, read-only, marked stopped.
  await hostPage.getByRole('button', { name: 'Stop following' }).click();
  await hostPage
    .getByTestId('follow-banner')
    .filter({ hasText: /Replica of 127\.0\.0\.1:\d+ stopped at seq \d+/ })
    .waitFor();
  await hostPage
    .getByTestId(`following-${slug}`)
    .filter({ hasText: /stopped following/ })
    .waitFor();
  assert.ok(readFileSync(dialogShot).length > 10_000);
  if (process.env.WARROOM_DOCS_SCREENSHOTS) copyFileSync(dialogShot, join(root, 'docs', 'follow-dialog.png'));
});
