// Hostile content in every user-editable field, shown by the real renderer in Chromium
// (browser mode, the built app): no dialog, no request to a foreign host, no CSP
// violation (something tried to load or run), no markup injected into the DOM.
// Fields: test/security/hostile/hostile-fields.ts; payloads: xss-payloads.ts.
// Needs `npm run build` (npm test builds first) and /usr/bin/chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { Workspace } from '../../main/core/workspace/workspace';
import { createReleaseEvents } from '../../contract/domain/release/release-meta';
import { chromiumAvailable, launchChromium } from '../support/chromium';
import { startWarRoom, type RunningWarRoom } from '../support/browser-mode';
import { tempDir } from '../support/temp-dir';
import { FOREIGN_HOST, xssPayloads } from './hostile/xss-payloads';
import { hostileFields } from './hostile/hostile-fields';

const root = new URL('../../', import.meta.url).pathname;
const screenshots = `${root}test-results/`;
const built = existsSync(`${root}dist/main/cli.js`) && existsSync(`${root}dist/renderer/index.html`);
const skip = !built ? 'build first (npm run build; npm test does)' : !chromiumAvailable() ? 'no Chromium at /usr/bin/chromium' : false;

const releaseName = `<img src=x onerror=alert("xss-name")><script>alert(1)</script>`;
let app: RunningWarRoom;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const foreignRequests: string[] = [];

before(async () => {
  if (skip) return;
  const workspaceDir = tempDir('warroom-hostile-');
  const workspace = await Workspace.open(workspaceDir);
  const release = await workspace.create(
    releaseName,
    'hostile',
    createReleaseEvents(
      {
        name: releaseName,
        version: '<b>1.0</b>"><svg onload=alert(2)>',
        mode: 'live',
        zone: 'UTC',
        goLive: '2030-01-01T22:00:00Z',
        description: xssPayloads.join('\n\n'),
      },
      [],
    ),
  );
  for (const field of hostileFields) await field.place(release, xssPayloads);
  await workspace.close();
  app = await startWarRoom({ workspace: workspaceDir, args: ['--no-demo'] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== app.origin && !['data:', 'blob:'].includes(url.protocol)) foreignRequests.push(request.url());
  });
  // Page scripts as text: the test's tsconfig has no DOM types.
  await page.addInitScript({
    content:
      "window.__violations = []; document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));",
  });
  await page.goto(app.url);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

/** Markup that can only be there if a string was inserted as HTML. */
async function injectedMarkup(target: Page): Promise<string[]> {
  const selectors = [
    '[onerror]',
    '[onload]',
    '[ontoggle]',
    'iframe',
    'object',
    'embed',
    'base',
    'meta[http-equiv]',
    'mglyph',
    'a[href^="javascript:" i]',
    `img[src*="${FOREIGN_HOST}"]`,
    `link[href*="${FOREIGN_HOST}"]`,
    'img[src="x"]',
  ];
  return target.evaluate<string[]>(
    `${JSON.stringify(selectors)}.flatMap((selector) => [...document.body.querySelectorAll(selector)].map((element) => selector + ': ' + element.outerHTML.slice(0, 120)))`,
  );
}

test(
  'hostile text in every field runs nothing in any view: no dialog, no foreign request, no CSP violation, no injected markup',
  { skip, timeout: 120_000 },
  async () => {
    mkdirSync(screenshots, { recursive: true });
    await page.getByTestId('release-name').waitFor();
    assert.equal(await page.getByTestId('release-name').textContent(), releaseName, 'the name is shown as text');
    const shownFields = new Set<string>();
    const tabs = await page
      .locator('[data-testid^="tab-"]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')!.slice(4)));
    assert.ok(tabs.length >= 7, `tabs: ${tabs.join(', ')}`);
    for (const view of tabs) {
      await page.getByTestId(`tab-${view}`).click();
      await page.locator(`#panel-${view}`).waitFor();
      // Open what is folded (details, expanders) so that hidden fields render too.
      for (const toggle of await page.locator(`#panel-${view} summary, #panel-${view} [aria-expanded="false"]`).all())
        await toggle.click({ timeout: 1_000 }).catch(() => undefined);
      await page.waitForLoadState('networkidle');
      const text = await page.locator('body').innerText();
      for (const payload of xssPayloads) if (text.includes(payload.slice(0, 24))) shownFields.add(view);
      await page.screenshot({ path: `${screenshots}hostile-${view}.png` });
      assert.deepEqual(await injectedMarkup(page), [], `markup injected in the ${view} view`);
    }
    const violations = await page.evaluate<string[]>('window.__violations');
    assert.deepEqual(dialogs, [], 'a dialog opened: a payload ran');
    assert.deepEqual(foreignRequests, [], 'a request left for a foreign host');
    assert.deepEqual(violations, [], 'the CSP blocked something: a payload reached the DOM as markup');
    // Not vacuous: the payloads really are on screen (as text) in the views that show these fields.
    assert.ok(shownFields.size >= 1, 'no payload was visible in any view');
    console.log(
      `hostile content: ${xssPayloads.length} payloads in ${hostileFields.length + 1} field groups; shown as text in: ${[...shownFields].join(', ')}`,
    );
  },
);
