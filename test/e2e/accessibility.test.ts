import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { VIEWS } from '../../renderer/src/app/views';
import { openCockpit, type CockpitSession } from '../support/cockpit-session';
import { tempDir } from '../support/temp-dir';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

/** axe-core's own bundle, evaluated in the page (the page's CSP refuses an injected <script>). */
const AXE_SOURCE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

let session: CockpitSession;
let page: Page;

before(async () => {
  session = await openCockpit();
  page = session.page;
});

after(() => session?.close());

/** The serious and critical violations axe-core finds in the page (or in one part of it). */
async function seriousViolations(context = 'document'): Promise<Violation[]> {
  await page.evaluate(`${AXE_SOURCE};void 0`);
  // A string, not a function: this project's tests type-check without the DOM library.
  const raw = (await page.evaluate(`(async () => {
    const result = await window.axe.run(${context === 'document' ? 'document' : JSON.stringify(context)}, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ') + ': ' + (node.failureSummary || '')),
    }));
  })()`)) as Violation[];
  return raw.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

function describe(violations: readonly Violation[]): string {
  return violations.map((violation) => `${violation.impact} ${violation.id} (${violation.help}):\n  ${violation.nodes.join('\n  ')}`).join('\n');
}

for (const view of VIEWS) {
  test(`the ${view.label} view has no serious or critical axe-core violation`, async () => {
    await page.getByTestId(`tab-${view.id}`).click();
    await page.locator(`#panel-${view.id} .view`).first().waitFor();
    // Views fill in from requests: wait until nothing says "Loading" before judging.
    const loading = page.getByText('Loading…');
    for (let polls = 0; (await loading.count()) > 0 && polls < 200; polls += 1) await page.waitForTimeout(50);
    const violations = await seriousViolations();
    await page.screenshot({ path: join(screenshots, `a11y-${view.id}.png`) });
    assert.equal(violations.length, 0, describe(violations));
  });
}

test('the new-release dialog has no serious or critical axe-core violation', async () => {
  await page.getByRole('button', { name: '+ New release' }).click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  const violations = await seriousViolations('dialog[open]');
  await page.screenshot({ path: join(screenshots, 'a11y-new-release.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(violations.length, 0, describe(violations));
});

test('"poll the room" has no serious or critical axe-core violation', async () => {
  await page.getByTestId('tab-checklist').click();
  await page.getByTestId('subtab-go-no-go').click();
  if (!(await page.getByTestId('poll-the-room').isVisible())) {
    await page.getByTestId('poll-open').click();
    await page.getByTestId('poll-setup-save').click();
  }
  await page.getByTestId('poll-the-room').click();
  const room = page.getByTestId('poll-room');
  await room.waitFor();
  const violations = await seriousViolations();
  await page.screenshot({ path: join(screenshots, 'a11y-poll-the-room.png') });
  await page.keyboard.press('Escape');
  await room.waitFor({ state: 'detached' });
  assert.equal(violations.length, 0, describe(violations));
});

test('the import dialogs (a playbook, a risk register CSV) have no serious or critical axe-core violation', async () => {
  await page.getByTestId('tab-playbooks').click();
  await page.getByTestId('playbook-import').click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  const playbookViolations = await seriousViolations('dialog[open]');
  await page.screenshot({ path: join(screenshots, 'a11y-import-playbook.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(playbookViolations.length, 0, describe(playbookViolations));

  await page.getByTestId('tab-risks').click();
  const csv = join(tempDir('warroom-a11y-'), 'risks.csv');
  writeFileSync(csv, 'Title,Likelihood,Impact,Owner\nCDN purge lags,3,4,Ana\nBad row,9,x,\n');
  await page.getByTestId('risk-import-file').setInputFiles(csv);
  await page.getByTestId('risk-import').waitFor();
  const riskViolations = await seriousViolations('dialog[open]');
  await page.screenshot({ path: join(screenshots, 'a11y-import-risks.png') });
  await page.getByTestId('import-cancel').click();
  await page.getByTestId('risk-import').waitFor({ state: 'detached' });
  assert.equal(riskViolations.length, 0, describe(riskViolations));
});
