import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { RunningWarRoom } from '../support/browser-mode';
import { openCockpit, type CockpitSession } from '../support/cockpit-session';
import { sessionProcesses } from '../../main/pty/session-processes';
import { v2WithoutTty } from '../pty/asciicast-fixtures';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

let app: RunningWarRoom;
let session: CockpitSession;
let page: Page;
let pageErrors: string[];

before(async () => {
  session = await openCockpit();
  ({ app, page, pageErrors } = session);
  await page.getByTestId('tab-terminals').click();
});

after(() => session?.close());

function journal(): { type: string; data: Record<string, unknown> }[] {
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  return readFileSync(join(app.workspace, 'releases', slug!, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** A process's command name, '' once it is gone. */
function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** The text in a terminal's buffer, whichever renderer xterm uses. */
async function screenText(pane: Locator): Promise<string> {
  return pane
    .locator('[data-renderer]')
    .first()
    .evaluate((element) => (element as unknown as { readScreen(): string }).readScreen());
}

/** The last line of the screen that is only a number (what `tput cols` printed). */
function lastNumber(screen: string): number {
  return Number([...screen.matchAll(/^(\d{2,3})$/gm)].at(-1)![1]);
}

async function waitForScreen(pane: Locator, pattern: RegExp, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (pattern.test(await screenText(pane))) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`the terminal never showed ${what}; screen: ${JSON.stringify(await screenText(pane))}`);
}

test('a sandbox terminal opens, echoes what is typed, and the command reaches the timeline with its exit code', async () => {
  await page.getByTestId('open-terminal-sandbox').click();
  const pane = page.getByTestId('terminal-pane-sandbox');
  await pane.waitFor();
  await pane.locator('.xterm').waitFor();
  await pane.locator('.xterm').click();
  await page.keyboard.type('echo hello');
  await page.keyboard.press('Enter');
  await waitForScreen(pane, /^hello$/m, 'the output of echo hello');
  await page.screenshot({ path: join(screenshots, 'terminals-sandbox.png') });

  const deadline = Date.now() + 10_000;
  while (!journal().some((event) => event.type === 'terminal.command-finished' && event.data['command'] === 'echo hello') && Date.now() < deadline)
    await page.waitForTimeout(100);
  const command = journal().find((event) => event.type === 'terminal.command-finished' && event.data['command'] === 'echo hello');
  assert.ok(command, 'the command is journaled');
  assert.equal(command.data['exitCode'], 0);
  assert.equal(command.data['targetId'], 'sandbox');

  // A journal event while the session runs becomes a marker in its recording.
  await page.getByTestId('tab-timeline').click();
  await page.getByTestId('note-input').fill('Canary at 10%: error rate flat');
  await page.getByTestId('note-save').click();
  const row = page.getByTestId('timeline').locator('tr', { hasText: 'sandbox (local) $ echo hello' });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /exit 0/);
  await page.screenshot({ path: join(screenshots, 'terminals-timeline.png') });
  await page.getByTestId('tab-terminals').click();
});

test('Ctrl+Shift+F finds in the output: matches counted, next and previous, Escape gives the keyboard back', async () => {
  const pane = page.getByTestId('terminal-pane-sandbox');
  await pane.locator('.xterm').click();
  // The command line itself does not contain the word searched for.
  await page.keyboard.type('for i in 1 2 3; do echo "nee""dle-$i"; done');
  await page.keyboard.press('Enter');
  await waitForScreen(pane, /^needle-3$/m, 'the three lines');
  await page.keyboard.press('Control+Shift+F');
  const bar = pane.getByTestId('terminal-search');
  await bar.waitFor();
  await page.keyboard.type('needle');
  const count = pane.getByTestId('terminal-search-count');
  await count.filter({ hasText: /of 3$/ }).waitFor();
  await page.keyboard.press('Enter');
  const after = (await count.textContent()) ?? '';
  await page.keyboard.press('Shift+Enter');
  assert.notEqual(await count.textContent(), after, 'Shift+Enter goes back a match');
  await page.keyboard.type('-7');
  await count.filter({ hasText: 'no match' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'terminals-find.png') });
  await page.keyboard.press('Escape');
  await bar.waitFor({ state: 'detached' });
  // The keyboard is the terminal's again.
  await page.keyboard.type('echo back-$((40+2))');
  await page.keyboard.press('Enter');
  await waitForScreen(pane, /^back-42$/m, 'typing after the find bar closed');
});

