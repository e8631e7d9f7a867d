import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/temp-dir';
import { scriptedSession } from './scripted-session';

const cli = new URL('../../../main/cli.ts', import.meta.url).pathname;

function warroom(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('warroom report, export and import: files written, progress on stderr, bad flags exit 2', async () => {
  const { services, dir, slug } = await scriptedSession();
  await services.dispose();
  const out = tempDir();
  for (const format of ['md', 'html'] as const) {
    const result = warroom('report', dir, '--format', format, '--out', join(out, `r.${format}`));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warroom: hashing \d+ recording\(s\) and run log\(s\) while reading the journal/);
    assert.ok(readFileSync(join(out, `r.${format}`), 'utf8').includes('Journal verification'));
  }
  for (const args of [
    ['report', dir, '--format', 'docx', '--out', 'x'],
    ['report', dir, '--format', 'md'],
    ['report', '--bogus'],
    ['export', dir],
    ['import'],
    ['import', 'a', 'b'],
  ]) {
    const result = warroom(...args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, /Usage:/);
  }
  const bundle = join(out, 'b.tar.gz');
  const exported = warroom('export', dir, '--out', bundle);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stderr, /SHA256SUMS/);
  const workspace = tempDir();
  const imported = warroom('import', bundle, '--workspace', workspace);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, new RegExp(`as release "${slug}"`));
  assert.ok(existsSync(join(workspace, 'releases', slug, 'journal.jsonl')));
  const again = warroom('import', bundle, '--workspace', workspace);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readdirSync(join(workspace, 'releases')).length, 2, 'a second import is a new release, never an overwrite');
  const missing = warroom('import', join(out, 'nope.tar.gz'), '--workspace', workspace);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope\.tar\.gz/);
});
