import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAsciicast } from '../../main/pty/asciicast-reader';
import type { SessionCommand } from '../../main/pty/terminal-manager';
import { TerminalManager } from '../../main/pty/terminal-manager';
import type { TerminalExit } from '../../main/pty/terminal-session';
import { WarRoomError } from '../../contract/domain/errors';
import { delay, isolatedEnv, profile, tempFolder } from './pty-helpers';
import { TerminalTuning } from '../../contract/domain/terminal/terminal-constants';

function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (predicate()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`Timed out waiting for ${what}`));
      else setTimeout(check, 20);
    };
    check();
  });
}

/** Handles and requests that keep the process alive, by kind (TTYWrap, Timeout, FSReqCallback...). */
function activeResources(): string[] {
  return process.getActiveResourcesInfo().sort();
}

test('sessions by id: open, list, attach with scrollback, reattach after detach, close', async (t) => {
  const folder = tempFolder('manager');
  t.after(folder.remove);
  const home = tempFolder('home');
  t.after(home.remove);
  const manager = new TerminalManager({ recordingsDir: folder.path, baseEnv: isolatedEnv(home.path) });
  t.after(() => manager.dispose());
  const commands: SessionCommand[] = [];
  manager.onCommand((command) => commands.push(command));
  const info = manager.open(profile('bash', [], { id: 'sandbox-local', name: 'local shell' }), { cols: 90, rows: 30 });
  assert.equal(info.targetId, 'sandbox-local');
  assert.equal(info.shellIntegration, 'bash');
  assert.deepEqual(
    manager.list().map((session) => [session.id, session.cols, session.rows]),
    [[info.id, 90, 30]],
  );

  let firstView = '';
  const first = manager.attach(info.id, { onData: (data) => (firstView += data) });
  manager.write(info.id, 'echo attached-$((3*3))\r');
  await until(() => firstView.includes('attached-9'), 'output in the first panel');
  await until(() => commands.length === 1, 'the command on the timeline');
  assert.equal(commands[0]?.command, 'echo attached-$((3*3))');
  assert.equal(commands[0]?.sessionId, info.id);
  first.dispose();

  // A reloaded renderer: reattaches and gets the recent output first.
  let secondView = '';
  const exits: TerminalExit[] = [];
  const second = manager.attach(info.id, { onData: (data) => (secondView += data), onExit: (exit) => exits.push(exit) });
  assert.ok(second.scrollback.includes('attached-9'));
  manager.resize(info.id, 100, 40);
  manager.write(info.id, 'exit 4\r');
  await until(() => exits.length === 1, 'the exit');
  assert.equal(exits[0]?.exitCode, 4);
  assert.match(exits[0]?.recording?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.deepEqual(readdirSync(folder.path), [`${info.id}.cast`]);
  assert.deepEqual(manager.list()[0]?.exit?.exitCode, 4);
  assert.equal(manager.list()[0]?.cols, 100);
  await manager.close(info.id);
  assert.deepEqual(manager.list(), []);
  assert.throws(
    () => manager.write(info.id, 'x'),
    (error: unknown) => error instanceof WarRoomError && error.code === 'not-found',
  );
});

test('only the most recent panel acknowledges: an idle second panel holds the flood back', async (t) => {
  const manager = new TerminalManager();
  t.after(() => manager.dispose());
  const info = manager.open(profile('yes'), { shellIntegration: false });
  let older = 0;
  const first = manager.attach(info.id, {
    onData: (data) => {
      older += data.length;
      first.acknowledge(data.length); // ignored while the second panel is the primary one
    },
  });
  await until(() => older > 1_000_000, 'the flood to flow to a fast panel');
  const second = manager.attach(info.id, { onData: () => undefined }); // never acknowledges
  await delay(300);
  const stalledAt = older;
  await delay(300);
  assert.equal(older, stalledAt, 'the flood should be paused while the primary panel is behind');
  second.dispose();
  await until(() => older > stalledAt + 1_000_000, 'the flood to resume for the remaining panel');
  first.dispose();
});

test('a detached session is not held back by flow control', async (t) => {
  const manager = new TerminalManager();
  t.after(() => manager.dispose());
  const script = 'i=0; while [ $i -lt 40000 ]; do echo "line $i"; i=$((i+1)); done; sleep 0.3';
  const info = manager.open(profile('sh', ['-c', script]), { shellIntegration: false });
  let exited = false;
  manager.onSessionExit(() => (exited = true));
  // Nobody attached, nobody acknowledges: the session must still run to its end.
  await until(() => exited, 'the unattached session to finish');
  assert.equal(manager.list().find((session) => session.id === info.id)?.exit?.exitCode, 0);
});

test('disposing the manager kills every session and leaks nothing', async (t) => {
  const folder = tempFolder('leaks');
  t.after(folder.remove);
  await delay(50);
  const baseline = activeResources();
  const manager = new TerminalManager({ recordingsDir: folder.path, baseEnv: isolatedEnv(folder.path) });
  const opened = [
    manager.open(profile('bash')),
    manager.open(profile('sh', ['-c', 'sleep 30']), { shellIntegration: false }),
    manager.open(profile('yes'), { shellIntegration: false }),
  ];
  const attachment = manager.attach(opened[2]?.id as string, { onData: () => undefined });
  await delay(300);
  assert.ok(activeResources().length > baseline.length, 'the sessions should hold resources');
  attachment.dispose();
  manager.dispose();
  assert.deepEqual(manager.list(), []);
  // Poll from a finished timer, so the poll itself is not counted as an active resource.
  for (let attempt = 0; attempt < 100 && activeResources().join() !== baseline.join(); attempt += 1) await delay(50);
  assert.deepEqual(activeResources(), baseline);
  for (const info of opened) {
    assert.throws(() => process.kill(info.pid, 0), 'the process should be gone');
  }
});

test('every byte a process writes just before it exits reaches the panel and the recording before the exit is reported', async (t) => {
  // libuv takes a short read after the pty's hang-up for its end and node-pty closes the pty
  // with the tail still in the kernel (see pty-drain.ts): without the drain most of these lose 10-15 KB.
  const folder = tempFolder('exit-tail');
  t.after(folder.remove);
  let payload = '';
  for (let line = 0; payload.length < 200_000; line += 1) payload += `line ${line} ${'x'.repeat(60)}\n`;
  const payloadFile = join(folder.path, 'payload.txt');
  writeFileSync(payloadFile, payload);
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
  // The tty's ONLCR turns each newline into CR LF.
  const expected = { chars: payload.length + payload.split('\n').length - 1, sha256: sha256(payload.replaceAll('\n', '\r\n')) };
  const manager = new TerminalManager({ recordingsDir: folder.path });
  t.after(() => manager.dispose());

  const runOne = (): Promise<{ panel: string; recorded: string }> =>
    new Promise((resolve, reject) => {
      const info = manager.open(profile('cat', [payloadFile]), { shellIntegration: false });
      let panel = '';
      const attachment = manager.attach(info.id, {
        onData: (data) => {
          panel += data;
          attachment.acknowledge(data.length);
        },
        onExit: (exit) => {
          try {
            const file = exit.recording?.file ?? info.recordingFile ?? '';
            const recorded = parseAsciicast(readFileSync(file, 'utf8'), file)
              .events.filter((event) => event[1] === 'o')
              .map((event) => event[2])
              .join('');
            resolve({ panel: attachment.scrollback + panel, recorded });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
      });
    });

  const short: string[] = [];
  for (let round = 0; round < 5; round += 1) {
    const results = await Promise.all(Array.from({ length: 10 }, runOne));
    for (const [index, { panel, recorded }] of results.entries()) {
      if (sha256(panel) !== expected.sha256) short.push(`run ${round * 10 + index}: panel got ${panel.length} of ${expected.chars} chars`);
      if (sha256(recorded) !== expected.sha256) short.push(`run ${round * 10 + index}: recording has ${recorded.length} of ${expected.chars} chars`);
    }
  }
  assert.deepEqual(short, [], `output lost at exit in ${short.length} of 100 streams`);
});

test('a watcher gets the redacted stream and, when it falls behind, is skipped ahead without holding the session', async (t) => {
  const home = tempFolder('home');
  t.after(home.remove);
  const manager = new TerminalManager({ redaction: { literals: ['customer-acme-4242'] } });
  t.after(() => manager.dispose());
  const script =
    'echo "token customer-acme-4242 password=hunter2secret"; sleep 0.3; i=0; while [ $i -lt 25000 ]; do echo "line $i"; i=$((i+1)); done; echo flood-done';
  const info = manager.open(profile('sh', ['-c', script], { env: isolatedEnv(home.path) as Record<string, string> }), { shellIntegration: false });
  let controlled = '';
  const control = manager.attach(info.id, { onData: (data) => ((controlled += data), control.acknowledge(data.length)) });
  let watched = '';
  let skipped = 0;
  let exits = 0;
  const offsets: number[] = [];
  const watch = manager.attach(
    info.id,
    {
      onData: (data, offset) => {
        offsets.push(offset);
        watched += data;
      },
      onSkipped: (chars) => (skipped += chars),
      onExit: () => (exits += 1),
    },
    'watch',
  );
  assert.equal(watch.mode, 'watch');
  assert.equal(watch.offset, 0);
  await until(() => controlled.includes('hunter2secret'), 'the raw line on the controlling panel');
  // The watcher never acknowledges: it stops receiving near the watermark, and the control panel runs on to the end.
  await until(() => controlled.includes('flood-done'), 'the flood to finish for the controlling panel, not held by the watcher', 60_000);
  assert.ok(!watched.includes('hunter2secret') && !watched.includes('customer-acme-4242'), `the watcher's stream is redacted: ${watched.slice(0, 120)}`);
  assert.ok(watched.includes('line 0'), 'the watcher saw the start of the flood');
  assert.ok(watched.length <= TerminalTuning.HighWatermarkChars + 70_000, `the watcher got no more than a window: ${watched.length}`);
  assert.ok(
    offsets.every((offset, index) => index === 0 || offset > offsets[index - 1]!),
    'offsets grow',
  );
  // It catches up: it is told how much it missed and gets the rest from there.
  watch.acknowledge(watched.length);
  assert.ok(skipped > 0, 'the watcher is told what it missed');
  await until(() => exits === 1, 'the exit on the watcher');
  watch.dispose();
  control.dispose();
});
