import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import { BAKE_EVENTS } from '../../contract/domain/telemetry/bake-model';
import type { MetricGateReading } from '../../contract/domain/go-no-go/poll-model';
import type { DomainEvent } from '../../contract/domain/release/domain-event';
import { chromiumAvailable, launchChromium } from '../../test/support/chromium';
import { startWarRoom } from '../../test/support/browser-mode';
import { compare, medianOf, type BenchResult } from '../harness';

const BOARD = {
  /** The board: 10 series x 8 hours at 15 s resolution. */
  series: 10,
  points: 8 * 240,
  stepMs: 15_000,
  /** Tab switches timed per release (median taken). */
  runs: 7,
  /** The budget: first paint at most this much more than the same view without the board. */
  paintBudgetMs: 100,
  /** ... and a live point appended to all series within this. */
  appendBudgetMs: 5,
  /** Live rounds timed (the bake measures the sandbox every interval). */
  appends: 5,
  intervalMs: 2_000,
} as const;

/*
 * Browser-side scripts as text: this program is type-checked without the DOM library.
 */

/** From clicking the Health tab to the first frame painted with every chart drawn (a canvas per gate). */
const HEALTH_TAB_SCRIPT = (charts: number) => `(async () => {
  const start = performance.now();
  document.querySelector('[data-testid="tab-health"]').click();
  await new Promise((resolve) => {
    const check = () => (document.querySelector('[data-testid="health-board"]') && document.querySelectorAll('[data-testid="gate-chart"] canvas').length >= ${charts} ? resolve() : requestAnimationFrame(check));
    check();
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
})()`;

/** Installed before the app loads: the arrival time and size of every WebSocket message. */
const RECORD_MESSAGES_SCRIPT = `(() => {
  const Native = window.WebSocket;
  const log = [];
  window.__wsLog = log;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => log.push({ at: performance.now(), size: typeof event.data === 'string' ? event.data.length : 0 }));
    }
  };
})();`;

/**
 * Wait for the next live round to show on every chart (each card's measurement count
 * grows by one), then a painted frame; the time from the arrival of the message that
 * carried it. Also what the renderer did in between: the longest task.
 */
const APPEND_SCRIPT = (series: number) => `(async () => {
  const counts = () => [...document.querySelectorAll('[data-testid="gate-card"] .gate-history summary')].slice(0, ${series}).map((node) => parseInt(node.textContent, 10));
  const before = counts();
  const asked = performance.now();
  // When the board's DOM shows the round (the task that rendered it, charts drawn in its layout effects).
  const shown = await new Promise((resolve) => {
    const board = document.querySelector('[data-testid="health-board"]');
    const observer = new MutationObserver(() => {
      const now = counts();
      if (now.length === before.length && now.every((value, index) => value > before[index])) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(board, { subtree: true, childList: true, characterData: true });
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const painted = performance.now();
  // The message that carried the round: the last to arrive after we started waiting and before the board showed it.
  const carried = window.__wsLog.filter((entry) => entry.at >= asked && entry.at <= shown);
  const arrival = carried[carried.length - 1] ?? { at: asked, size: 0 };
  return { ms: shown - arrival.at, paintedMs: painted - arrival.at, bytes: arrival.size };
})()`;

function readings(at: number, index: number): MetricGateReading[] {
  return Array.from({ length: BOARD.series }, (_, gate) => {
    const value = 0.01 + 0.004 * Math.sin(index / 40 + gate) + (index % 97 === 0 ? 0.05 : 0);
    return {
      criterionId: `gate-${gate}`,
      title: `Gate ${gate + 1}`,
      at: new Date(at).toISOString(),
      query: `sandbox_error_ratio{version="v${(gate % 2) + 1}"}`,
      baselineQuery: null,
      source: "the sandbox's /metrics",
      values: [value],
      baselineValues: null,
      phase: 'successful',
      message: 'successCondition result[0] < 0.5 is true',
      threshold: 0.5,
    };
  });
}

/**
 * The health board in Chromium (browser mode, the built app): a bake of 10 gates with 8
 * hours of readings at 15 s (1,920 points each) still baking on the demo's real sandbox, so
 * live rounds arrive; against the same Health view of a release without gates.
 */
