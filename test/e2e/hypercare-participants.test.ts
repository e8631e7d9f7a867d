// Hypercare in a shared war room, in real Chromium over HTTPS on 127.0.0.2: the host and two
// invited participants (an operator and a voter) each log an issue from their own page; every
// page ranks the same lane, the journal names who logged what, and a voter may log but not
// triage (the role table says so, and the page shows why).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium';
import { tempDir } from '../support/temp-dir';

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
const workspace = tempDir('warroom-roles-');
const slug = 'checkout-4-2-demo-rehearsal';
const journalFile = join(workspace, 'releases', slug, 'journal.jsonl');
const child = spawn(process.execPath, [cli, 'web', '--workspace', workspace, '--listen', '127.0.0.2:0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
cleanups.push(
  () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
);
const started = await new Promise<{ url: string; spki: string }>((resolve, reject) => {
  let output = '';
  const timer = setTimeout(() => reject(new Error(`warroom web printed no URL within 20 s:\n${output}`)), 20_000);
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    const url = /open:\s+(https:\/\/127\.0\.0\.2:\d+\/#token=\S+)/.exec(output)?.[1];
    const spki = /public key \(SPKI\) SHA-256: (\S+)/.exec(output)?.[1];
    if (url && spki) {
      clearTimeout(timer);
      resolve({ url, spki });
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.once('exit', (code) => reject(new Error(`warroom web exited with ${code}:\n${output}`)));
});

const browser: Browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_FLAGS, `--ignore-certificate-errors-spki-list=${started.spki}`],
  headless: true,
});
cleanups.push(() => browser.close());

async function pageFor(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('whoami').waitFor();
  return page;
}

const host = await pageFor(started.url);
const hostToken = new URLSearchParams(new URL(started.url).hash.slice(1)).get('token')!;

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** A request straight at the contract from `page` over its own WebSocket with `token` (the host's, or an invite secret). */
async function callAs(page: Page, token: string, name: string, input: unknown): Promise<Reply> {
  return page.evaluate(
    ([secret, request, payload]) =>
      new Promise<Reply>((resolve) => {
        const ws = new WebSocket(`wss://${(globalThis as unknown as { location: { host: string } }).location.host}/ws?token=${encodeURIComponent(secret)}`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, name: request, input: payload }));
        ws.onmessage = (message) => {
          const parsed = JSON.parse(String(message.data)) as { id?: number; result?: Reply };
          if (parsed.id === 1 && parsed.result) {
            resolve(parsed.result);
            ws.close();
          }
        };
      }),
    [token, name, input] as const,
  );
}

async function hostCall<T>(name: string, input: unknown): Promise<T> {
  const reply = await callAs(host, hostToken, name, input);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.value as T;
}

async function invite(name: string, role: string, terminalTargets: string[] = []): Promise<{ page: Page; secret: string }> {
  const made = await hostCall<{ link: string }>('participant.invite', { slug, name, role, expiresIn: '2h', terminalTargets });
  const page = await pageFor(made.link);
  await page
    .getByTestId('whoami')
    .filter({ hasText: `${name} (${role})` })
    .waitFor();
  return { page, secret: new URLSearchParams(new URL(made.link).hash.slice(1)).get('invite')! };
}

const journal = () => readFileSync(journalFile, 'utf8');

async function board(page: Page): Promise<void> {
  await page.getByTestId('tab-hypercare').click();
  await page.getByTestId('hypercare-active-count').waitFor();
}

async function logIssue(page: Page, title: string, severity: string, impact: string, urgency: string, customer: string): Promise<void> {
  await page.getByTestId('issue-log').click();
  await page.getByTestId('issue-title').fill(title);
  await page.getByTestId('issue-customer').fill(customer);
  await page.getByTestId('issue-severity').selectOption(severity);
  await page.getByTestId('issue-impact').selectOption(impact);
  await page.getByTestId('issue-urgency').selectOption(urgency);
  await page.getByTestId('issue-title').press('Enter');
  await page.getByTestId('issue-title').waitFor({ state: 'detached' });
}

test('the host, an operator and a voter log three issues from their own pages; every page ranks the same lane; the journal names each; a voter cannot triage', async () => {
  const { page: operator } = await invite('Priya', 'operator');
  const { page: voter } = await invite('Sam', 'voter');
  for (const page of [host, operator, voter]) await board(page);
  await logIssue(operator, 'ACME checkout returns 500', 'sev1', '4', '4', 'ACME');
  await logIssue(voter, 'Invoice PDF lost its logo', 'sev4', '1', '2', 'Globex');
  await logIssue(host, 'Search p95 doubled', 'sev3', '2', '2', '');

  for (const page of [host, operator, voter]) {
    await page.getByText('3 in the active lane').waitFor();
    await page.locator('[data-testid="active-lane"] [data-issue="ISS-3"]').waitFor();
    const titles = await page.locator('[data-testid="active-lane"] .issue-title').allTextContents();
    assert.deepEqual(
      titles.map((title) => title.replace(/^ISS-\d+\s*/, '')),
      ['ACME checkout returns 500', 'Search p95 doubled', 'Invoice PDF lost its logo'],
    );
  }
  const logged = journal()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string; data: { title?: string } })
    .filter((event) => event.type === 'hypercare.issue-logged')
    .map((event) => [event.data.title, event.actor.split(' ')[0]]);
  assert.deepEqual(logged, [
    ['ACME checkout returns 500', 'Priya'],
    ['Invoice PDF lost its logo', 'Sam'],
    ['Search p95 doubled', logged[2]![1]],
  ]);
  assert.match(journal(), /"actor":"Priya \(operator/);

  // Triage is the release manager's: the voter's assignment is refused and changes nothing.
  const before = journal();
  await voter.locator('[data-issue="ISS-1"]').click();
  await voter.getByTestId('issue-contact').fill('Sam');
  await voter.getByTestId('issue-assign').click();
  const refusal = voter.locator('.hypercare-message.error');
  await refusal.waitFor();
  assert.match((await refusal.textContent()) ?? '', /voter/);
  assert.equal(journal(), before, 'nothing was journaled');
  await operator.screenshot({ path: join(screenshots, 'hypercare-participants.png') });
});
