// Issue 13 item 8: a journal that does not verify is never handed over as a clean, shorter one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import { bootServices } from '../../../main/api/boot';
import { dispatch } from '../../../main/api/dispatch';
import { importBundle } from '../../../main/core/report/bundle';
import { tempDir } from '../../support/temp-dir';

const cli = new URL('../../../main/cli.ts', import.meta.url).pathname;
const context = { actor: 'tester', transport: 'test' } as const;

function warroom(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A release of exactly 15 events whose journal breaks at seq 9 (an event's text changed after the fact). */
async function brokenRelease(keepOpen = false) {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser', seedDemo: false });
  const created = await dispatch(
    services,
    'release.create',
    { definition: { name: 'Payments 7.1', version: '7.1.0', mode: 'rehearsal', zone: 'Europe/Berlin', goLive: '2026-12-08T22:00:00+01:00' } },
    context,
  );
  assert.equal(created.ok, true, JSON.stringify(created));
  const [listing] = await services.workspace.list();
  const release = await services.release(listing!.slug);
  while (release.state.seq < 15)
    await release.execute('tester', () => [{ type: 'note.added', data: { kind: 'note', text: `note at seq ${release.state.seq + 1}` } }]);
  await release.flush();
  const journal = join(release.dir, 'journal.jsonl');
  const lines = readFileSync(journal, 'utf8').split('\n');
  assert.equal(lines.filter(Boolean).length, 15);
  assert.match(lines[8]!, /"seq":9,/);
  lines[8] = lines[8]!.replace('note at seq 9', 'note at seq 9, edited');
  writeFileSync(journal, lines.join('\n'));
  if (!keepOpen) await services.dispose();
  return { services, dir: release.dir, slug: release.slug };
}

test('export and report of a journal broken at seq 9 of 15 are refused with exit 1, naming the seq; nothing is written', async () => {
  const { dir } = await brokenRelease();
  const out = tempDir();
  const exported = warroom('export', dir, '--out', join(out, 'bundle.tar.gz'));
  assert.equal(exported.code, 1, exported.stderr);
  assert.match(exported.stderr, /does not verify: it breaks at seq 9 \(line 9\).*only seq 1 to 8.*--allow-broken/);
  assert.equal(/^\s+at /m.test(exported.stderr), false, 'one line, no stack trace');
  assert.equal(existsSync(join(out, 'bundle.tar.gz')), false);
  for (const format of ['md', 'html']) {
    const report = warroom('report', dir, '--format', format, '--out', join(out, `report.${format}`));
    assert.equal(report.code, 1, report.stderr);
    assert.match(report.stderr, /breaks at seq 9/);
    assert.equal(existsSync(join(out, `report.${format}`)), false);
  }
});

test('--allow-broken writes a partial bundle that says so in its report, its manifest and its release.json, and the import reports it', async () => {
  const { dir } = await brokenRelease();
  const out = tempDir();
  const file = join(out, 'bundle.tar.gz');
  const exported = warroom('export', dir, '--out', file, '--allow-broken');
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stderr, /PARTIAL: the journal does not verify from seq 9/);
  const unpacked = join(out, 'unpacked');
  mkdirSync(unpacked);
  await tar.x({ file, cwd: unpacked });
  const [top] = (await import('node:fs')).readdirSync(unpacked);
  const root = join(unpacked, top!);
  const manifest = readFileSync(join(root, 'SHA256SUMS'), 'utf8');
  assert.match(manifest.split('\n')[0]!, /^# partial: PARTIAL: the journal does not verify from seq 9 .*only seq 1 to 8 are included\.$/);
  const document = JSON.parse(readFileSync(join(root, 'release.json'), 'utf8')) as { partial?: string; journal: { seq: number } };
  assert.match(document.partial ?? '', /from seq 9/);
  assert.equal(document.journal.seq, 8);
  const markdown = readFileSync(join(root, 'reports', 'report.md'), 'utf8');
  assert.ok(markdown.indexOf('PARTIAL') > 0 && markdown.indexOf('PARTIAL') < markdown.indexOf('## '), 'the notice comes before the first section');
  assert.match(markdown, /does not verify from seq 9.*covers seq 1 to 8 only/);
  const html = readFileSync(join(root, 'reports', 'report.html'), 'utf8');
  assert.match(html, /<section id="summary"><h2>[^<]*<\/h2><p class="verify-failed partial">PARTIAL: the journal does not verify from seq 9/);
  const imported = await importBundle(file, join(tempDir(), 'releases'));
  assert.match(imported.partial ?? '', /from seq 9/);
  assert.equal(imported.events, 8);

  const report = warroom('report', dir, '--format', 'md', '--out', join(out, 'report.md'), '--allow-broken');
  assert.equal(report.code, 0, report.stderr);
  assert.match(readFileSync(join(out, 'report.md'), 'utf8'), /\*\*PARTIAL:\*\* the journal does not verify from seq 9/);
});

test("the app's report and bundle export requests refuse a journal that no longer verifies, with a typed error naming the seq", async () => {
  const { services, slug } = await brokenRelease(true);
  for (const [name, input] of [
    ['report.export', { slug, format: 'md' }],
    ['bundle.export', { slug }],
  ] as const) {
    const result = await dispatch(services, name, input, context);
    assert.equal(result.ok, false, name);
    const error = (result as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'corrupt', name);
    assert.match(error.message, /breaks at seq 9/, name);
    assert.match(error.message, /warroom repair/, name);
  }
  const preview = await dispatch(services, 'report.preview', { slug }, context);
  assert.equal(preview.ok, true, 'the preview still shows what verifies, marked partial');
  await services.dispose();
});

/** Unpack a bundle; its top folder. */
async function unpack(file: string): Promise<string> {
  const into = tempDir();
  await tar.x({ file, cwd: into });
  const [top] = (await import('node:fs')).readdirSync(into);
  return join(into, top!);
}

test('a partial bundle stays partial: imported into another workspace and exported again (twice), each bundle still says from which seq', async () => {
  const { dir } = await brokenRelease();
  const out = tempDir();
  let bundle = join(out, 'bundle-1.tar.gz');
  assert.equal(warroom('export', dir, '--out', bundle, '--allow-broken').code, 0);
  for (const hop of [2, 3]) {
    const workspace = tempDir();
    const imported = warroom('import', bundle, '--workspace', workspace);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /this bundle is partial: PARTIAL: the journal does not verify from seq 9/);
    const releaseDir = /in (\S+)\n$/.exec(imported.stdout)![1]!;
    // The imported journal verifies (it holds seq 1 to 8, and the import's own events): no --allow-broken needed.
    assert.equal(warroom('verify', releaseDir).code, 0);
    const journal = readFileSync(join(releaseDir, 'journal.jsonl'), 'utf8');
    assert.match(journal, /"type":"release\.imported-partial".*from seq 9/);
    bundle = join(out, `bundle-${hop}.tar.gz`);
    const exported = warroom('export', releaseDir, '--out', bundle);
    assert.equal(exported.code, 0, exported.stderr);
    const root = await unpack(bundle);
    const manifest = readFileSync(join(root, 'SHA256SUMS'), 'utf8');
    assert.match(manifest.split('\n')[0]!, /^# partial: PARTIAL: the journal does not verify from seq 9 .*only seq 1 to 8 are included\.$/, `bundle ${hop}`);
    const document = JSON.parse(readFileSync(join(root, 'release.json'), 'utf8')) as { partial?: string };
    assert.match(document.partial ?? '', /from seq 9/, `bundle ${hop}`);
    const markdown = readFileSync(join(root, 'reports', 'report.md'), 'utf8');
    assert.ok(markdown.indexOf('from seq 9') > 0 && markdown.indexOf('from seq 9') < markdown.indexOf('## '), `bundle ${hop}: the notice is on the first page`);
    const html = readFileSync(join(root, 'reports', 'report.html'), 'utf8');
    assert.match(
      html,
      /<section id="summary"><h2>[^<]*<\/h2><p class="verify-failed partial">PARTIAL: the journal does not verify from seq 9/,
      `bundle ${hop}`,
    );
  }
});
