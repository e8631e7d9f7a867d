// Issue 13 item 14: the stricter CSP (style-src without 'unsafe-inline', style attributes
// refused) is what browser mode serves, and the cockpit and its terminals still render.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openCockpit, type CockpitSession } from '../support/cockpit-session';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

let session: CockpitSession;
let page: Page;

before(async () => {
  session = await openCockpit();
  ({ page } = session);
  await page.evaluate(() => {
    type Violation = { effectiveDirective: string; sample: string; blockedURI: string };
    const page = globalThis as unknown as {
      cspViolations: string[];
      document: { addEventListener(type: string, listener: (event: Violation) => void): void };
    };
    page.cspViolations = [];
    page.document.addEventListener('securitypolicyviolation', (event) =>
      page.cspViolations.push(`${event.effectiveDirective}: ${event.sample || event.blockedURI}`),
    );
  });
});

after(() => session?.close());

test('the page is served with style-src without unsafe-inline, and the terminals view renders under it', async () => {
  const response = await page.request.get(page.url().replace(/#.*$/, ''));
  const csp = response.headers()['content-security-policy'] ?? '';
  const styleSrc = csp
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith('style-src '));
  assert.equal(styleSrc, "style-src 'self'");
  assert.match(csp, /style-src-attr 'none'/);

  await page.getByTestId('tab-terminals').click();
  await page.getByTestId('open-terminal-sandbox').click();
  const pane = page.getByTestId('terminal-pane-sandbox');
  await pane.locator('.xterm').waitFor();
  await pane.locator('.xterm').click();
  await page.keyboard.type("printf 'plain \\033[31mred\\033[0m \\033[1;32mbold green\\033[0m\\n'; echo csp-ok");
  await page.keyboard.press('Enter');
  const deadline = Date.now() + 15_000;
  let screen = '';
  while (Date.now() < deadline) {
    screen = await pane
      .locator('[data-renderer]')
      .first()
      .evaluate((element) => (element as unknown as { readScreen(): string }).readScreen());
    if (/^csp-ok$/m.test(screen)) break;
    await page.waitForTimeout(100);
  }
  assert.match(screen, /^csp-ok$/m);
  // xterm's rows have their measured height (its <style> element applied) and the screen is not empty.
  const rows = await pane.locator('.xterm-rows > div, canvas').count();
  assert.ok(rows > 0);
  const box = await pane.locator('.xterm-screen').boundingBox();
  assert.ok(box && box.height > 100 && box.width > 300, JSON.stringify(box));
  await page.screenshot({ path: join(screenshots, 'terminals-strict-csp.png') });
  const violations = await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations);
  assert.deepEqual(violations, [], 'no style (or other) was refused by the CSP');
  assert.deepEqual(session.pageErrors, []);
});
