// The live release (issue 14, item 4): the page applies main's deltas; it does not fetch
// the whole release again for each event, and a second tab's change shows at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openCockpit, type CockpitSession } from '../support/cockpit-session';

let session: CockpitSession;
let page: Page;
const snapshots: string[] = [];

before(async () => {
  session = await openCockpit();
  page = session.page;
});

after(() => session?.close());

function countSnapshots(target: Page): void {
  target.on('websocket', (socket) =>
    socket.on('framesent', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.includes('"name":"release.get"')) snapshots.push(target.url());
    }),
  );
}

test('ticks and notes from two tabs reach both pages as deltas, with no snapshot fetched per event', async () => {
  const second = await session.browser.newPage({ viewport: { width: 1200, height: 800 } });
  countSnapshots(page);
  countSnapshots(second);
  // The first page was opened before counting: reload it so both are counted from their first snapshot.
  await page.reload();
  await page.getByTestId('release-name').waitFor();
  await second.goto(session.app.url);
  await second.getByTestId('release-name').waitFor();
  for (const tab of [page, second]) {
    await tab.getByTestId('tab-checklist').click();
    await tab.getByTestId('checklist-item').first().waitFor();
  }
  const settled = snapshots.length;
  const ids = ['stakeholders-informed', 'monitoring-ready', 'rollback-plan-written'];
  for (const [index, id] of ids.entries()) {
    const actor = index % 2 === 0 ? page : second;
    const watcher = actor === page ? second : page;
    await actor.locator(`[data-testid="checklist-item"][data-item-id="${id}"] .status-box`).click();
    // The other tab shows it without a reload: the delta carried it.
    await watcher.waitForSelector(`[data-testid="checklist-item"][data-item-id="${id}"][data-status="done"]`);
    await actor.waitForSelector(`[data-testid="checklist-item"][data-item-id="${id}"][data-status="done"]`);
  }
  assert.equal(snapshots.length, settled, `the pages fetched the whole release ${snapshots.length - settled} more time(s) while 3 events arrived`);
  assert.match((await second.getByTestId('checklist-summary').textContent()) ?? '', /^3\/7 complete/);
  await second.close();
});