export async function measureHealthBoard(): Promise<BenchResult[]> {
  const built = existsSync(new URL('../../dist/renderer/index.html', import.meta.url));
  if (!built || !chromiumAvailable()) {
    console.warn('telemetry: health board benchmark skipped (needs `npm run build` and Chromium)');
    return [];
  }
  const workspace = mkdtempSync(join(tmpdir(), 'warroom-health-bench-'));
  const services = await bootServices({ workspaceDir: workspace, runtime: 'browser' });
  const context = { actor: 'bench', transport: 'test' } as const;
  const [demo] = await services.workspace.list();
  const release = await services.release(demo!.slug);
  const sandbox = join(release.dir, 'sandbox');
  const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;
  spawnSync(process.execPath, [ctl, 'start', '--dir', sandbox]);
  const created = await dispatch(
    services,
    'release.create',
    { definition: { name: 'No board', mode: 'rehearsal', goLive: new Date().toISOString(), zone: 'Europe/Berlin' } },
    context,
  );
  if (!created.ok) throw new Error(created.error.message);
  const now = Date.now();
  const first = now - BOARD.points * BOARD.stepMs;
  const gates = Array.from({ length: BOARD.series }, (_, gate) => ({
    id: `gate-${gate}`,
    title: `Gate ${gate + 1}`,
    metric: { source: 'sandbox', query: `sandbox_error_ratio{version="v${(gate % 2) + 1}"}`, successCondition: 'result[0] <= 1' },
  }));
  const events: DomainEvent[] = [
    {
      type: BAKE_EVENTS.started,
      data: { bakeId: 'bake-1', durationMs: 9 * 3_600_000, intervalMs: BOARD.intervalMs, endsAt: new Date(first + 9 * 3_600_000).toISOString(), gates },
    },
  ];
  for (let index = 0; index < BOARD.points; index += 1)
    events.push({ type: BAKE_EVENTS.measured, data: { bakeId: 'bake-1', round: index + 1, readings: readings(first + index * BOARD.stepMs, index) } });
  await release.execute('bench', () => events);
  await services.dispose();

  const app = await startWarRoom({ workspace });
  const browser = await launchChromium();
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript({ content: RECORD_MESSAGES_SCRIPT });
    page.on('pageerror', (error) => console.error(`telemetry: page error: ${error.message}`));
    page.on('crash', () => console.error('telemetry: the health board page crashed'));
    await page.goto(app.url);
    await page.getByTestId('release-name').waitFor();
    const paint = async (name: string, charts: number) => {
      await page.getByTestId('release-list').getByText(name, { exact: true }).click();
      await page.getByTestId('release-name').filter({ hasText: name }).waitFor();
      const times: number[] = [];
      for (let run = 0; run < BOARD.runs; run += 1) {
        await page.getByTestId('tab-checklist').click();
        await page.getByTestId('health-board').waitFor({ state: 'detached' });
        times.push((await page.evaluate(HEALTH_TAB_SCRIPT(charts))) as number);
      }
      return medianOf(times);
    };
    const without = await paint('No board', 0);
    const withBoard = await paint('Checkout 4.2 (demo rehearsal)', BOARD.series);
    console.log(`telemetry: Health tab painted in ${withBoard.toFixed(0)} ms with the board, ${without.toFixed(0)} ms without`);
    const appends: { ms: number; paintedMs: number; bytes: number }[] = [];
    for (let round = 0; round < BOARD.appends; round += 1)
      appends.push((await page.evaluate(APPEND_SCRIPT(BOARD.series))) as { ms: number; paintedMs: number; bytes: number });
    const append = medianOf(appends.map((entry) => entry.ms));
    const bytes = medianOf(appends.map((entry) => entry.bytes));
    return [
      compare({
        benchmark: 'telemetry',
        measure: `health board first paint, ${BOARD.series} series x ${BOARD.points} points, over the view without it (Chromium)`,
        unit: 'ms',
        ours: Math.max(0, withBoard - without),
        baseline: BOARD.paintBudgetMs,
        baselineName: `the ${BOARD.paintBudgetMs} ms budget`,
        better: 'lower',
        target: 1,
        note: `Health tab to painted: ${withBoard.toFixed(0)} ms with the board, ${without.toFixed(0)} ms without (medians of ${BOARD.runs})`,
      }),
      compare({
        benchmark: 'telemetry',
        measure: `health board: a live point appended to all ${BOARD.series} series, message to board updated (Chromium)`,
        unit: 'ms',
        ours: append,
        baseline: BOARD.appendBudgetMs,
        baselineName: `the ${BOARD.appendBudgetMs} ms budget`,
        better: 'lower',
        target: 1,
        note: `${BOARD.appends} live rounds from the real sandbox: message to board updated ${appends.map((entry) => entry.ms.toFixed(1)).join(', ')} ms, to the next painted frame ${appends.map((entry) => entry.paintedMs.toFixed(1)).join(', ')} ms; the message carrying the round was ${(bytes / 1e3).toFixed(1)} kB`,
      }),
    ];
  } finally {
    await browser.close();
    await app.stop();
    spawnSync(process.execPath, [ctl, 'stop', '--dir', sandbox]);
  }
}
