import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startWarRoom, type RunningWarRoom } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { tempDir } from '../support/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../support/comms-receivers';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

let app: RunningWarRoom;
let browser: Browser;
let hook: WebhookReceiver;
const pageErrors: string[] = [];

before(async () => {
  hook = await startWebhookReceiver('/services/T0001/B0002/s3cretT0kenOfTheWebhook');
  app = await startWarRoom({ workspace: tempDir('warroom-e2e-') });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
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

test('settings: SLA targets saved, channels added with a webhook that is never shown back, an incident announced by itself to Slack and the status page; an issue logged from another view with Alt+N', async () => {
  const page = await openBoard();
  await page.getByTestId('hypercare-settings-open').click();
  const settings = page.getByTestId('hypercare-settings');
  await settings.waitFor();

  // SLA targets: a sev1 is acknowledged within 10 minutes here.
  await page.getByTestId('sla-sev1-acknowledge').fill('10');
  await page.getByTestId('sla-save').click();
  await page.getByTestId('settings-status').getByText('SLA targets saved').waitFor();
  const sla = JSON.parse(readFileSync(join(app.workspace, 'hypercare-sla.json'), 'utf8')) as { targets: { sev1: { acknowledge: number } } };
  assert.equal(sla.targets.sev1.acknowledge, 10);
  // A target that does not add up is refused with the field named.
  await page.getByTestId('sla-sev2-mitigate').fill('5');
  await page.getByTestId('sla-save').click();
  await page
    .getByTestId('settings-status')
    .getByText(/sev2: acknowledge must be at most mitigate/)
    .waitFor();
  await page.getByTestId('sla-sev2-mitigate').fill('240');

  // A Slack channel that announces incidents by itself, and a status page.
  await page.getByTestId('channel-kind').selectOption('slack');
  await page.getByTestId('channel-add').click();
  const slack = page.getByTestId('channel-editor').last();
  await slack.getByTestId('channel-id').fill('release-slack');
  await slack.getByTestId('channel-name').fill('Slack #release');
  await slack.getByTestId('channel-url').fill(hook.url);
  await slack.getByTestId('auto-incident-opened').check();
  await page.getByTestId('channel-kind').selectOption('status-page');
  await page.getByTestId('channel-add').click();
  const status = page.getByTestId('channel-editor').last();
  await status.getByTestId('channel-id').fill('status');
  await status.getByTestId('channel-name').fill('Status page');
  await status.getByTestId('auto-incident-opened').check();
  await page.getByTestId('channels-save').click();
  await page.getByTestId('settings-status').getByText('Channels saved (2)').waitFor();

  // The secret is stored (0600) and never comes back to the page.
  const file = join(app.workspace, 'comms-channels.json');
  assert.ok(readFileSync(file, 'utf8').includes(hook.url));
  assert.equal(statSync(file).mode & 0o777, 0o600);
  await page.locator('[data-channel="release-slack"]').getByTestId('secret-set').waitFor();
  assert.equal(await page.locator('[data-channel="release-slack"]').getByTestId('channel-url').inputValue(), '');
  assert.ok(!(await page.content()).includes('s3cretT0ken'), 'the webhook URL is not in the page');
  // Tall enough for the SLA targets and both channels in one picture (the README shows it).
  await page.setViewportSize({ width: 1440, height: 1320 });
  await settings.evaluate((element) => element.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshots, 'hypercare-settings.png') });
  await page.setViewportSize({ width: 1440, height: 900 });

  // An incident from anywhere (Alt+N): announced without anyone approving it, once.
  await page.getByTestId('settings-close').click();
  await page.keyboard.press('Alt+N');
  await page.getByTestId('quick-kind-incident').check();
  await page.getByTestId('quick-text').fill('Payments time out for EU cards');
  await page.getByTestId('quick-severity').selectOption('sev1');
  await page.getByTestId('quick-owner').fill('Priya Raman');
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('quick-add').waitFor({ state: 'detached' });
  await page.getByTestId('sent-update').first().getByText('sent automatically').waitFor();
  await page.getByTestId('sent-update').first().getByText('release-slack ✓, status ✓').waitFor();
  assert.equal(hook.byKey.size, 1);
  assert.match(([...hook.byKey.values()][0] as { text: string }).text, /SEV1 incident INC-1 opened: Payments time out for EU cards\. Owner: Priya Raman\./);

  // The status page as it arrives: one self-contained file, shown by Chromium as a reader would see it.
  const [slug] = readdirSync(join(app.workspace, 'releases'));
  const statusPage = join(app.workspace, 'releases', slug!, 'status', 'index.html');
  const reader = await browser.newPage({ viewport: { width: 900, height: 560 } });
  await reader.goto(pathToFileURL(statusPage).href);
  await reader.getByText('SEV1 INC-1 opened').first().waitFor();
  await reader.screenshot({ path: join(screenshots, 'status-page-update.png') });
  await reader.close();

  // An issue logged from another view (Alt+N on the Timeline) lands in the lane.
  await page.getByTestId('tab-timeline').click();
  await page.keyboard.press('Alt+N');
  await page.getByTestId('quick-kind-issue').check();
  await page.getByTestId('quick-text').fill('EU cards declined at checkout');
  await page.getByTestId('quick-severity').selectOption('sev2');
  await page.getByTestId('quick-customer').fill('ACME');
  await page.getByTestId('quick-impact').selectOption('4');
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('quick-add').waitFor({ state: 'detached' });
  await page.keyboard.press('Alt+9');
  await page.getByText('1 in the active lane').waitFor();
  await page.locator('[data-issue="ISS-1"]').getByText('impact 4 × urgency 2 = 8').waitFor();
  assert.deepEqual(pageErrors, []);
});
