import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../main/api/boot';
import { tempDir } from './support/temp-dir';

const cli = new URL('../main/cli.ts', import.meta.url).pathname;

function warroom(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function demoRelease(): Promise<string> {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const release = await services.release(listing!.slug);
  for (let index = 0; index < 5; index += 1) await release.execute('cli-test', () => [{ type: 'note.added', data: { kind: 'note', text: `n${index}` } }]);
  await services.dispose();
  return release.dir;
}

test('--help and --version answer and exit 0', () => {
  const help = warroom('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /warroom web/);
  assert.match(help.stdout, /warroom verify <release-dir>/);
  const version = warroom('--version');
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
});

test('unknown commands and bad flags print the usage and exit 2', () => {
  for (const args of [['frobnicate'], ['web', '--bogus'], ['web', '--port', 'abc'], ['verify'], ['verify', 'a', 'b']]) {
    const result = warroom(...args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, /Usage:/);
  }
});

test('verify passes the demo release and names the first bad seq of a tampered one', async () => {
  const dir = await demoRelease();
  const journal = join(dir, 'journal.jsonl');
  const lines = readFileSync(journal, 'utf8').split('\n');
  const count = lines.filter(Boolean).length;
  const head = JSON.parse(lines[count - 1]!).hash;
  const ok = warroom('verify', dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^OK .*journal\\.jsonl: ${count} events, head seq ${count} ${head}`));

  const target = lines.findIndex((line) => line.includes('"n2"'));
  lines[target] = lines[target]!.replace('"n2"', '"n9"');
  writeFileSync(journal, lines.join('\n'));
  const tampered = warroom('verify', dir);
  assert.equal(tampered.code, 1);
  assert.match(tampered.stdout, new RegExp(`FAIL .*breaks at seq ${target + 1} \\(line ${target + 1}\\)`));
});

test('verify detects a journal cut at a line boundary against release.json', async () => {
  const dir = await demoRelease();
  const journal = join(dir, 'journal.jsonl');
  const lines = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
  writeFileSync(journal, lines.slice(0, lines.length - 2).join('\n') + '\n');
  const result = warroom('verify', dir);
  assert.equal(result.code, 1);
  assert.match(result.stdout, new RegExp(`first missing seq ${lines.length - 1} \\(truncated\\)`));
});

test('verify of a folder without a journal fails with a clear message', () => {
  const result = warroom('verify', tempDir());
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Could not read the journal .*journal\.jsonl: the file or folder no longer exists/);
});
