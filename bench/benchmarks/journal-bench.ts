import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../main/core/journal/journal';
import { verifyJournalBytes } from '../../main/core/journal/verify-journal';
import { compare, medianMs, type Benchmark } from '../harness';

const SIZES = {
  /** Events appended by concurrent producers (a playbook run, terminals, the UI). */
  groupCommitEvents: 2000,
  /** fsync per event is slow by nature: fewer events give the same rate. */
  fsyncEachEvents: 200,
  /** A long night: 50,000 events of ~300 bytes. */
  verifyEvents: 50_000,
} as const;

function payload(index: number) {
  return {
    itemId: `item-${index % 97}`,
    from: 'todo',
    to: 'done',
    note: `checked by the on-call engineer, step ${index}`,
    evidence: [{ kind: 'link', value: `https://ci.example.com/builds/${index}` }],
  };
}

/** Durable appends: group commit vs one fsync per event; verification vs raw sha256. */
export const journalBenchmark: Benchmark = {
  name: 'journal',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-journal-'));
    try {
      let round = 0;
      const groupMs = await medianMs(async () => {
        const { journal } = await Journal.open(join(dir, `group-${round++}.jsonl`));
        await Promise.all(
          Array.from({ length: SIZES.groupCommitEvents }, (_, index) =>
            journal.append({ actor: 'bench', type: 'checklist.item-status-changed', data: payload(index) }),
          ),
        );
        await journal.close();
      }, 3);
      const eachMs = await medianMs(async () => {
        const { journal } = await Journal.open(join(dir, `each-${round++}.jsonl`));
        for (let index = 0; index < SIZES.fsyncEachEvents; index += 1)
          await journal.append({ actor: 'bench', type: 'checklist.item-status-changed', data: payload(index) });
        await journal.close();
      }, 3);
      const groupRate = SIZES.groupCommitEvents / (groupMs / 1000);
      const eachRate = SIZES.fsyncEachEvents / (eachMs / 1000);

      const bigPath = join(dir, 'verify.jsonl');
      const { journal } = await Journal.open(bigPath);
      await Promise.all(
        Array.from({ length: SIZES.verifyEvents }, (_, index) =>
          journal.append({ actor: 'bench', type: 'checklist.item-status-changed', data: payload(index) }),
        ),
      );
      await journal.close();
      const bytes = readFileSync(bigPath);
      const lines: Buffer[] = [];
      for (let start = 0; start < bytes.length;) {
        const end = bytes.indexOf(10, start);
        lines.push(bytes.subarray(start, end));
        start = end + 1;
      }
      const verifyMs = await medianMs(() => {
        if (!verifyJournalBytes(bytes).ok) throw new Error('bench journal does not verify');
      }, 7);
      // The floor of any verifier: one sha256 per event over the same bytes.
      const rawPerEventMs = await medianMs(() => {
        for (const line of lines) createHash('sha256').update(line).digest('hex');
      }, 7);
      const rawWholeMs = await medianMs(() => createHash('sha256').update(bytes).digest('hex'), 7);
      const mb = bytes.length / 1e6;
      return [
        compare({
          benchmark: 'journal',
          measure: 'durable appends, group commit vs fsync per event',
          unit: 'events/s',
          ours: groupRate,
          baseline: eachRate,
          baselineName: 'fsync per event',
          better: 'higher',
          target: 20,
        }),
        compare({
          benchmark: 'journal',
          measure: `verify ${SIZES.verifyEvents} events (${mb.toFixed(1)} MB) vs raw sha256 per event`,
          unit: 'MB/s',
          ours: mb / (verifyMs / 1000),
          baseline: mb / (rawPerEventMs / 1000),
          baselineName: 'sha256 of each line',
          better: 'higher',
          target: 0.5,
          note: `raw sha256 of the file as one buffer: ${(mb / (rawWholeMs / 1000)).toFixed(0)} MB/s (verify reaches ${((mb / (verifyMs / 1000) / (mb / (rawWholeMs / 1000))) * 100).toFixed(0)}% of it)`,
        }),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
