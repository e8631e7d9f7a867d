import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openCockpit } from '../support/cockpit-session';
import { contractSocket } from '../support/contract-socket';

const screenshots = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The same database under both releases: the same place (command and host). */
const sharedDb = { id: 'db', name: 'Core DB', environment: 'production', command: 'ssh', args: ['db-1.prod'] };

test('several releases on one calendar: both windows and their shared-target conflict; Payments set to start after Identity, and its go/no-go holds until Identity is verified', async () => {
  const session = await openCockpit({ viewport: { width: 1600, height: 1000 } });
  cleanups.push(() => session.close());
  const { page, app } = session;
  const api = await contractSocket(app);
  cleanups.push(() => api.close());
  const identity = await api.call<{ slug: string }>('release.create', {
    definition: { name: 'Identity 2.1', mode: 'live', goLive: '2026-12-15T21:00:00+01:00', zone: 'Europe/Berlin' },
    targets: [sharedDb],
  });
  const payments = await api.call<{ slug: string }>('release.create', {
    definition: { name: 'Payments 7.3', mode: 'live', goLive: '2026-12-15T22:00:00+01:00', zone: 'Europe/Berlin' },
    targets: [sharedDb],
  });

  await page.getByTestId('release-list').getByText('Payments 7.3', { exact: true }).click();
  await page.getByTestId('release-name').filter({ hasText: 'Payments 7.3' }).waitFor();
  await page.getByTestId('tab-plan').click();
  const trains = page.getByTestId('trains');
  await trains.locator(`[data-testid="train"][data-slug="${identity.slug}"]`).filter({ hasText: 'Identity 2.1' }).waitFor();
  await trains.locator(`[data-testid="train"][data-slug="${payments.slug}"]`).filter({ hasText: 'this release' }).waitFor();
  // Each window is a bar on the one axis; the shared database is a conflict in words on both.
  await page.locator(`[data-testid="train-bar"][data-slug="${identity.slug}"] rect.trains-window`).waitFor();
  await page.locator(`[data-testid="train-bar"][data-slug="${payments.slug}"] rect.trains-window.current`).waitFor();
  const paymentsLine = trains.locator(`[data-testid="train"][data-slug="${payments.slug}"]`);
  await paymentsLine.getByTestId('train-conflict').filter({ hasText: "Release 'Identity 2.1' also changes Core DB" }).waitFor();

  await trains.getByTestId('trains-after').selectOption([identity.slug]);
  await trains.getByRole('button', { name: 'Save what it starts after', exact: true }).click();
  await paymentsLine.getByTestId('train-after').filter({ hasText: 'Starts after Identity 2.1: not verified yet (no GO decided yet' }).waitFor();
  await trains.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'plan-trains.png'), fullPage: true });

  // The go/no-go of Payments weighs it with the other gates.
  await page.getByTestId('tab-checklist').click();
  await page.getByTestId('subtab-go-no-go').click();
  await page.getByTestId('poll-open').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Open poll', exact: true }).click();
  await page.getByTestId('gate-blockers').filter({ hasText: 'Payments 7.3 starts after Identity 2.1 is verified' }).waitFor();
  // Identity's own gate is not held by Payments.
  await page.getByTestId('release-list').getByText('Identity 2.1', { exact: true }).click();
  await page.getByTestId('release-name').filter({ hasText: 'Identity 2.1' }).waitFor();
  await page.getByTestId('subtab-go-no-go').click();
  await page.getByTestId('poll-open').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Open poll', exact: true }).click();
  await page.getByTestId('quorum').waitFor();
  assert.equal(await page.getByText('starts after', { exact: false }).count(), 0);

  // A cycle is refused with the path, in the page.
  await page.getByTestId('tab-plan').click();
  await page.getByTestId('trains').getByTestId('trains-after').selectOption([payments.slug]);
  await page.getByTestId('trains').getByRole('button', { name: 'Save what it starts after', exact: true }).click();
  await page
    .getByTestId('trains')
    .getByRole('alert')
    .filter({ hasText: /cycle, .*Payments 7\.3 -> Identity 2\.1/ })
    .waitFor();
  assert.deepEqual(session.pageErrors, []);
});
