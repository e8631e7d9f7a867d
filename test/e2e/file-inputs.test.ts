import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openCockpit, type CockpitSession } from '../support/cockpit-session';
import { tempDir } from '../support/temp-dir';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

let session: CockpitSession;
let page: Page;

before(async () => {
  session = await openCockpit();
  page = session.page;
});

after(() => session?.close());

function playbooksDir(): string {
  const [slug] = readdirSync(join(session.app.workspace, 'releases'));
  return join(session.app.workspace, 'releases', slug!, 'playbooks');
}

test('the import dialog takes the same file again after an error (fixed on disk), and stays open', async () => {
  const file = join(tempDir('warroom-file-input-'), 'warm-cache.yaml');
  writeFileSync(file, 'name: Warm the cache\nsteps:\n  - run: echo warm\n    timeout: soon\n');
  await page.getByTestId('tab-playbooks').click();
  await page.getByTestId('playbook-import').click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  // A path, not a buffer: Chromium then treats it as a real choice (no change event for the same file).
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-text').filter({ hasText: 'timeout: soon' }).waitFor();
  await page.getByTestId('import-submit').click();
  await page.getByTestId('import-error').waitFor();

  // The author fixes the file in their editor and chooses it again.
  writeFileSync(file, 'name: Warm the cache\nsteps:\n  - run: echo warm\n    timeout: 2m\n');
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-text').filter({ hasText: 'timeout: 2m' }).waitFor();
  assert.equal(await dialog.count(), 1, 'the dialog is still open');
  assert.equal(await page.getByTestId('import-error').count(), 0, 'the old error is gone with the old text');
  await page.screenshot({ path: join(screenshots, 'file-input-same-file-again.png') });
  await page.getByTestId('import-submit').click();
  await page.getByTestId('playbook-detail').getByText('Warm the cache').first().waitFor();
  assert.ok(existsSync(join(playbooksDir(), 'warm-cache.yaml')), 'the fixed file is imported');
});

test('every file input on every view is emptied after a choice, so the same file can be chosen again', async () => {
  const file = join(tempDir('warroom-file-input-'), 'blackouts.ics');
  writeFileSync(file, 'not a calendar\n');
  const known = { checklist: 'template-file', terminals: 'recording-import', risks: 'risk-import-file', calendar: 'ics-import' } as const;
  for (const [view, testId] of Object.entries(known)) {
    await page.getByTestId(`tab-${view}`).click();
    await page.getByTestId(testId).waitFor({ state: 'attached' });
    const inputs = page.locator('input[type="file"]');
    const count = await inputs.count();
    assert.ok(count > 0, `the ${view} view has a file input`);
    for (let index = 0; index < count; index += 1) {
      await inputs.nth(index).setInputFiles(file);
      // Whatever the view does with a bad file (an error, a preview), the input is empty again.
      for (let polls = 0; polls < 100 && (await inputs.nth(index).inputValue()) !== ''; polls += 1) await page.waitForTimeout(50);
      assert.equal(await inputs.nth(index).inputValue(), '', `file input ${index} of the ${view} view is emptied`);
      // The risks view answers any file with a preview dialog (made in main): wait for it, then dismiss it.
      if (view === 'risks') await page.locator('dialog[open]').waitFor();
      if ((await page.locator('dialog[open]').count()) > 0) {
        await page.locator('dialog[open]').focus();
        await page.keyboard.press('Escape');
      }
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
    }
  }
});
