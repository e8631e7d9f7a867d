import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Release } from '../../main/core/release/release';
import { createReleaseEvents } from '../../contract/domain/release/release-meta';
import { previewRiskCsv } from '../../main/core/risks/risk-csv-import';
import { commitCheckedRiskImport, commitRiskImport } from '../../main/core/risks/risk-import-commit';
import { performance } from 'node:perf_hooks';
import { compare, medianMs, type Benchmark, type BenchResult } from '../harness';
import { measureRisksRender } from './risks-render-bench';

const SIZES = {
  /** The number: a large programme's register, 10x what one release usually has. */
  rows: 5000,
  /** Timed rounds of the import (each into a fresh release, so ids never renumber). */
  importRuns: 5,
} as const;

const CATEGORIES = ['technical', 'data', 'people', 'third-party', 'compliance', 'schedule'];
const OWNERS = ['Zoë Müller', 'Mateus Silva', 'Priya Raman', 'Dana Okafor', '田中 Hiroshi', 'Ana-Lucía Pérez'];

/** A register as a spreadsheet writes it: every column, quotes, commas, line breaks, non-ASCII. */
export function registerCsv(rows: number): string {
  const lines = ['ID,Title,Description,Category,Likelihood,Impact,Owner,Trigger,Mitigation,Contingency,Residual likelihood,Residual impact,Review date,Status'];
  for (let index = 1; index <= rows; index += 1) {
    const likelihood = (index % 5) + 1;
    const impact = ((index * 7) % 5) + 1;
    lines.push(
      [
        `R-${index}`,
        `"Risk ${index}: partner API ""v${index % 9}"" slows, checkout waits"`,
        `"Seen in load test ${index}, p99 rose by ${index % 300} ms;\nneeds the cache warm before T-0"`,
        CATEGORIES[index % CATEGORIES.length],
        likelihood,
        impact,
        OWNERS[index % OWNERS.length],
        `p99 above ${200 + (index % 200)} ms for 5 minutes`,
        `"Canary at 1%, then 10%, 50%, 100%; gates on error rate, latency"`,
        'Roll back with the rollback playbook',
        Math.max(1, likelihood - 1),
        Math.max(1, impact - 1),
        `2026-${String((index % 12) + 1).padStart(2, '0')}-15`,
        'open',
      ].join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function median(values: readonly number[]): number {
  const sorted = values.slice().sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function freshRelease(root: string, index: number): Promise<Release> {
  const definition = {
    name: `Bench ${index}`,
    mode: 'rehearsal' as const,
    goLive: '2026-12-01T22:00:00+01:00',
    zone: 'Europe/Berlin',
    version: '',
    description: '',
  };
  return Release.create(join(root, `bench-${index}`), `bench-${index}`, 'bench', createReleaseEvents(definition, []));
}

/**
 * Risk register: importing a 5,000-row CSV (preview, commit, journal through
 * Release.execute with fsync) against parsing the same CSV alone with csv-parse; and
 * rendering the register with 5,000 risks in Chromium against the demo's three.
 */
export const risksBenchmark: Benchmark = {
  name: 'risks',
  async run() {
    const csv = registerCsv(SIZES.rows);
    const root = mkdtempSync(join(tmpdir(), 'warroom-bench-risks-'));
    try {
      const parseMs = await medianMs(() => {
        const records = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true }) as unknown[];
        if (records.length !== SIZES.rows + 1) throw new Error(`csv-parse read ${records.length} records`);
      }, 7);

      // Each round imports into a fresh release (created untimed), so ids never renumber;
      // release.json is flushed untimed too, so one round's deferred snapshot is not
      // counted in the next.
      const phases = { preview: [] as number[], command: [] as number[], journal: [] as number[], total: [] as number[] };
      for (let round = 0; round <= SIZES.importRuns; round += 1) {
        const release = await freshRelease(root, round);
        const start = performance.now();
        const preview = previewRiskCsv(csv);
        const previewed = performance.now();
        let commandMs = 0;
        const [event] = await release.execute('bench', (state, context) => {
          const commandStart = performance.now();
          // As the handler does: main commits the preview it made (kept, not sent back).
          const events = commitCheckedRiskImport(state.risks, preview, context);
          commandMs = performance.now() - commandStart;
          return events;
        });
        const end = performance.now();
        if (preview.rows.length !== SIZES.rows || preview.badRows.length !== 0)
          throw new Error(`preview: ${preview.rows.length} rows, ${preview.badRows.length} bad`);
        if (!event || release.state.risks.risks.length !== SIZES.rows) throw new Error('the import did not land');
        await release.close();
        if (round === 0) continue; // warm-up
        phases.preview.push(previewed - start);
        phases.command.push(commandMs);
        phases.journal.push(end - previewed - commandMs);
        phases.total.push(end - start);
      }
      const importMs = median(phases.total);
      const eventBytes = JSON.stringify(
        commitRiskImport({ risks: [], nextNumber: 1 }, previewRiskCsv(csv), { actor: 'bench', now: new Date().toISOString() })[0]!.data,
      ).length;

      const results: BenchResult[] = [
        compare({
          benchmark: 'risks',
          measure: `import ${SIZES.rows}-row CSV (preview + commit + journal)`,
          unit: 'ms',
          ours: importMs,
          baseline: parseMs,
          baselineName: 'csv-parse alone',
          better: 'lower',
          target: 3,
          note: `${(csv.length / 1_000_000).toFixed(1)} MB of CSV; medians: preview ${median(phases.preview).toFixed(0)} ms (csv-parse inside), commit command ${median(phases.command).toFixed(0)} ms (main's kept preview, not re-validated), journal ${median(phases.journal).toFixed(0)} ms (canonical JSON + sha256 + fsync of one ${(eventBytes / 1_000_000).toFixed(1)} MB risks.imported event)`,
        }),
      ];
      results.push(...(await measureRisksRender(root, csv)));
      return results;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