test('Alt+3 and Alt+N work from inside a terminal, and the shell never gets the key', async () => {
  const pane = page.getByTestId('terminal-pane-sandbox');
  await pane.locator('.xterm').click();
  await page.keyboard.type('echo alt-');
  await page.keyboard.press('Alt+3');
  await page.getByTestId('tab-risks').and(page.locator('[aria-selected="true"]')).waitFor({ timeout: 5_000 });
  await page.keyboard.press('Alt+2');
  await pane.locator('.xterm').click();
  await page.keyboard.press('Alt+N');
  const dialog = page.getByTestId('quick-add');
  await dialog.waitFor({ timeout: 5_000 });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await pane.locator('.xterm').click();
  // Had bash read Alt+3 (digit argument 3) the next letter would come out three times; Alt+N would have searched history.
  await page.keyboard.type('done');
  await page.keyboard.press('Enter');
  await waitForScreen(pane, /^alt-done$/m, 'the line typed around the shortcuts, unchanged');
  assert.doesNotMatch(await screenText(pane), /\(arg: \d\)/, 'bash never saw a digit argument');
});

test('a command that fails shows its exit code, Ctrl-C interrupts, and the session end shows the exit code', async () => {
  const pane = page.getByTestId('terminal-pane-sandbox');
  await pane.locator('.xterm').click();
  await page.keyboard.type('sleep 30');
  await page.keyboard.press('Enter');
  // Ctrl-C once sleep runs (before, it would only cancel the line being read).
  const shell = Number(journal().find((event) => event.type === 'terminal.session-opened' && event.data['targetId'] === 'sandbox')?.data['pid']);
  const started = Date.now() + 10_000;
  while (!sessionProcesses(shell).some((identity) => processName(identity.pid) === 'sleep') && Date.now() < started) await page.waitForTimeout(50);
  await page.keyboard.press('Control+C');
  await page.keyboard.type('exit 3');
  await page.keyboard.press('Enter');
  await pane.getByTestId('exit-badge').waitFor();
  assert.equal(await pane.getByTestId('exit-badge').textContent(), 'exited with code 3');
  const deadline = Date.now() + 10_000;
  while (!journal().some((event) => event.type === 'terminal.session-closed') && Date.now() < deadline) await page.waitForTimeout(100);
  const closed = journal().find((event) => event.type === 'terminal.session-closed');
  assert.ok(closed, 'the session end is journaled');
  assert.equal(closed.data['exitCode'], 3);
  assert.match(String(closed.data['sha256']), /^[0-9a-f]{64}$/);
  const sleep = journal().find((event) => event.type === 'terminal.command-finished' && event.data['command'] === 'sleep 30');
  assert.ok(
    sleep,
    `the interrupted sleep is journaled (commands: ${JSON.stringify(journal().flatMap((event) => (event.type === 'terminal.command-finished' ? [event.data['command']] : [])))})`,
  );
  assert.equal(sleep.data['exitCode'], 130, 'Ctrl-C reached the process');
  // The timeline says how the session ended and how long it ran.
  assert.equal(closed.data['endedBy'], 'exited');
  await page.getByTestId('tab-timeline').click();
  const ended = page.getByTestId('timeline').locator('tr', { hasText: 'Terminal on sandbox (local) ended after' });
  await ended.first().waitFor();
  assert.match((await ended.first().textContent()) ?? '', /ended after [\d.]+ (s|min).*: exited with code 3/);
  await page.getByTestId('tab-terminals').click();
});

test('a production target outside the window is held until a written override, then has a red banner and asks before the first keystroke', async () => {
  await page.getByRole('button', { name: '+ Target' }).click();
  await page.getByLabel('Id', { exact: true }).fill('prod-eu');
  await page.getByLabel('Name', { exact: true }).fill('prod-eu');
  await page.getByTestId('target-environment').selectOption('production');
  await page.getByLabel('Command', { exact: true }).fill('/bin/bash');
  await page.getByRole('button', { name: 'Save target' }).click();
  await page.getByTestId('open-terminal-prod-eu').click();
  // The demo's window is days away: the schedule holds a production terminal until someone writes why.
  const held = page.getByTestId('terminal-held');
  await held.waitFor();
  assert.match(await held.innerText(), /held by the release schedule/);
  assert.equal(await page.getByTestId('terminal-override-open').isDisabled(), true, 'no override without a reason');
  await page.getByTestId('terminal-override-reason').fill('Hotfix verification agreed with the incident commander');
  await page.screenshot({ path: join(screenshots, 'terminals-held-override.png') });
  await page.getByTestId('terminal-override-open').click();
  const pane = page.getByTestId('terminal-pane-prod-eu');
  await pane.getByTestId('production-banner').waitFor();
  assert.equal(await held.count(), 0, 'the held panel is gone once the terminal opens');
  assert.ok(
    journal().some((event) => event.type === 'terminal.policy-overridden' && event.data['reason'] === 'Hotfix verification agreed with the incident commander'),
    'the override is journaled',
  );
  await pane.locator('.xterm').click();
  await page.keyboard.type('e');
  const guard = pane.getByTestId('production-guard');
  await guard.waitFor();
  assert.match((await guard.textContent()) ?? '', /You are typing into PRODUCTION: prod-eu/);
  await page.screenshot({ path: join(screenshots, 'terminals-production-guard.png') });
  await guard.getByTestId('guard-confirm').click();
  await pane.locator('.xterm').click();
  await page.keyboard.type('cho prod-ok');
  await page.keyboard.press('Enter');
  await waitForScreen(pane, /^prod-ok$/m, 'the output of the confirmed command');
  assert.equal(await guard.count(), 0, 'asked only once');
  await page.screenshot({ path: join(screenshots, 'terminals-production.png') });
});

