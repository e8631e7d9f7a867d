import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Workspace } from '../../../main/core/workspace/workspace';
import { createReleaseEvents } from '../../../contract/domain/release/release-meta';
import { WorkspaceBusyError, workspaceLockPaths } from '../../../main/core/workspace/workspace-lock';
import { builtCli, runBuilt } from '../../support/built-cli';
import { tempDir } from '../../support/temp-dir';

const definition = { name: 'Lost lock', version: '1.0', mode: 'rehearsal' as const, description: '', goLive: '2026-12-01T10:00:00Z', zone: 'UTC' };

interface Started {
  readonly kind: 'started';
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}
interface Refused {
  readonly kind: 'refused';
  readonly code: number | null;
  readonly stderr: string;
}

/** Start `warroom web` and wait until it either prints its URL (it runs) or exits (it refused). */
function startWeb(workspace: string, args: readonly string[] = ['--no-demo']): Promise<Started | Refused> {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [builtCli, 'web', '--workspace', workspace, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`warroom web neither started nor exited within 60 s:\n${stdout}${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /open:\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ kind: 'started', url: match[1]!, child, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      resolve({ kind: 'refused', code, stderr });
    });
  });
}

function started(result: Started | Refused): Started {
  assert.equal(result.kind, 'started', result.kind === 'refused' ? `exit ${result.code}: ${result.stderr}` : '');
  return result as Started;
}

async function stop(host: Started): Promise<number | null> {
  host.child.kill('SIGTERM');
  return host.exited;
}

/** SIGKILL, then wait until the parent has reaped it (a zombie still has a pid). */
async function crash(host: Started): Promise<void> {
  host.child.kill('SIGKILL');
  await host.exited;
}

function connect(url: string): Promise<WebSocket> {
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token')!;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${parsed.host}/ws?token=${encodeURIComponent(token)}`, { origin: parsed.origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Send every request at once on one socket; resolve with the results by id. */
function callAll(
  ws: WebSocket,
  requests: readonly { id: number; name: string; input: unknown }[],
): Promise<Map<number, { ok: boolean; error?: { message: string } }>> {
  return new Promise((resolve) => {
    const results = new Map<number, { ok: boolean; error?: { message: string } }>();
    ws.on('message', (raw: WebSocket.RawData) => {
      const parsed = JSON.parse(raw.toString()) as { id?: number; result?: { ok: boolean; error?: { message: string } } };
      if (parsed.result && typeof parsed.id === 'number') {
        results.set(parsed.id, parsed.result);
        if (results.size === requests.length) resolve(results);
      }
    });
    for (const request of requests) ws.send(JSON.stringify(request));
  });
}

test('a second warroom web on one workspace refuses, naming the owner, with exit 3; read-only commands keep working', async () => {
  const workspace = tempDir('warroom-lock-');
  const first = started(await startWeb(workspace, []));
  try {
    const owner = JSON.parse(readFileSync(workspaceLockPaths(workspace).owner, 'utf8')) as { pid: number; url: string };
    assert.equal(owner.pid, first.child.pid);
    assert.equal(owner.url, `${new URL(first.url).origin}/`);
    const access = workspaceLockPaths(workspace).access;
    assert.equal(statSync(access).mode & 0o777, 0o600, 'the file with the token is for the owner only');
    assert.equal((JSON.parse(readFileSync(access, 'utf8')) as { url: string }).url, first.url);

    const second = await startWeb(workspace);
    assert.equal(second.kind, 'refused', 'the second writer must not come up');
    if (second.kind === 'refused') {
      assert.equal(second.code, 3);
      assert.match(
        second.stderr,
        new RegExp(
          `^warroom: workspace ${workspace} is in use by War Room pid ${first.child.pid} since \\d\\d:\\d\\d, at ${owner.url}; open that, or stop it\\.\\n$`,
        ),
      );
    }
    // A writing CLI command is refused the same way; reading ones work.
    const imported = runBuilt(['import', builtCli, '--workspace', workspace]);
    assert.equal(imported.code, 3, imported.stderr);
    assert.match(imported.stderr, /is in use by War Room pid/);
    const [slug] = readdirSync(join(workspace, 'releases'));
    const releaseDir = join(workspace, 'releases', slug!);
    assert.equal(runBuilt(['verify', releaseDir]).code, 0);
    const report = runBuilt(['report', releaseDir, '--format', 'md', '--out', join(tempDir(), 'r.md')]);
    assert.equal(report.code, 0, report.stderr);
    const repair = runBuilt(['repair', releaseDir, '--yes']);
    assert.equal(repair.code, 3, 'repair while the host runs is refused');
  } finally {
    assert.equal(await stop(first), 0);
  }
  assert.deepEqual(
    readdirSync(workspace).filter((name) => name.startsWith('workspace.lock') || name.startsWith('workspace.owner') || name.startsWith('workspace.access')),
    [],
    'a clean stop leaves no lock behind',
  );
});

test('a lock left by a SIGKILLed warroom web is taken over by the next start; 1,000 concurrent writes through it verify', async () => {
  const workspace = tempDir('warroom-lock-');
  const crashed = started(await startWeb(workspace, []));
  await crash(crashed);
  assert.ok(statSync(workspaceLockPaths(workspace).lock).isDirectory(), 'the crash left its lock');

  const host = started(await startWeb(workspace));
  try {
    const owner = JSON.parse(readFileSync(workspaceLockPaths(workspace).owner, 'utf8')) as { pid: number };
    assert.equal(owner.pid, host.child.pid);
    assert.equal((await startWeb(workspace)).kind, 'refused', 'and holds it against a third');

    const sockets = await Promise.all([0, 1, 2, 3].map(() => connect(host.url)));
    const listed = await callAll(sockets[0]!, [{ id: 0, name: 'release.list', input: {} }]);
    const slug = (listed.get(0) as unknown as { value: { slug: string }[] }).value[0]!.slug;
    sockets[0]!.removeAllListeners('message');
    const results = await Promise.all(
      sockets.map((ws, socket) =>
        callAll(
          ws,
          Array.from({ length: 250 }, (_, index) => ({ id: index + 1, name: 'note.add', input: { slug, text: `concurrent ${socket}-${index}` } })),
        ),
      ),
    );
    for (const byId of results) for (const result of byId.values()) assert.equal(result.ok, true, JSON.stringify(result));
    for (const ws of sockets) ws.close();
  } finally {
    assert.equal(await stop(host), 0);
  }
  const [slug] = readdirSync(join(workspace, 'releases'));
  const releaseDir = join(workspace, 'releases', slug!);
  const verify = runBuilt(['verify', releaseDir]);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  const notes = readFileSync(join(releaseDir, 'journal.jsonl'), 'utf8').match(/"text":"concurrent \d-\d+"/g) ?? [];
  assert.equal(new Set(notes).size, 1000, 'every acknowledged note is in the one chain, once');
});

test('three starts racing for one stale lock: exactly one comes up, the others refuse with exit 3', async () => {
  const workspace = tempDir('warroom-lock-');
  const crashed = started(await startWeb(workspace));
  await crash(crashed);
  const racers = await Promise.all([startWeb(workspace), startWeb(workspace), startWeb(workspace)]);
  const up = racers.filter((racer): racer is Started => racer.kind === 'started');
  try {
    assert.equal(up.length, 1, racers.map((racer) => (racer.kind === 'refused' ? racer.stderr : 'started')).join('\n'));
    for (const racer of racers) if (racer.kind === 'refused') assert.equal(racer.code, 3, racer.stderr);
  } finally {
    for (const host of up) await stop(host);
  }
});

test('a lock whose holder stopped refreshing it (another host, a frozen process) is taken over once stale', async () => {
  const workspace = tempDir('warroom-lock-');
  const paths = workspaceLockPaths(workspace);
  mkdirSync(paths.lock);
  const since = new Date(Date.now() - 26 * 3_600_000).toISOString();
  writeFileSync(
    paths.owner,
    JSON.stringify({
      app: 'War Room',
      pid: 1,
      hostname: 'elsewhere',
      processStart: null,
      since,
      runtime: 'browser',
      label: 'warroom web',
      url: 'http://127.0.0.1:1/',
    }),
  );
  await assert.rejects(Workspace.open(workspace), (error: unknown) => {
    assert.ok(error instanceof WorkspaceBusyError);
    assert.match(error.message, /in use by War Room pid 1 on host elsewhere since \d{4}-\d\d-\d\d \d\d:\d\d, at http:\/\/127\.0\.0\.1:1\//);
    return true;
  });
  const old = new Date(Date.now() - 120_000);
  utimesSync(paths.lock, old, old);
  const workspaceOpened = await Workspace.open(workspace);
  await workspaceOpened.close();
});

test('in one process: a second open of an open workspace is refused; after close it opens again', async () => {
  const workspace = tempDir('warroom-lock-');
  const first = await Workspace.open(workspace);
  await assert.rejects(Workspace.open(workspace), WorkspaceBusyError);
  await first.close();
  await first.close();
  const again = await Workspace.open(workspace);
  await again.close();
});

test('a file where the lock folder goes is named, not removed', async () => {
  const workspace = tempDir('warroom-lock-');
  writeFileSync(workspaceLockPaths(workspace).lock, 'not a lock');
  const old = new Date(Date.now() - 3_600_000);
  utimesSync(workspaceLockPaths(workspace).lock, old, old);
  await assert.rejects(Workspace.open(workspace), /workspace\.lock is a file, not War Room's lock folder: move it away/);
  const web = runBuilt(['web', '--workspace', workspace, '--no-demo']);
  assert.equal(web.code, 1);
  assert.match(web.stderr, /^warroom: .*workspace\.lock is a file, not War Room's lock folder: move it away, then start again\.\n$/);
  assert.equal(readFileSync(workspaceLockPaths(workspace).lock, 'utf8'), 'not a lock');
});

test('a holder whose lock was taken over stops writing: its journals close and requests are refused with the reason', async () => {
  const workspace = tempDir('warroom-lock-');
  const opened = await Workspace.open(workspace);
  const release = await opened.create('Lost lock', 'tester', createReleaseEvents(definition, []));
  await release.execute('tester', () => [{ type: 'note.added', data: { kind: 'note', text: 'before' } }]);
  // What a process that judged this one dead does: remove the lock and make its own.
  rmdirSync(workspaceLockPaths(workspace).lock);
  mkdirSync(workspaceLockPaths(workspace).lock);
  const old = new Date(Date.now() - 60_000);
  utimesSync(workspaceLockPaths(workspace).lock, old, old);
  const deadline = Date.now() + 30_000;
  while (!opened.lock.lost && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(opened.lock.lost, 'the holder noticed within its refresh interval');
  await assert.rejects(opened.get(release.slug), /lost the lock on workspace .*it stopped writing/);
  await assert.rejects(
    release.execute('tester', () => [{ type: 'note.added', data: { kind: 'note', text: 'after' } }]),
    /closed/,
  );
  assert.doesNotMatch(readFileSync(join(release.dir, 'journal.jsonl'), 'utf8'), /"after"/);
  await opened.close();
  assert.ok(statSync(workspaceLockPaths(workspace).lock).isDirectory(), "the new holder's lock is left alone");
});
