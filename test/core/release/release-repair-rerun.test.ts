import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../../main/api/boot';
import { applyRepair, planRepair } from '../../../main/core/release/release-repair';
import { Release } from '../../../main/core/release/release';
import { verifyJournalFile } from '../../../main/core/journal/journal';
import { tempDir } from '../../support/temp-dir';

/** A real release with a byte flipped in the middle of its journal; returns its folder and the broken bytes. */
async function brokenRelease(): Promise<{ dir: string; original: Buffer }> {
  const services = await bootServices({ workspaceDir: tempDir('warroom-repair-rerun-'), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const opened = await services.release(listing!.slug);
  for (let index = 0; index < 12; index += 1) await opened.execute('rerun-test', () => [{ type: 'note.added', data: { kind: 'note', text: `note ${index}` } }]);
  await services.dispose();
  const path = join(opened.dir, 'journal.jsonl');
  const original = Buffer.from(readFileSync(path, 'utf8').replace('"note 6"', '"note X"'));
  writeFileSync(path, original);
  return { dir: opened.dir, original };
}

/** The journal's verified prefix (all but its last line, the repair event) followed by every .cut file. */
function keptPlusCuts(dir: string): { rebuilt: Buffer; cuts: string[] } {
  const journal = readFileSync(join(dir, 'journal.jsonl'));
  const keptEnd = journal.lastIndexOf(0x0a, journal.length - 2) + 1;
  const cuts = readdirSync(dir)
    .filter((name) => name.startsWith('journal.jsonl.cut-'))
    .sort();
  return { rebuilt: Buffer.concat([journal.subarray(0, keptEnd), ...cuts.map((name) => readFileSync(join(dir, name)))]), cuts };
}

test('a repair re-run after a kill that left its .cut file (and a partial one, and its temp journal) keeps one copy of the cut bytes', async () => {
  const { dir, original } = await brokenRelease();
  const first = await planRepair(dir, new Date('2026-12-03T02:00:00.000Z'));
  assert.equal(first.kind, 'repair');
  if (first.kind !== 'repair') return;
  const tail = original.subarray(first.keptBytes);
  // What a SIGKILL leaves at three moments of the first run: the .cut file whole (journal not yet
  // replaced), a .cut file cut short while written, and the repaired journal's temp file.
  writeFileSync(first.cutFile!, tail);
  writeFileSync(`${first.cutFile!}.partial-4242`, tail.subarray(0, 10));
  writeFileSync(join(dir, 'journal.jsonl.repair-4242'), original.subarray(0, 100));
  const second = await planRepair(dir, new Date('2026-12-03T02:05:00.000Z'));
  assert.equal(second.kind, 'repair');
  if (second.kind !== 'repair') return;
  const result = await applyRepair(second, 'ana');
  assert.equal(result.cutFile, first.cutFile, 'the earlier .cut file is the one named');
  const { rebuilt, cuts } = keptPlusCuts(dir);
  assert.equal(cuts.length, 1, `one .cut file, not ${cuts.join(', ')}`);
  assert.ok(rebuilt.equals(original), 'original bytes = kept prefix + the .cut file');
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('.partial-') || name.startsWith('journal.jsonl.repair-')),
    [],
  );
  assert.equal((await verifyJournalFile(join(dir, 'journal.jsonl'))).ok, true);
  const release = await Release.open(dir, 'rerun');
  await release.audit;
  assert.equal(release.state.seq, first.keptEvents + 1);
  await release.close();
});