test('a reloaded page reattaches to the running session with its recent output', async () => {
  await page.reload();
  await page.getByTestId('release-name').waitFor();
  await page.getByTestId('tab-terminals').click();
  await page.getByTestId('terminal-tab-prod-eu').click();
  const pane = page.getByTestId('terminal-pane-prod-eu');
  await waitForScreen(pane, /^prod-ok$/m, 'the scrollback after the reload');
  await pane.locator('.xterm').click();
  await page.keyboard.type('echo after-reload');
  await page.keyboard.press('Enter');
  await waitForScreen(pane, /^after-reload$/m, 'output after reattaching');
});

test('the split view shows two sessions side by side, and a narrower panel resizes the process', async () => {
  const pane = page.getByTestId('terminal-pane-prod-eu');
  await pane.locator('.xterm').click();
  await page.keyboard.type('tput cols');
  await page.keyboard.press('Enter');
  await waitForScreen(pane, /^\d{2,3}$/m, 'the width of the full panel');
  const wide = lastNumber(await screenText(pane));
  await page.getByRole('button', { name: 'Split view' }).click();
  await page.getByTestId('terminal-pane-sandbox').waitFor();
  await pane.locator('.xterm').click();
  await page.keyboard.type('echo width; tput cols');
  await page.keyboard.press('Enter');
  await waitForScreen(pane, /^width\n\d{2,3}$/m, 'the width of the half panel');
  const narrow = lastNumber(await screenText(pane));
  assert.ok(narrow < wide * 0.6, `tput cols went from ${wide} to ${narrow}`);
  await page.screenshot({ path: join(screenshots, 'terminals-split.png') });
  await page.getByRole('button', { name: 'Single view' }).click();
});

test('a finished session replays from its recording, with play, seek and speed', async () => {
  const item = page.getByTestId('recording-list').locator('button', { hasText: 'sandbox (local)' }).first();
  await item.click();
  const player = page.getByTestId('recording-player');
  await player.waitFor();
  await player.locator('select').selectOption('4');
  await waitForScreen(player, /^hello$/m, 'the replayed echo');
  const marker = player.locator('.player-markers button', { hasText: 'Canary at 10%: error rate flat' });
  await marker.waitFor();
  await player.getByTestId('player-toggle').click(); // pause (or replay, when it has ended)
  await marker.click();
  assert.match((await player.getByTestId('player-clock').textContent()) ?? '', /^\d+:\d\d \/ \d+:\d\d$/);
  await waitForScreen(player, /echo hello/, 'the screen at the marker');
  // The session's commands are markers too, with their exit codes.
  const markers = player.getByTestId('player-markers');
  await markers.locator('li', { hasText: '$ echo hello' }).filter({ hasText: 'exit 0' }).first().waitFor();
  await markers.locator('li', { hasText: '$ sleep 30' }).filter({ hasText: 'exit 130' }).first().waitFor();
  // The recorded timing by default; capping pauses is the viewer's choice and shortens the clock.
  const cap = player.getByTestId('player-cap');
  assert.equal(await cap.isChecked(), false);
  const duration = async () => ((await player.getByTestId('player-clock').textContent()) ?? '').split(' / ')[1] ?? '';
  const seconds = (clock: string) => clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  const recorded = seconds(await duration());
  await cap.check();
  // The note ("0:33 recorded plays in 0:23") shows only when this session had a pause to cap.
  assert.equal(await cap.isChecked(), true);
  // How much the cap saves depends on this session's pauses (a busy machine spreads them);
  // the arithmetic itself is tested in test/renderer/views/terminals/replay-timeline.test.ts.
  assert.ok(seconds(await duration()) <= recorded, `capping pauses never lengthens ${recorded} s`);
  await player.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'terminals-replay-capped.png') });
  await cap.uncheck();
  assert.equal(seconds(await duration()), recorded);
  await player.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'terminals-replay.png') });
  assert.deepEqual(pageErrors, []);
});

