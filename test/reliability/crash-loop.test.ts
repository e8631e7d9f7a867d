import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCrashLoop } from './crash-loop';

// `npm test` runs a short loop; `npm run test:crash` sets WARROOM_CRASH_KILLS=200.
const kills = Number(process.env['WARROOM_CRASH_KILLS'] ?? 20);
const seed = Number(process.env['WARROOM_CRASH_SEED'] ?? Date.now() % 1_000_000);

test(
  `SIGKILL at ${kills} random moments: the journal verifies, nothing acknowledged is lost, runs show as interrupted, recordings stay valid (seed ${seed})`,
  { timeout: kills * 20_000 },
  async () => {
    const reports = await runCrashLoop({ kills, seed });
    assert.equal(reports.length, kills);
    const late = reports.filter((report) => !report.early);
    // The loop must really have killed work in flight, not only idle processes.
    assert.ok(
      late.some((report) => report.interruptedRuns > 0),
      'some kills landed in the middle of a run',
    );
    assert.ok(
      reports.some((report) => report.tornTailRepaired),
      'the torn-tail repair ran',
    );
    assert.ok(reports.at(-1)!.head > reports[0]!.head, 'the journal grew across kills');
    assert.ok(
      late.some((report) => report.castLines > 1),
      'recordings had output when killed',
    );
    const acknowledged = reports.reduce((sum, report) => Math.max(sum, report.acknowledged), 0);
    console.log(
      `crash loop: ${kills} kills (seed ${seed}), ${late.length} in steady work, ${reports.filter((report) => report.tornTailRepaired).length} torn tails repaired, ${acknowledged} acknowledged events all present, journal head ${reports.at(-1)!.head}`,
    );
  },
);
