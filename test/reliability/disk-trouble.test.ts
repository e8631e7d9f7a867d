// Disk trouble on the day: a full disk, a read-only workspace and a release folder deleted
// under a running War Room. Each gives a clear error through the contract (dispatch, as
// the UI and the WebSocket see it) and the CLI, and what was acknowledged before is still
// there when the workspace is reopened. The full disk and the read-only workspace are
// real: a 256 KiB tmpfs (remounted read-only), which needs root and mount(8); where that
// is not permitted these tests are skipped and say why.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import { RecordingSink } from '../../main/pty/recording-sink';
import { tempDir } from '../support/temp-dir';

const cli = new URL('../../main/cli.ts', import.meta.url).pathname;
const context = { actor: 'disk-test', transport: 'test' } as const;
const definition = { name: 'Disk trouble', version: '1.0.0', mode: 'rehearsal', zone: 'Europe/Berlin', goLive: '2030-03-01T22:00:00+01:00' };

/** A small tmpfs, or the reason there cannot be one here. */
function mountTmpfs(size: string): { dir: string } | { skip: string } {
  const dir = tempDir('warroom-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    return { skip: `cannot mount a tmpfs here (${String(error).split('\n')[0]}): run as root to test a real full disk` };
  }
  after(() => execFileSync('umount', ['-l', dir], { stdio: 'pipe' }));
  return { dir };
}

function warroom(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function call(services: Services, name: string, input: unknown) {
  return dispatch(services, name, input, context);
}

/** A workspace with one release and three acknowledged notes; returns their texts. */
async function seeded(workspaceDir: string): Promise<{ slug: string; texts: string[] }> {
  const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: false });
  const created = await call(services, 'release.create', { definition });
  assert.equal(created.ok, true, JSON.stringify(created));
  const slug = (created as { value: { slug: string } }).value.slug;
  const texts = ['first', 'second', 'third'].map((word) => `acknowledged ${word}`);
  for (const text of texts) assert.equal((await call(services, 'note.add', { slug, text })).ok, true);
  await services.dispose();
  return { slug, texts };
}

/** Reopen the workspace: the journal verifies and every acknowledged note is there. */
async function assertIntact(workspaceDir: string, slug: string, texts: readonly string[]): Promise<Services> {
  const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: false });
  const verified = await call(services, 'journal.verify', { slug });
  assert.equal(verified.ok, true, JSON.stringify(verified));
  assert.equal((verified as { value: { ok: boolean; tornTail?: unknown } }).value.ok, true);
  const view = await call(services, 'release.get', { slug });
  assert.equal(view.ok, true);
  const notes = (view as { value: { state: { notes: readonly { text: string }[] } } }).value.state.notes.map((note) => note.text);
  for (const text of texts) assert.ok(notes.includes(text), `"${text}" was lost`);
  return services;
}

