import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dispatch } from '../../../main/api/dispatch';
import { bootServices } from '../../../main/api/boot';
import { listFiles } from '../../../main/core/report/release-reader';
import { prepareReport, renderReport } from '../../../main/core/report/report-export';
import { exportBundle } from '../../../main/core/report/bundle';
import { LITERALS_FILE, readWorkspaceLiterals } from '../../../main/core/redaction/workspace-literals';
import { tempDir } from '../../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;

/** Every file under a folder whose bytes (gunzipped for .gz) contain the text. */
function filesHolding(root: string, files: readonly string[], text: string): string[] {
  return files
    .filter((file) => {
      let bytes = readFileSync(file);
      if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
      return bytes.includes(Buffer.from(text));
    })
    .map((file) => relative(root, file));
}

test('a literal added in the review lives only in the workspace 0600 file (journal, release.json, exports: nowhere else); the journal keeps a salted hash and its length', async () => {
  const workspaceDir = tempDir();
  const services = await bootServices({ workspaceDir, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const release = await services.release(slug);
  const literal = 'Zebra Falcon 77 (customer Acme)';
  const saved = await dispatch(services, 'report.redaction-save', { slug, settings: { literals: [literal], patterns: [] } }, context);
  assert.equal(saved.ok, true, JSON.stringify(saved));
  const exported = await dispatch(services, 'report.export', { slug, format: 'md' }, context);
  assert.equal(exported.ok, true, JSON.stringify(exported));
  const bundle = await dispatch(services, 'bundle.export', { slug }, context);
  assert.equal(bundle.ok, true, JSON.stringify(bundle));
  await release.flush();

  const file = join(workspaceDir, LITERALS_FILE);
  assert.equal(statSync(file).mode & 0o777, 0o600, 'the literals file is readable by its owner only');
  assert.deepEqual(readWorkspaceLiterals(workspaceDir), [literal]);
  const holding = filesHolding(workspaceDir, await listFiles(workspaceDir), literal);
  assert.deepEqual(holding, [LITERALS_FILE], 'only the literals file holds the literal');

  const journal = readFileSync(join(release.dir, 'journal.jsonl'), 'utf8');
  const added = journal
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; data: { sha256: string; length: number } })
    .find((event) => event.type === 'redaction.literal-added');
  assert.ok(added, 'the journal says a literal was added');
  assert.match(added.data.sha256, /^[0-9a-f]{64}$/);
  assert.equal(added.data.length, literal.length);
  assert.equal(release.state.report.redaction.literals.length, 1);
  await services.dispose();
});

test('a journal that holds literals in clear (written before the literals file): exports mask them and warn', async () => {
  const workspaceDir = tempDir();
  const services = await bootServices({ workspaceDir, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const release = await services.release(listing!.slug);
  const literal = 'old-clear-literal-4242';
  await release.execute('Dana Okafor', () => [
    { type: 'note.added', data: { kind: 'note', text: `host ${literal} is slow` } },
    // What `report.redaction-save` journaled before: the literal itself.
    { type: 'redaction.settings-saved', data: { literals: [literal], patterns: [] } },
  ]);
  await release.flush();
  const lines: string[] = [];
  const prepared = await prepareReport(release.dir, (line) => lines.push(line));
  assert.equal(prepared.warnings.length, 1);
  assert.match(prepared.warnings[0]!, /journal\.jsonl holds redaction literals in clear \(seq \d+/);
  assert.ok(lines.some((line) => line.startsWith('warning: journal.jsonl holds redaction literals in clear')));
  const md = Buffer.from(await renderReport(prepared, 'md')).toString('utf8');
  assert.ok(!md.includes(literal), 'the report masks the clear literal');
  const out = join(tempDir(), 'bundle.tar.gz');
  await exportBundle(release.dir, listing!.slug, out);
  assert.ok(!gunzipSync(readFileSync(out)).includes(Buffer.from(literal)), 'the bundle masks the clear literal, the journal event included');
  assert.ok(!JSON.stringify(release.state.report).includes(literal), 'the release state (release.json) does not copy it');
  await services.dispose();
});
