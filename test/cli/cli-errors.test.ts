import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { encodeData, encodeEvent } from '../../main/core/journal/journal-format';
import { describeFailure } from '../../main/cli/cli-errors';
import { runBuilt } from '../support/built-cli';
import { tempDir } from '../support/temp-dir';

const services = await bootServices({ workspaceDir: tempDir('warroom-cli-errors-'), runtime: 'browser' });
const [listing] = await services.workspace.list();
const releaseDir = (await services.release(listing!.slug)).dir;
await services.dispose();

/** A user's mistake: exit 1, stderr is exactly one line starting "warroom: " and matching, and no stack. */
function oneLineError(args: string[], expected: RegExp, code = 1): void {
  const result = runBuilt(args, { timeoutMs: 30_000 });
  assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
  const lines = result.stderr.split('\n').filter((line) => line && !/^warroom: (hashing|masking|re-chaining|writing|packing|printing)/.test(line));
  assert.equal(lines.length, 1, `one line for ${args.join(' ')}:\n${result.stderr}`);
  assert.match(lines[0]!, /^warroom: /);
  assert.match(lines[0]!, expected);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

function fifo(): string {
  const path = join(tempDir(), 'pipe');
  execFileSync('mkfifo', [path]);
  return path;
}

test('a file given where a folder goes is named in one line', () => {
  oneLineError(
    ['import', '/etc/hostname', '--workspace', '/etc/passwd'],
    /^warroom: \/etc\/passwd is a file, not a workspace folder: give a folder with --workspace/,
  );
  oneLineError(['web', '--workspace', '/etc/passwd', '--no-demo'], /\/etc\/passwd is a file, not a workspace folder/);
  oneLineError(['verify', '/etc/passwd'], /^warroom: \/etc\/passwd is a file, not a release folder/);
  oneLineError(['report', '/etc/passwd', '--format', 'md', '--out', join(tempDir(), 'r.md')], /^warroom: \/etc\/passwd is a file, not a release folder/);
  oneLineError(['repair', '/etc/passwd', '--yes'], /^warroom: \/etc\/passwd is a file, not a release folder/);
});

test('--out in a missing folder, on a folder, or on a pipe is refused before any work, in one line', () => {
  oneLineError(
    ['report', releaseDir, '--format', 'md', '--out', '/nonexistent/x.html'],
    /^warroom: --out \/nonexistent\/x\.html: the folder \/nonexistent does not exist; create it/,
  );
  oneLineError(['export', releaseDir, '--out', '/nonexistent/b.tar.gz'], /the folder \/nonexistent does not exist/);
  oneLineError(['report', releaseDir, '--format', 'md', '--out', tempDir()], /is a folder; give a file name inside it/);
  const pipe = fifo();
  oneLineError(['export', releaseDir, '--out', pipe], /is a device, pipe or socket, not a file/);
  assert.ok(statSync(pipe).isFIFO(), 'the pipe is still a pipe (export renames into place)');
});

test('pipes and /proc files are refused, never read (they would hang)', () => {
  const pipe = fifo();
  oneLineError(['import', pipe, '--workspace', tempDir()], /is a named pipe, not a War Room bundle/);
  oneLineError(['import', '/proc/self/status', '--workspace', tempDir()], /\/proc\/self\/status is a proc system file, not a War Room bundle/);
  oneLineError(['import', '/dev/zero', '--workspace', tempDir()], /\/dev\/zero is a device, not a War Room bundle/);
  const release = tempDir();
  mkdirSync(join(release, 'recordings'));
  execFileSync('mkfifo', [join(release, 'journal.jsonl')]);
  oneLineError(['verify', release], /journal\.jsonl is a named pipe, not a journal/);
  oneLineError(['report', release, '--format', 'md', '--out', join(tempDir(), 'r.md')], /journal\.jsonl is a named pipe, not a journal/);
  oneLineError(['repair', release, '--yes'], /journal\.jsonl is a named pipe, not a journal/);
});

test('permission denied and a full disk are one line naming the file', (t) => {
  // sysfs's root refuses new files even to root.
  oneLineError(
    ['report', releaseDir, '--format', 'md', '--out', '/sys/warroom-report.md'],
    /^warroom: Could not write the report to \/sys\/warroom-report\.md: (permission denied|the file system is read-only|the operation is not permitted)/,
  );
  const full = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', full], { stdio: 'pipe' });
  } catch {
    return t.skip('cannot mount a tmpfs here: run as root to test a full disk');
  }
  after(() => execFileSync('umount', ['-l', full], { stdio: 'pipe' }));
  writeFileSync(join(full, 'filler'), Buffer.alloc(12 * 1024));
  oneLineError(
    ['report', releaseDir, '--format', 'html', '--out', join(full, 'r.html')],
    /Could not write the report to .*r\.html: the disk is full; free some space/,
  );
  oneLineError(['export', releaseDir, '--out', join(full, 'b.tar.gz')], /the disk is full/);
});

test('verify checks the hash release.json recorded: a journal re-chained after an edit fails, naming the seq', async () => {
  const workspace = tempDir('warroom-cli-errors-');
  const booted = await bootServices({ workspaceDir: workspace, runtime: 'browser' });
  const [first] = await booted.workspace.list();
  const dir = (await booted.release(first!.slug)).dir;
  await booted.dispose();
  const journal = join(dir, 'journal.jsonl');
  const events = readFileSync(journal, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { seq: number; ts: string; actor: string; type: string; data: unknown });
  let prev = '0'.repeat(64);
  const forged = events.map((event) => {
    const data = event.seq === 3 ? { forged: true } : event.data;
    const encoded = encodeEvent(event.seq, event.ts, event.actor, event.type, data, encodeData(data), prev);
    prev = encoded.event.hash;
    return encoded.line;
  });
  writeFileSync(journal, forged.join(''));
  const result = runBuilt(['verify', dir]);
  assert.equal(result.code, 1);
  assert.match(
    result.stdout,
    new RegExp(
      `^FAIL .*journal\\.jsonl: the event at seq ${events.length} has hash [0-9a-f]{12}… but release\\.json records [0-9a-f]{12}…: the journal was rewritten at or before seq ${events.length}; \`warroom repair .*\` records it and re-anchors\\n$`,
    ),
  );
});

test('only a bug prints a stack, after a line that says so; Node file errors become one line', () => {
  const bug = describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')"));
  assert.match(bug.line, /^internal error \(a bug in War Room, please report it with what follows\): Cannot read properties/);
  assert.match(bug.stack ?? '', /TypeError/);
  const missing = describeFailure(
    Object.assign(new Error("ENOENT: no such file or directory, open '/x/y'"), { code: 'ENOENT', path: '/x/y', syscall: 'open' }),
  );
  assert.equal(missing.line, 'could not open /x/y: it does not exist (or its folder /x does not); check the path.');
  assert.equal(missing.stack, undefined);
  for (const code of ['ENOTDIR', 'EACCES', 'EISDIR', 'ENOSPC', 'EROFS', 'EEXIST']) {
    const failure = describeFailure(Object.assign(new Error(code), { code, path: '/some/file', syscall: 'mkdir' }));
    assert.match(failure.line, /^could not create the folder \/some\/file: [^\n]+\.$/, code);
    assert.equal(failure.stack, undefined, code);
  }
});
