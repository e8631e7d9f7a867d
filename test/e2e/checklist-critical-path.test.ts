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

/** Freeze the schema, then the API (30 min) and the docs (5 min) in parallel: the API decides the finish. */
const TEMPLATE = [
  'name: Parallel deploy',
  'version: 1',
  'phases:',
  '  - title: Cutover',
  '    items:',
  '      - { id: freeze, title: Freeze the schema, duration: 10m }',
  '      - { id: api, title: Deploy the API, duration: 30m, dependsOn: [freeze] }',
  '      - { id: docs, title: Publish the docs, duration: 5m, dependsOn: [freeze] }',
].join('\n');

test('the checklist marks the items on the critical path, and follows the plan when it changes', async () => {
  const session = await openCockpit({ viewport: { width: 1440, height: 900 } });
  cleanups.push(() => session.close());
  const { page, app } = session;
  const api = await contractSocket(app);
  cleanups.push(() => api.close());
  const { slug } = await api.call<{ slug: string }>('release.create', {
    definition: { name: 'Docs and API', mode: 'rehearsal', goLive: '2026-12-15T21:00:00+01:00', zone: 'Europe/Berlin' },
  });
  await api.call('checklist.template.import', { slug, file: 'parallel.yaml', source: TEMPLATE });
  await page.getByTestId('release-list').getByText('Docs and API', { exact: true }).click();
  await page.getByTestId('release-name').filter({ hasText: 'Docs and API' }).waitFor();
  await page.getByTestId('tab-checklist').click();
  const item = (title: string) => page.getByTestId('checklist-item').filter({ hasText: title });
  await item('Deploy the API').getByTestId('item-critical').waitFor();
  await item('Freeze the schema').getByTestId('item-critical').waitFor();
  assert.equal(await item('Publish the docs').getByTestId('item-critical').count(), 0, 'the docs have 25 min of slack');
  await page.screenshot({ path: join(screenshots, 'checklist-critical-path.png') });

  // The docs now take an hour: they decide the finish, the API no longer does.
  const docs = await page.locator('[data-testid="checklist-item"]', { hasText: 'Publish the docs' }).getAttribute('data-item-id');
  await api.call('plan.set-duration', { slug, nodeId: `item:${docs}`, duration: '1h' });
  await item('Publish the docs').getByTestId('item-critical').waitFor();
  await item('Deploy the API').getByTestId('item-critical').waitFor({ state: 'detached' });
  assert.deepEqual(session.pageErrors, []);
});
