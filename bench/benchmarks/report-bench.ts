import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, encodeData, encodeEvent } from '../../main/core/journal/journal-format';
import { prepareReport, renderReport } from '../../main/core/report/report-export';
import { listFiles } from '../../main/core/report/release-reader';
import { compare, medianMs, type Benchmark } from '../harness';

const SIZES = {
  /** An 8-hour night: 50,000 journal events. */
  events: 50_000,
  /** Ten terminal sessions recorded... */
  recordings: 10,
  /** ...of 10 MB each. */
  recordingBytes: 10 * 1024 * 1024,
  /** Interleaved measuring rounds; the median of each side is compared. */
  rounds: 5,
} as const;

/** A synthetic 8-hour session: notes, commands of 10 terminal sessions, checklist-like events. */
export function writeSession(dir: string): void {
  mkdirSync(join(dir, 'recordings'), { recursive: true });
  mkdirSync(join(dir, 'runs'), { recursive: true });
  const start = Date.parse('2026-11-24T21:00:00Z');
  const step = (8 * 3600_000) / SIZES.events;
  let prev = GENESIS_HASH;
  const lines: string[] = [];
  const push = (seq: number, type: string, data: unknown) => {
    const encoded = encodeEvent(
      seq,
      new Date(start + seq * step).toISOString(),
      seq % 3 === 0 ? 'Dana Okafor' : 'Mateus Silva',
      type,
      data,
      encodeData(data),
      prev,
    );
    prev = encoded.event.hash;
    lines.push(encoded.line);
  };
  push(1, 'release.created', {
    name: 'Checkout 5.0',
    version: '5.0.0',
    mode: 'live',
    description: 'benchmark',
    goLive: '2026-11-24T22:00:00Z',
    zone: 'Europe/Berlin',
    targets: [],
  });
  for (let index = 0; index < SIZES.recordings; index += 1) {
    push(index + 2, 'terminal.session-opened', {
      sessionId: `s${index}`,
      targetId: 'prod',
      targetName: `prod-${index}`,
      environment: 'production',
      command: 'bash',
      recordingFile: `recordings/s${index}.cast`,
    });
  }
  for (let seq = SIZES.recordings + 2; seq <= SIZES.events; seq += 1) {
    if (seq % 2 === 0)
      push(seq, 'terminal.command-finished', {
        sessionId: `s${seq % SIZES.recordings}`,
        targetId: 'prod',
        targetName: `prod-${seq % SIZES.recordings}`,
        command: `kubectl -n checkout get pods -l app=checkout --field-selector=status.phase!=Running # ${seq}`,
        startedAt: new Date(start + seq * step).toISOString(),
        finishedAt: new Date(start + seq * step + 800).toISOString(),
        durationMs: 800,
        exitCode: seq % 50 === 0 ? 1 : 0,
      });
    else
      push(seq, 'note.added', {
        kind: seq % 10 === 1 ? 'decision' : 'note',
        text: `Canary at ${seq % 100}%: error rate ${(seq % 7) / 10}%, p99 ${200 + (seq % 50)} ms; dashboard https://grafana.example.com/d/abc?from=${seq}`,
      });
  }
  writeFileSync(join(dir, 'journal.jsonl'), lines.join(''));
  const outputLine = JSON.stringify([1.5, 'o', 'pod/checkout-7d9f8b6c4-x2x9z   1/1   Running   0   3h12m   10.42.0.17   node-a\r\n']);
  for (let index = 0; index < SIZES.recordings; index += 1) {
    const header = JSON.stringify({ version: 2, width: 120, height: 40 }) + '\n';
    const count = Math.ceil((SIZES.recordingBytes - header.length) / (outputLine.length + 1));
    writeFileSync(join(dir, 'recordings', `s${index}.cast`), header + `${outputLine}\n`.repeat(count));
  }
}

/** Report export (HTML) of an 8-hour session vs reading and hashing its input files. */
export const reportBenchmark: Benchmark = {
  name: 'report',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-report-'));
    try {
      writeSession(dir);
      const inputs = [join(dir, 'journal.jsonl'), ...(await listFiles(join(dir, 'recordings')))];
      const baseline = async () => {
        for (const file of inputs)
          createHash('sha256')
            .update(await readFile(file))
            .digest('hex');
      };
      let bytes = 0;
      const exportHtml = async () => {
        const html = await renderReport(await prepareReport(dir), 'html');
        writeFileSync(join(dir, 'report.html'), html);
        bytes = html.length;
      };
      // Interleaved rounds (baseline, export, baseline, export...): on a shared machine the load
      // changes by the second, and measuring one side after the other skews the ratio.
      const baselineTimes: number[] = [];
      const exportTimes: number[] = [];
      await baseline();
      await exportHtml();
      for (let round = 0; round < SIZES.rounds; round += 1) {
        baselineTimes.push(await medianMs(baseline, 1, 0));
        exportTimes.push(await medianMs(exportHtml, 1, 0));
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const baselineMs = median(baselineTimes);
      const exportMs = median(exportTimes);
      return [
        compare({
          benchmark: 'report',
          measure: `HTML export, ${SIZES.events.toLocaleString('en-US')} events + ${SIZES.recordings} x 10 MB recordings`,
          unit: 'ms',
          ours: exportMs,
          baseline: baselineMs,
          baselineName: 'read + sha256 every input file',
          better: 'lower',
          target: 3,
          note: `report.html is ${(bytes / 1024 / 1024).toFixed(1)} MB`,
        }),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
