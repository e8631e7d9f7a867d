// Importing a runbook from the wild in Chromium: the front matter names it, transcripts run
// only their commands (their output is shown as expected output), a cut-off file says so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { startWarRoom } from '../support/browser-mode';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });
const fixture = new URL('../core/playbooks/fixtures/runbooks/pv-filling-up-prometheus-operator.md', import.meta.url).pathname;

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test('a runbook with front matter, transcripts and a cut-off end imports with its warning shown', async () => {
  const app = await startWarRoom();
  const browser = await launchChromium();
  cleanups.push(
    () => app.stop(),
    () => browser.close(),
  );
  const errors: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);
  await page.getByTestId('release-name').waitFor();
  await page.getByTestId('tab-playbooks').click();
  await page.getByTestId('playbook-import').click();
  await page.getByTestId('import-name').fill('volume-full.md');
  // The fixture, cut off in the middle of a last sentence as a partial copy would leave it.
  const text = `${readFileSync(fixture, 'utf8').trimEnd()}\n\nCopy the data to a bigger volume, then switch the claim over to`;
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-submit').click();
  const detail = page.getByTestId('playbook-detail');
  await detail
    .getByRole('heading', { name: 'Volume nearly full' })
    .waitFor({ timeout: 60_000 })
    .catch(async (error: Error) => {
      // Say what the page showed instead (seen once in CI under load): the dialog's error, the list, the detail.
      const shown = async (testId: string) => ((await page.getByTestId(testId).count()) > 0 ? await page.getByTestId(testId).first().textContent() : '(none)');
      throw new Error(
        `${error.message}\nimport error: ${await shown('import-error')}\nlist: ${await shown('playbook-list')}\ndetail: ${await shown('playbook-detail')}\npage errors: ${errors.join(' | ')}`,
      );
    });
  const warnings = detail.getByTestId('playbook-warnings');
  await warnings.waitFor();
  assert.match((await warnings.textContent()) ?? '', /1 warning: read before running.*line \d+.*the file may be cut off/);
  assert.match((await detail.getByTestId('playbook-metadata').textContent()) ?? '', /weight: 20/);
  const commands = await detail.locator('.run-step-command').allTextContents();
  assert.ok(commands.length >= 3);
  assert.ok(
    commands.every((command) => !command.startsWith('$') && !/NAME {2}/.test(command)),
    commands.join('\n'),
  );
  const expected = detail.getByTestId('expected-output').first();
  await expected.locator('summary').click();
  assert.match((await expected.locator('pre').textContent()) ?? '', /^NAME +PROVISIONER/);
  assert.match((await page.getByTestId('playbook-volume-full.md').textContent()) ?? '', /1 warning/);
  await page.screenshot({ path: join(screenshots, 'runbook-import-warnings.png') });
  assert.deepEqual(errors, []);
});
