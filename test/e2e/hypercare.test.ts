import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWarRoom, type RunningWarRoom } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { tempDir } from '../support/temp-dir';
import { decodeBody, decodeHeader, startSmtpReceiver, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from '../support/comms-receivers';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

let app: RunningWarRoom;
let browser: Browser;
let smtp: SmtpReceiver;
let hook: WebhookReceiver;
const pageErrors: string[] = [];

before(async () => {
  smtp = await startSmtpReceiver();
  hook = await startWebhookReceiver();
  const workspace = tempDir('warroom-e2e-');
  // Short SLA targets for sev1 so a warning shows within seconds: acknowledge in 1 minute, warn at 10%.
  writeFileSync(
    join(workspace, 'hypercare-sla.json'),
    JSON.stringify({
      targets: {
        sev1: { acknowledge: 1, mitigate: 60, resolve: 1440 },
        sev2: { acknowledge: 30, mitigate: 240, resolve: 4320 },
        sev3: { acknowledge: 240, mitigate: 1440, resolve: 10080 },
        sev4: { acknowledge: 1440, mitigate: 7200, resolve: 43200 },
      },
      warnAt: 0.1,
    }),
  );
  writeFileSync(
    join(workspace, 'comms-channels.json'),
    JSON.stringify([
      { id: 'release-slack', kind: 'slack', name: 'Slack #release', url: hook.url },
      {
        id: 'stakeholders',
        kind: 'email',
        name: 'Stakeholders',
        smtp: { host: '127.0.0.1', port: smtp.port },
        from: 'warroom@example.test',
        to: ['cto@example.test'],
      },
      { id: 'status', kind: 'status-page', name: 'Status page' },
    ]),
  );
  app = await startWarRoom({ workspace });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
  await hook?.close();
});

async function openBoard(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.url);
  await page.getByTestId('release-name').waitFor();
  await page.keyboard.press('Alt+9');
  await page.getByTestId('hypercare-active-count').waitFor();
  return page;
}

async function logIssue(page: Page, title: string, severity: string, impact: string, urgency: string, customer = ''): Promise<void> {
  await page.locator('body').click({ position: { x: 700, y: 20 } });
  await page.keyboard.press('n');
  await page.getByTestId('issue-title').fill(title);
  await page.getByTestId('issue-customer').fill(customer);
  await page.getByTestId('issue-severity').selectOption(severity);
  await page.getByTestId('issue-impact').selectOption(impact);
  await page.getByTestId('issue-urgency').selectOption(urgency);
  await page.getByTestId('issue-title').press('Enter');
  await page.getByTestId('issue-title').waitFor({ state: 'detached' });
}

function journalTypes(): string[] {
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  return readFileSync(join(app.workspace, 'releases', slug!, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { type: string }).type);
}

test('two pages log three issues; the lane ranks them, triage assigns a contact, an SLA warning shows, and an approved update arrives by email and webhook', async () => {
  const first = await openBoard();
  const second = await openBoard();
  await logIssue(first, 'Search p95 doubled', 'sev3', '2', '2');
  await logIssue(second, 'ACME checkout returns 500', 'sev1', '4', '4', 'ACME');
  await logIssue(first, 'Invoice PDF lost its logo', 'sev4', '1', '2', 'Globex');

  for (const page of [first, second]) {
    await page.getByText('3 in the active lane').waitFor();
    const titles = await page.locator('[data-testid="active-lane"] .issue-title').allTextContents();
    assert.deepEqual(
      titles.map((title) => title.replace(/^ISS-\d+\s*/, '')),
      ['ACME checkout returns 500', 'Search p95 doubled', 'Invoice PDF lost its logo'],
      'ranked by impact x urgency, whichever page logged them',
    );
  }

  // The sev1's acknowledge clock warns after 10% of its minute.
  const sev1 = first.locator('[data-issue="ISS-2"]');
  await sev1.locator('[data-testid="sla-acknowledge"][data-status="warning"]').waitFor({ timeout: 20_000 });

  // Triage from the keyboard: j selects the top card, Enter goes to its point of contact.
  await first.locator('body').click({ position: { x: 700, y: 20 } });
  await first.keyboard.press('j');
  await first.keyboard.press('Enter');
  await first.locator('[data-testid="issue-contact"]:focus').waitFor();
  await first.keyboard.type('Priya Raman');
  await first.getByTestId('issue-assign').click();
  await sev1.getByText('PoC Priya Raman').waitFor();
  await first.getByTestId('issue-move-triaged').click();
  await sev1.getByText('Triaged').waitFor();
  await second.locator('[data-issue="ISS-2"]').getByText('PoC Priya Raman').waitFor();
  await first.locator('[data-issue="ISS-2"] [data-testid="sla-acknowledge"][data-status="met"]').waitFor();

  // A status update: preview, approve, and watch it arrive.
  await first.getByTestId('update-template').selectOption('go-no-go');
  await first.getByTestId('update-note').fill('Hypercare is staffed by Berlin and São Paulo.');
  await first.getByTestId('update-preview').click();
  await first.getByTestId('update-preview-text').getByText('Slack #release: Checkout 4.2 (demo rehearsal) 4.2.0: GO').waitFor();
  await first.getByTestId('update-approve').click();
  await first.getByTestId('outbox').getByText('Outbox: nothing waiting').waitFor();
  await first.getByTestId('sent-update').first().getByText('release-slack ✓, stakeholders ✓, status ✓').waitFor();
  await first.getByTestId('outbox').scrollIntoViewIfNeeded();
  await first.screenshot({ path: join(screenshots, 'hypercare-board.png') });

  assert.equal(hook.byKey.size, 1);
  const [key, body] = [...hook.byKey.entries()][0]!;
  assert.match(key, /^wr-[a-z0-9-]+-MSG-1-[0-9a-f]{12}$/);
  assert.match((body as { text: string }).text, /The go\/no-go for Checkout 4\.2 \(demo rehearsal\) 4\.2\.0 passed: GO\./);
  assert.equal(smtp.mails.length, 1);
  assert.equal(decodeHeader(smtp.mails[0]!.headers.get('subject')!), 'Checkout 4.2 (demo rehearsal) 4.2.0: GO');
  assert.match(decodeBody(smtp.mails[0]!), /Hypercare is staffed by Berlin and São Paulo\./);
  assert.equal(smtp.mails[0]!.headers.get('message-id'), `<${key}.stakeholders@warroom.invalid>`);
  const types = journalTypes();
  assert.equal(types.filter((type) => type === 'hypercare.issue-logged').length, 3);
  assert.ok(types.includes('comms.message-approved'));
  assert.equal(types.filter((type) => type === 'comms.message-delivered').length, 3);
  assert.deepEqual(pageErrors, []);
});
