import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startWarRoom } from '../support/browser-mode';
import { builtCli } from '../support/built-cli';
import { tempDir } from '../support/temp-dir';
import { workspaceWithRelease } from '../follow/war-room-process';

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

test('a replica shows "Following <host> · live", then how stale it is once the host is gone', { timeout: 120_000 }, async () => {
  const hostWorkspace = tempDir('warroom-e2e-host-');
  const slug = await workspaceWithRelease(hostWorkspace, 3);
  const host = await startWarRoom({ workspace: hostWorkspace, args: ['--no-demo'] });
  cleanups.push(() => host.stop());
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const follower = spawn(
    process.execPath,
    [builtCli, 'follow', host.url, '--workspace', tempDir('warroom-e2e-follower-'), '--release', slug, '--name', 'pod-b'],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  cleanups.push(() => new Promise((resolve) => (follower.exitCode !== null ? resolve(null) : (follower.once('exit', resolve), follower.kill('SIGTERM')))));
  const followerUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`warroom follow printed no URL:\n${output}`)), 30_000);
    follower.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /open:\s+(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  const browser: Browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await browser.newPage();
  await page.goto(followerUrl);
  const banner = page.getByTestId('follow-banner');
  await banner.waitFor();
  await banner.filter({ hasText: '· live' }).waitFor();
  assert.match((await banner.textContent()) ?? '', new RegExp(`Following ${new URL(host.url).host} · live`));
  await host.process.kill('SIGKILL');
  // The seconds count up while the host is gone: wait for the words, not a fixed time.
  // The stale seconds and the reason come from two moments (the last answer, the failed reconnect): wait for both.
  await banner.filter({ hasText: /Following 127\.0\.0\.1:\d+ · (?:[2-9]|\d{2,}) s stale.*host unreachable/ }).waitFor({ timeout: 30_000 });
  assert.match((await banner.textContent()) ?? '', /host unreachable/);
});
