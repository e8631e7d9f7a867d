import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningWarRoom } from '../support/browser-mode';
import { openCockpit, type CockpitSession } from '../support/cockpit-session';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

let app: RunningWarRoom;
let session: CockpitSession;
let page: Page;
let pageErrors: string[];

before(async () => {
  session = await openCockpit({ acceptDownloads: true });
  ({ app, page, pageErrors } = session);
  await page.getByTestId('tab-risks').click();
  await page.getByTestId('risk-table').waitFor();
});

after(() => session?.close());

function journal(): { type: string; actor: string; data: Record<string, unknown> }[] {
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  return readFileSync(join(app.workspace, 'releases', slug!, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

async function cellCount(basis: 'inherent' | 'residual', likelihood: number, impact: number): Promise<number> {
  return Number(await page.getByTestId(`cell-${basis}-${likelihood}-${impact}`).getAttribute('data-count'));
}

async function waitForCount(basis: 'inherent' | 'residual', likelihood: number, impact: number, count: number): Promise<void> {
  await page.locator(`[data-testid="cell-${basis}-${likelihood}-${impact}"][data-count="${count}"]`).waitFor();
}

test('the demo register shows its three risks in the table and in the heat map cells', async () => {
  assert.equal(await page.getByTestId('risk-count').textContent(), '3 of 3 risks');
  assert.equal(await cellCount('inherent', 4, 4), 1, 'R-1 is L4 x I4');
  assert.equal(await cellCount('inherent', 2, 5), 1, 'R-2 is L2 x I5');
  assert.equal(await cellCount('inherent', 2, 3), 1, 'R-3 is L2 x I3');
  assert.equal(await cellCount('residual', 4, 4), 1, 'not assessed: residual shown at inherent');
});

test('quick add from the keyboard puts the risk in the right heat-map cell; clicking the cell filters the table', async () => {
  await page.locator('body').click({ position: { x: 700, y: 20 } });
  await page.keyboard.press('n');
  const title = page.getByTestId('quick-title');
  await title.waitFor();
  assert.equal(await page.evaluate('document.activeElement?.getAttribute("data-testid")'), 'quick-title', 'n focuses the title');
  await title.fill('Payment provider throttles the canary');
  await page.getByTestId('quick-likelihood').selectOption('5');
  await page.getByTestId('quick-impact').selectOption('4');
  await page.getByTestId('quick-owner').fill('Zoë Müller');
  await title.press('Enter');
  await page.getByTestId('risk-row-R-4').waitFor();
  await waitForCount('inherent', 5, 4, 1);
  const added = journal().at(-1)!;
  assert.equal(added.type, 'risks.added');
  assert.deepEqual([(added.data.risk as { id: string }).id, (added.data.risk as { owner: string }).owner], ['R-4', 'Zoë Müller']);
  await page.keyboard.press('Escape');
  await page.getByTestId('risk-quick-add').waitFor({ state: 'detached' });

  await page.getByTestId('cell-inherent-5-4').click();
  await page.getByTestId('cell-filter').waitFor();
  assert.equal(await page.getByTestId('risk-count').textContent(), '1 of 4 risks');
  assert.equal(await page.locator('[data-testid^="risk-row-"]').count(), 1);
  await page.getByTestId('cell-filter').click();
  assert.equal(await page.getByTestId('risk-count').textContent(), '4 of 4 risks');
});

test('changing a risk moves it in the heat map and its history shows who changed what, before and after', async () => {
  await page.getByTestId('risk-row-R-4').click();
  await page.getByTestId('risk-detail').waitFor();
  await page.getByTestId('edit-likelihood').selectOption('2');
  await page.getByTestId('edit-mitigation').fill('Raise the provider quota before T-0');
  await page.getByTestId('edit-residual-likelihood').selectOption('1');
  await page.getByTestId('edit-residual-impact').selectOption('2');
  await page.getByTestId('edit-save').click();
  await waitForCount('inherent', 2, 4, 1);
  assert.equal(await cellCount('inherent', 5, 4), 0);
  await waitForCount('residual', 1, 2, 1);
  const history = page.getByTestId('risk-history');
  await history.locator('> li', { hasText: 'likelihood 5 → 2' }).waitFor();
  const changed = await history.locator('> li').first().textContent();
  assert.match(changed ?? '', /changed/);
  assert.match(changed ?? '', /operator|\w+/);
  assert.match(changed ?? '', /mitigation — → “Raise the provider quota before T-0”/);

  await page.getByTestId('transition-mitigating').click();
  await page.getByTestId('transition-confirm').click();
  await history.locator('> li', { hasText: 'open → mitigating' }).waitFor();
  assert.equal(await page.getByTestId('detail-status').textContent(), 'mitigating');
  // Only the moves the lifecycle allows from mitigating are offered.
  const offered = await page
    .getByTestId('risk-transitions')
    .locator('[data-testid^="transition-"]')
    .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-testid')));
  assert.deepEqual(offered, ['transition-mitigated', 'transition-accepted', 'transition-occurred', 'transition-open', 'transition-closed']);

  await page.getByTestId('transition-accepted').click();
  await page.getByTestId('transition-confirm').click();
  assert.equal(await page.getByTestId('detail-status').textContent(), 'mitigating', 'accepting without a reason is refused by the form');
  await page.getByTestId('transition-reason').fill('Quota raised; provider on call');
  await page.getByTestId('transition-accepted-by').fill('Priya Raman');
  await page.getByTestId('transition-confirm').click();
  await history.locator('> li', { hasText: 'accepted by Priya Raman: Quota raised; provider on call' }).waitFor();
  const accepted = journal().at(-1)!;
  assert.equal(accepted.type, 'risks.status-changed');
  assert.deepEqual(accepted.data.acceptance && (accepted.data.acceptance as { by: string }).by, 'Priya Raman');
  await page.screenshot({ path: join(screenshots, 'risks-detail.png') });
  await page.getByTestId('edit-owner').focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('risk-detail').count(), 1, 'Escape in a field keeps the panel (and the edit)');
  await page.locator('.risk-table-caption').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('risk-detail').waitFor({ state: 'detached' });
});

test('marking a risk occurred opens INC-1 in the register, puts it on the timeline and offers its plan B playbook', async () => {
  await page.getByTestId('risk-row-R-1').click();
  await page.getByTestId('transition-occurred').click();
  await page.getByTestId('transition-note').fill('p99 at 420 ms on the canary');
  await page.getByTestId('transition-confirm').click();
  await page.getByTestId('plan-b-R-1').first().waitFor();
  const [occurred, opened] = journal().slice(-2);
  assert.equal(occurred!.type, 'risks.occurred');
  assert.equal(occurred!.data.marker, 'incident');
  assert.equal(opened!.type, 'incident.opened');
  assert.deepEqual(opened!.data.risk, { id: 'R-1', plan: 'Roll back to v1 with the rollback playbook.', playbook: 'demo-rollback.yaml', step: null });
  // The risk's detail names its incident.
  const link = page.getByTestId('risk-detail').getByTestId('risk-incident-R-1');
  await link.waitFor();
  assert.match((await link.textContent()) ?? '', /Opened incident INC-1 \(sev2, open, owner Mateus Silva\)/);
  await page.screenshot({ path: join(screenshots, 'risks-occurred.png') });
  await page.getByTestId('risk-detail').getByTestId('open-plan-b').click();
  assert.equal(await page.getByTestId('tab-playbooks').getAttribute('aria-selected'), 'true');
  await page.getByTestId('tab-timeline').click();
  const incident = page.getByTestId('timeline').locator('tr', { hasText: 'Risk occurred: R-1' });
  await incident.waitFor();
  assert.equal(await incident.locator('.kind').textContent(), 'incident');
  assert.match((await incident.textContent()) ?? '', /plan B: demo-rollback\.yaml/);
  // ...and the incidents list has it, linked to the risk.
  const listed = page.getByTestId('incident-INC-1');
  await listed.waitFor();
  assert.match((await listed.textContent()) ?? '', /R-1 occurred: v2 latency regression under checkout load · from risk R-1 · plan B demo-rollback\.yaml/);
  await page.screenshot({ path: join(screenshots, 'risks-occurred-incident.png') });
  await page.getByTestId('tab-risks').click();
});

test('a CSV from a spreadsheet: the preview maps the columns, reports the bad row by line, imports only on confirm', async () => {
  const csv = [
    'Risk;Probability;Severity;Owner;Category;Mitigation',
    '"DNS cut-over; TTL too long";3;4;Zoë;technical;"Lower TTL to 60 s, ""a day"" before"',
    'Bad likelihood;9;2;Ana;data;',
    '"Release notes\nnot translated";2;2;東京 team;compliance;',
    'Payment partner freeze;4;5;Mateus;third-party;',
    'Load balancer drain too slow;3;3;Dana;technical;Pre-drain at T-10m',
    'Key person on holiday;1;4;Priya;people;Backup named',
  ].join('\r\n');
  const before = journal().length;
  await page
    .getByTestId('risk-import-file')
    .setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]) });
  await page.getByTestId('risk-import').waitFor();
  assert.equal(await page.getByTestId('import-good-count').textContent(), '5');
  assert.equal(await page.getByTestId('import-bad-count').textContent(), '1');
  const bad = await page.getByTestId('import-bad-rows').textContent();
  assert.match(bad ?? '', /line 3/);
  assert.match(bad ?? '', /likelihood '9' must be a number from 1 to 5/);
  assert.equal(await page.getByTestId('mapping-1').inputValue(), 'likelihood', 'Probability is understood as likelihood');
  await page.screenshot({ path: join(screenshots, 'risks-import-preview.png') });
  assert.equal(journal().length, before, 'the preview imports nothing');

  // Mapping a column away from a required field blocks the import until fixed.
  await page.getByTestId('mapping-2').selectOption('');
  await page.locator('.risk-import .form-error', { hasText: 'No column is mapped to Impact' }).waitFor();
  assert.equal(await page.getByTestId('import-confirm').isDisabled(), true);
  await page.getByTestId('mapping-2').selectOption('impact');
  await page.getByTestId('import-confirm').filter({ hasText: 'Import 5 risks' }).waitFor();
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('risk-message').filter({ hasText: 'Imported 5 risks; 1 bad row left out.' }).waitFor();
  const imported = journal().at(-1)!;
  assert.equal(imported.type, 'risks.imported');
  assert.deepEqual(
    (imported.data.risks as { title: string }[]).map((risk) => risk.title),
    ['DNS cut-over; TTL too long', 'Release notes not translated', 'Payment partner freeze', 'Load balancer drain too slow', 'Key person on holiday'],
  );
  await page.getByTestId('risk-row-R-5').waitFor();
  assert.equal(await page.getByTestId('risk-count').textContent(), '9 of 9 risks');
});