test('a target kept in the workspace library is added to another release, as that release’s own copy', async () => {
  await page.getByRole('button', { name: '+ Target' }).click();
  await page.getByLabel('Id', { exact: true }).fill('bastion');
  await page.getByLabel('Name', { exact: true }).fill('bastion (eu)');
  await page.getByLabel('Command', { exact: true }).fill('/bin/sh');
  await page.getByTestId('keep-in-library').check();
  await page.getByRole('button', { name: 'Save target' }).click();
  await page.getByTestId('open-terminal-bastion').waitFor();
  // The library is saved after the release's own copy: wait for it rather than read it once.
  const readLibrary = () => {
    try {
      return JSON.parse(readFileSync(join(app.workspace, 'targets.json'), 'utf8')) as { targets: { id: string; name: string }[] };
    } catch {
      return { targets: [] };
    }
  };
  const libraryDeadline = Date.now() + 10_000;
  while (readLibrary().targets.length === 0 && Date.now() < libraryDeadline) await page.waitForTimeout(50);
  const library = readLibrary();
  assert.deepEqual(
    library.targets.map((target) => [target.id, target.name]),
    [['bastion', 'bastion (eu)']],
  );

  await page.getByRole('button', { name: '+ New release' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Payments 7.3');
  await page.getByLabel('Version').fill('7.3.0');
  await page.getByRole('button', { name: 'Create release' }).click();
  await page.getByTestId('release-name').filter({ hasText: 'Payments 7.3' }).waitFor();
  await page.getByTestId('tab-terminals').click();
  assert.equal(await page.getByTestId('open-terminal-bastion').count(), 0);
  await page.getByTestId('open-target-library').click();
  await page.getByTestId('target-library').waitFor();
  await page.screenshot({ path: join(screenshots, 'terminals-target-library.png') });
  await page.getByTestId('library-add-bastion').click();
  await page.getByTestId('library-add-bastion').filter({ hasText: 'In this release' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByTestId('open-terminal-bastion').waitFor();
  const slug = readdirSync(join(app.workspace, 'releases')).find((name) => name.startsWith('payments'))!;
  const saved = readFileSync(join(app.workspace, 'releases', slug, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; data: { id?: string; command?: string } })
    .filter((event) => event.type === 'target.saved');
  assert.deepEqual(
    saved.map((event) => [event.data.id, event.data.command]),
    [['bastion', '/bin/sh']],
  );
  assert.deepEqual(pageErrors, []);
});

test('an asciinema recording made without a terminal (size 0x0) opens at 80x24 with a note, not an error', async () => {
  await page.getByTestId('tab-terminals').click();
  await page.getByTestId('recording-import').setInputFiles({ name: 'ci-run.cast', mimeType: 'application/x-asciicast', buffer: Buffer.from(v2WithoutTty) });
  const player = page.getByTestId('recording-player');
  await player.getByTestId('player-note').waitFor();
  assert.match((await player.getByTestId('player-note').textContent()) ?? '', /does not say its terminal size.*shown at 80x24/);
  await waitForScreen(player, /^ok$/m, 'the replayed output');
  assert.equal(await page.locator('.recordings .form-error').count(), 0);
  await player.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'terminals-replay-no-size.png') });
  assert.deepEqual(pageErrors, []);
});

test('a terminal ended with × says "closed by <name>", not "exited with code 0 (signal 1)" from the SIGHUP the close sent', async () => {
  await page.getByTestId('tab-terminals').click();
  await page.getByRole('button', { name: '+ Target' }).click();
  await page.getByLabel('Id', { exact: true }).fill('closer');
  await page.getByLabel('Name', { exact: true }).fill('closer');
  await page.getByTestId('target-environment').selectOption('sandbox');
  await page.getByLabel('Command', { exact: true }).fill('/bin/bash');
  await page.getByRole('button', { name: 'Save target' }).click();
  await page.getByTestId('open-terminal-closer').click();
  const pane = page.getByTestId('terminal-pane-closer');
  await pane.locator('.xterm').click();
  await page.keyboard.type('echo before-close');
  await page.keyboard.press('Enter');
  await waitForScreen(pane, /^before-close$/m, 'the shell runs');
  await page.getByRole('button', { name: 'End the closer session' }).click();
  const badge = pane.getByTestId('exit-badge');
  await badge.waitFor();
  const text = (await badge.textContent()) ?? '';
  assert.match(text, /^closed by \S+$/);
  assert.doesNotMatch(text, /signal/);
  assert.match((await badge.getAttribute('class')) ?? '', /\bok\b/);
  await pane.screenshot({ path: join(screenshots, 'terminals-closed-by.png') });
  assert.deepEqual(pageErrors, []);
});