/** Fill the file system until it refuses; returns the filler to delete. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  const descriptor = openSync(filler, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(descriptor, block);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    closeSync(descriptor);
  }
  return filler;
}

test('a full disk: a clear error through the contract and the CLI, nothing acknowledged is lost, writing resumes once space is back', async (t) => {
  const mounted = mountTmpfs('256k');
  if ('skip' in mounted) return t.skip(mounted.skip);
  const workspaceDir = join(mounted.dir, 'workspace');
  const { slug, texts } = await seeded(workspaceDir);
  const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: false });
  await call(services, 'release.get', { slug });
  const target = { id: 'kept', name: 'kept', environment: 'staging', command: 'ssh', args: ['bastion'], env: {} };
  assert.equal((await call(services, 'targetLibrary.save', { target })).ok, true);
  const filler = fill(mounted.dir);

  // The target library is rewritten whole (temp file, fsync, rename): the temp file meets the full disk.
  const library = await call(services, 'targetLibrary.save', { target: { ...target, id: 'refused', name: 'refused' } });
  assert.equal(library.ok, false);
  if (!library.ok) assert.match(library.error.message, /targets\.json: the disk is full/);
  const listed = await call(services, 'targetLibrary.list', {});
  assert.deepEqual(listed.ok ? (listed.value as { id: string }[]).map((entry) => entry.id) : listed, ['kept'], 'the refused target is not shown as saved');

  // A note bigger than a page needs a new block: the journal write meets the full disk.
  const refused = await call(services, 'note.add', { slug, text: `lost ${'x'.repeat(12_000)}` });
  assert.equal(refused.ok, false);
  if (!refused.ok) {
    assert.equal(refused.error.code, 'io');
    assert.match(refused.error.message, /disk is full/);
    assert.match(refused.error.message, /journal\.jsonl/);
  }
  const operator = await call(services, 'app.setOperator', { name: 'someone else' });
  assert.equal(operator.ok, false);
  if (!operator.ok) assert.match(operator.error.message, /workspace\.json: the disk is full/);

  // The CLI on the same full disk: a new workspace cannot be created, and it says why.
  const web = warroom('web', '--workspace', join(mounted.dir, 'another'), '--no-demo');
  assert.equal(web.code, 1);
  assert.match(web.stderr, /disk is full/);
  assert.doesNotMatch(web.stderr, /\n\s+at /, 'no stack trace for a full disk');

  rmSync(filler);
  const resumed = await call(services, 'note.add', { slug, text: 'after the disk was freed' });
  assert.equal(resumed.ok, true, JSON.stringify(resumed));
  await services.dispose();
  const reopened = await assertIntact(workspaceDir, slug, [...texts, 'after the disk was freed']);
  const libraryAfter = await call(reopened, 'targetLibrary.list', {});
  assert.deepEqual(libraryAfter.ok ? (libraryAfter.value as { id: string }[]).map((entry) => entry.id) : libraryAfter, ['kept']);
  const notes = ((await call(reopened, 'release.get', { slug })) as { value: { state: { notes: readonly { text: string }[] } } }).value.state.notes;
  assert.ok(!notes.some((note) => note.text.startsWith('lost ')), 'the refused note is not in the journal');
  await reopened.dispose();
  assert.equal(warroom('verify', join(workspaceDir, 'releases', slug)).code, 0);
});

test('a read-only workspace: opening a release and every change give a clear error; nothing is lost', async (t) => {
  const mounted = mountTmpfs('4m');
  if ('skip' in mounted) return t.skip(mounted.skip);
  const workspaceDir = join(mounted.dir, 'workspace');
  const { slug, texts } = await seeded(workspaceDir);
  execFileSync('mount', ['-o', 'remount,ro', mounted.dir]);
  try {
    const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: false });
    const opened = await call(services, 'release.get', { slug });
    assert.equal(opened.ok, false);
    if (!opened.ok) {
      assert.equal(opened.error.code, 'io');
      assert.match(opened.error.message, /journal\.jsonl: the workspace is not writable/);
    }
    const note = await call(services, 'note.add', { slug, text: 'never written' });
    assert.equal(note.ok, false);
    if (!note.ok) assert.match(note.error.message, /not writable/);
    const listed = await call(services, 'release.list', {});
    assert.equal(listed.ok, true);
    const listing = (listed as { value: readonly { slug: string; error?: string }[] }).value.find((item) => item.slug === slug);
    assert.match(listing?.error ?? '', /not writable/, 'the listing names the problem');
    const operator = await call(services, 'app.setOperator', { name: 'someone else' });
    assert.equal(operator.ok, false);
    if (!operator.ok) assert.match(operator.error.message, /not writable/);
    await services.dispose();

    const web = warroom('web', '--workspace', join(mounted.dir, 'new-workspace'), '--no-demo');
    assert.equal(web.code, 1);
    assert.match(web.stderr, /Could not create the workspace folder .*new-workspace: the workspace is not writable/);
    // verify only reads: it works on a read-only workspace.
    assert.equal(warroom('verify', join(workspaceDir, 'releases', slug)).code, 0);
  } finally {
    execFileSync('mount', ['-o', 'remount,rw', mounted.dir]);
  }
  const reopened = await assertIntact(workspaceDir, slug, texts);
  assert.equal((await call(reopened, 'note.add', { slug, text: 'writable again' })).ok, true);
  await reopened.dispose();
});

test('a workspace the user may not write (permissions, as a non-root user): the CLI says so', (t) => {
  const setpriv = spawnSync('setpriv', ['--version'], { encoding: 'utf8' });
  if (setpriv.status !== 0 || process.getuid?.() !== 0) return t.skip('needs root and setpriv to run the CLI as another user');
  const parent = join(tempDir('warroom-perm-'), 'locked');
  mkdirSync(parent);
  chmodSync(parent, 0o555);
  chmodSync(join(parent, '..'), 0o755);
  const result = spawnSync(
    'setpriv',
    [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      process.execPath,
      '--import',
      'tsx',
      cli,
      'web',
      '--workspace',
      join(parent, 'workspace'),
      '--no-demo',
    ],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: '/tmp', TSX_TSCONFIG_PATH: undefined },
    },
  );
  if (/Cannot find module|EACCES: permission denied, (open|scandir|mkdir) '\/(work|root)/.test(result.stderr))
    return t.skip(`the checkout is not readable by nobody: ${result.stderr.split('\n')[0]}`);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, /Could not create the workspace folder .*: the workspace is not writable/);
});

test('a release folder deleted while War Room runs: changes are refused with a clear error, never acknowledged into a deleted file', async () => {
  const workspaceDir = tempDir();
  const { slug } = await seeded(workspaceDir);
  const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: false });
  assert.equal((await call(services, 'release.get', { slug })).ok, true);
  const releaseDir = join(workspaceDir, 'releases', slug);
  rmSync(releaseDir, { recursive: true, force: true });

  const note = await call(services, 'note.add', { slug, text: 'into the void' });
  assert.equal(note.ok, false, 'a note was acknowledged into a deleted journal');
  if (!note.ok) {
    assert.equal(note.error.code, 'io');
    assert.match(note.error.message, /was deleted while War Room had it open/);
  }
  const listed = await call(services, 'release.list', {});
  assert.deepEqual((listed as { value: readonly unknown[] }).value, [], 'a deleted release is not listed');
  await services.dispose();

  const verify = warroom('verify', releaseDir);
  assert.equal(verify.code, 1);
  assert.match(verify.stderr, new RegExp(`${slug}/journal\\.jsonl: the file or folder no longer exists`));
});

test('a terminal recording that meets a full disk is closed as incomplete, saying why', async (t) => {
  const mounted = mountTmpfs('256k');
  if ('skip' in mounted) return t.skip(mounted.skip);
  const file = join(mounted.dir, 'recordings', 'full.cast');
  const sink = new RecordingSink({ file }, { cols: 80, rows: 24 }, Date.now(), () => undefined);
  sink.output('before the disk filled\r\n', Date.now());
  const filler = fill(mounted.dir);
  // More than the writer buffers (64 KiB): the write meets the full disk.
  assert.throws(() => sink.output('x'.repeat(100_000), Date.now()), /disk is full/);
  rmSync(filler);
  const result = sink.close(Date.now());
  assert.match(result.incomplete ?? '', /full\.cast: the disk is full/);
  assert.match(readFileSync(file, 'utf8'), /before the disk filled/);
});