test('cancelling an import changes nothing; export downloads CSV and JSON of the register', async () => {
  const before = journal().length;
  await page
    .getByTestId('risk-import-file')
    .setInputFiles({ name: 'again.csv', mimeType: 'text/csv', buffer: Buffer.from('Title,Likelihood,Impact\nX,1,1\n') });
  await page.getByTestId('import-cancel').click();
  await page.getByTestId('risk-import').waitFor({ state: 'detached' });
  assert.equal(journal().length, before);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('risk-export-csv').click()]);
  const csvText = readFileSync((await csvDownload.path())!, 'utf8');
  assert.match(csvDownload.suggestedFilename(), /-risks-\d{4}-\d\d-\d\d\.csv$/);
  assert.ok(csvText.startsWith('\uFEFFID,Title,'));
  assert.match(csvText, /"DNS cut-over; TTL too long"|DNS cut-over; TTL too long/);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('risk-export-json').click()]);
  const document = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')) as { risks: unknown[] };
  assert.equal(document.risks.length, 9);
});

test('screenshots of the register and its heat maps', async () => {
  await page.getByTestId('risk-table').waitFor();
  await page.screenshot({ path: join(screenshots, 'risks-register.png') });
  await page.locator('.risk-overview').screenshot({ path: join(screenshots, 'risks-heatmap.png') });
  assert.deepEqual(pageErrors, []);
});
