import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import { launchChromium } from '../../test/support/chromium';
import { startWarRoom, type RunningWarRoom } from '../../test/support/browser-mode';
import { tempDir } from '../../test/support/temp-dir';
import { generateRelease } from '../support/generated-release';
import { compare, type Benchmark, type BenchResult } from '../harness';

/**
 * A checklist toggle round trip (issue 14): click in Chromium to the row painted with its
 * new status, through main, the fsync'd journal and the live view, in a release of
 * 50,000 events against one of 100, both served at once and ticked in alternation so a
 * busy machine slows both alike.
 */
const SIZES = { small: 100, large: 50_000, ticks: 15 } as const;
const TARGET = 1.2;

async function releaseWithItems(events: number): Promise<{ workspace: string; name: string }> {
  const workspace = tempDir('warroom-bench-live-');
  const name = `Night of ${events} events`;
  const { slug } = await generateRelease(workspace, name, events);
  const services = await bootServices({ workspaceDir: workspace, runtime: 'browser' });
  const call = async (request: string, input: unknown) => {
    const result = await dispatch(services, request, input, { actor: 'bench', transport: 'test' });
    if (!result.ok) throw new Error(`${request}: ${result.error.message}`);
  };
  await call('checklist.phase.add', { slug, id: 'cutover', title: 'Cutover' });
  for (let index = 0; index < SIZES.ticks + 2; index += 1)
    await call('checklist.item.add', { slug, phaseId: 'cutover', id: `item-${index}`, title: `Check ${index}` });
  await services.dispose();
  return { workspace, name };
}

async function openRelease(app: RunningWarRoom, name: string, page: Page): Promise<void> {
  await page.goto(app.url);
  await page
    .getByTestId('release-list')
    .getByRole('button', { name: new RegExp(name) })
    .click();
  await page.getByTestId('release-name').filter({ hasText: name }).waitFor({ timeout: 120_000 });
  await page.getByTestId('tab-checklist').click();
  await page.locator('[data-testid="checklist-item"][data-item-id="item-0"]').waitFor({ timeout: 120_000 });
}

async function tick(page: Page, index: number): Promise<number> {
  const row = `[data-testid="checklist-item"][data-item-id="item-${index}"]`;
  const start = performance.now();
  await page.locator(`${row} .status-box`).click();
  await page.waitForSelector(`${row}[data-status="done"]`, { timeout: 60_000 });
  return performance.now() - start;
}

function stats(samples: readonly number[]): { min: number; median: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
}

export const liveReleaseBenchmark: Benchmark = {
  name: 'live-release',
  async run(): Promise<BenchResult[]> {
    const small = await releaseWithItems(SIZES.small);
    const large = await releaseWithItems(SIZES.large);
    const apps = [await startWarRoom({ workspace: small.workspace }), await startWarRoom({ workspace: large.workspace })];
    const browser = await launchChromium();
    try {
      const viewport = { width: 1400, height: 1800 };
      const pages = [await browser.newPage({ viewport }), await browser.newPage({ viewport })];
      await openRelease(apps[0]!, small.name, pages[0]!);
      await openRelease(apps[1]!, large.name, pages[1]!);
      await tick(pages[0]!, SIZES.ticks);
      await tick(pages[1]!, SIZES.ticks); // warm-up, untimed
      const times: [number[], number[]] = [[], []];
      for (let index = 0; index < SIZES.ticks; index += 1) {
        const order = index % 2 === 0 ? [0, 1] : [1, 0];
        for (const which of order) times[which as 0 | 1].push(await tick(pages[which]!, index));
      }
      const [ofSmall, ofLarge] = [stats(times[0]), stats(times[1])];
      return [
        compare({
          benchmark: 'live-release',
          measure: `checklist toggle, click to painted: ${SIZES.large.toLocaleString('en-US')} vs ${SIZES.small} events`,
          unit: 'ms',
          ours: ofLarge.median,
          baseline: ofSmall.median,
          baselineName: `${SIZES.small} events`,
          better: 'lower',
          target: TARGET,
          note: `min/median/max ${fmt(ofLarge)} ms at ${SIZES.large.toLocaleString('en-US')} events, ${fmt(ofSmall)} ms at ${SIZES.small}`,
        }),
      ];
    } finally {
      await browser.close();
      for (const app of apps) await app.stop();
    }
  },
};

function fmt(value: { min: number; median: number; max: number }): string {
  return [value.min, value.median, value.max].map((part) => part.toFixed(1)).join('/');
}
