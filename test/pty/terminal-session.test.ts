import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerminalTuning } from '../../contract/domain/terminal/terminal-constants';
import { TerminalSession } from '../../main/pty/terminal-session';
import { WarRoomError } from '../../contract/domain/errors';
import { collect, delay, isolatedEnv, profile, tempFolder } from './pty-helpers';

test('echo round trip through a real shell', async (t) => {
  const home = tempFolder('home');
  t.after(home.remove);
  const { session, waitFor } = collect({ profile: profile('sh'), baseEnv: isolatedEnv(home.path), shellIntegration: false });
  t.after(() => session.dispose());
  session.write("printf 'x%sy\\n' round-trip-$((40+2))\r");
  await waitFor((output) => output.includes('xround-trip-42y'), 'the echoed output');
});

test('a UTF-8 character split across two reads survives', async (t) => {
  const { session, output, exited } = collect({
    profile: profile('bash', ['-c', "printf 'price \\xe2\\x82'; sleep 0.3; printf '\\xac!'; sleep 0.2"]),
    shellIntegration: false,
  });
  t.after(() => session.dispose());
  await exited;
  assert.ok(output().includes('price €!'), JSON.stringify(output()));
  assert.ok(!output().includes('\uFFFD'));
});

test('a resize reaches the process (tput cols)', async (t) => {
  const home = tempFolder('home');
  t.after(home.remove);
  const { session, waitFor } = collect({ profile: profile('sh'), baseEnv: isolatedEnv(home.path), shellIntegration: false, cols: 80, rows: 24 });
  t.after(() => session.dispose());
  session.resize(123, 41);
  session.write('echo cols=$(tput cols) lines=$(tput lines)\r');
  await waitFor((output) => output.includes('cols=123 lines=41'), 'tput to see the new size');
  assert.equal(session.cols, 123);
});

test('Ctrl-C interrupts a running sleep', async (t) => {
  const { session, waitFor, exited } = collect({ profile: profile('bash', ['-c', 'echo started; sleep 30']), shellIntegration: false });
  t.after(() => session.dispose());
  await waitFor((output) => output.includes('started'), 'the command to start');
  await delay(100);
  session.write('\x03');
  const exit = await Promise.race([exited, delay(10_000).then(() => undefined)]);
  assert.ok(exit !== undefined, 'Ctrl-C did not end sleep 30');
  assert.ok(exit.signal === 2 || exit.exitCode === 130, JSON.stringify(exit));
});

test('the exit code propagates', async (t) => {
  const { session, exited } = collect({ profile: profile('sh', ['-c', 'exit 7']), shellIntegration: false });
  t.after(() => session.dispose());
  assert.deepEqual(await exited, { exitCode: 7 });
  assert.deepEqual(session.exited, { exitCode: 7 });
});

test('a missing command or folder is refused with a message naming the target', () => {
  assert.throws(
    () => new TerminalSession({ profile: profile('no-such-command-warroom', [], { name: 'prod-eu' }) }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'not-found' && /prod-eu.*no-such-command-warroom/.test(error.message),
  );
  assert.throws(
    () => new TerminalSession({ profile: profile('sh', [], { cwd: '/no/such/folder' }) }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'not-found' && /\/no\/such\/folder/.test(error.message),
  );
});

test('under a yes flood with a slow consumer, the backlog stays bounded and memory too', async (t) => {
  const folder = tempFolder('flood');
  t.after(folder.remove);
  const session = new TerminalSession({
    profile: profile('yes', ['flood-line']),
    shellIntegration: false,
    recording: { file: `${folder.path}/flood.cast` },
  });
  t.after(() => session.dispose());
  let received = 0;
  let acknowledged = 0;
  let maxUnacknowledged = 0;
  let maxBatch = 0;
  let pausedSeen = false;
  session.onData((data) => {
    received += data.length;
    maxBatch = Math.max(maxBatch, data.length);
    maxUnacknowledged = Math.max(maxUnacknowledged, session.unacknowledgedChars);
  });
  // A slow consumer: every 100 ms it acknowledges what it received up to then, in steps of CharCountAckSize.
  const consumer = setInterval(() => {
    pausedSeen ||= session.isPaused;
    maxUnacknowledged = Math.max(maxUnacknowledged, session.unacknowledgedChars);
    while (received - acknowledged >= TerminalTuning.CharCountAckSize) {
      session.acknowledge(TerminalTuning.CharCountAckSize);
      acknowledged += TerminalTuning.CharCountAckSize;
    }
  }, 100);
  t.after(() => clearInterval(consumer));
  await delay(1000);
  const rssAfterWarmUp = process.memoryUsage().rss;
  await delay(4000);
  const rssGrowth = process.memoryUsage().rss - rssAfterWarmUp;
  clearInterval(consumer);
  assert.ok(pausedSeen, 'the pty was never paused');
  assert.ok(received > TerminalTuning.HighWatermarkChars, `only ${received} chars received`);
  assert.ok(
    maxUnacknowledged <= TerminalTuning.HighWatermarkChars + maxBatch,
    `backlog reached ${maxUnacknowledged} (high watermark ${TerminalTuning.HighWatermarkChars}, largest batch ${maxBatch})`,
  );
  assert.ok(rssGrowth < 64 * 1024 * 1024, `RSS grew by ${Math.round(rssGrowth / 1e6)} MB in 4 s`);
  // Ctrl-C still reaches a paused flood.
  session.write('\x03');
  const exit = await Promise.race([new Promise((resolve) => session.onExit(resolve)), delay(10_000).then(() => undefined)]);
  assert.ok(exit !== undefined, 'Ctrl-C did not stop yes');
});

test('scrollback keeps the recent output for a reattaching renderer, bounded', async (t) => {
  // The sleep lets the pty drain: Linux discards unread pty output when the session leader exits.
  const script = 'i=0; while [ $i -lt 30000 ]; do echo "line $i"; i=$((i+1)); done; sleep 0.3';
  const { session, exited } = collect({ profile: profile('sh', ['-c', script]), shellIntegration: false });
  t.after(() => session.dispose());
  await exited;
  const scrollback = session.scrollbackSnapshot();
  assert.ok(scrollback.length <= TerminalTuning.ScrollbackChars);
  assert.ok(scrollback.length > TerminalTuning.ScrollbackChars / 2);
  assert.ok(scrollback.endsWith('line 29999\r\n'), JSON.stringify(scrollback.slice(-80)));
  assert.ok(!scrollback.includes('line 0\r\n'));
});

test('a process that ends while its panel is behind (pty paused) still delivers its last output', async (t) => {
  // A consumer that never acknowledges: the pty is paused past the high watermark, the
  // process writes the rest into the kernel's buffer and ends. node-pty drops a pty that
  // is not read within 200 ms of the end; the session must read it to the end first.
  // 16,000 lines are ~101k chars: the pty is paused just before the end, the rest waits in the kernel.
  const { session, output, exited } = collect({ profile: profile('sh', ['-c', 'seq 1 16000; sleep 0.3']), shellIntegration: false }, false);
  t.after(() => session.dispose());
  const exit = await exited;
  assert.equal(exit.exitCode, 0);
  const lines = output()
    .split('\r\n')
    .filter((line) => line !== '');
  assert.ok(output().length > TerminalTuning.HighWatermarkChars, 'the output is larger than the window');
  assert.equal(lines.at(-1), '16000', `the last lines arrived: ${JSON.stringify(lines.slice(-2))}`);
  assert.equal(lines.length, 16000);
});

test('killPty: on win32 node-pty kill() is called without a signal (it throws given one); elsewhere with it', async () => {
  const { killPty } = await import('../../main/pty/terminal-session');
  const calls: (string | undefined)[] = [];
  // node-pty's WindowsTerminal.kill throws 'Signals not supported on windows.' when given a signal.
  const windowsPty = {
    kill: (signal?: string) => {
      if (signal !== undefined) throw new Error('Signals not supported on windows.');
      calls.push(signal);
    },
  };
  killPty(windowsPty, 'SIGHUP', 'win32');
  assert.deepEqual([...calls], [undefined]);
  const unixPty = { kill: (signal?: string) => void calls.push(signal) };
  calls.push('--');
  killPty(unixPty, 'SIGKILL', 'linux');
  assert.deepEqual([...calls], [undefined, '--', 'SIGKILL']);
  // A failure other than "already gone" is said, not hidden.
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args);
  try {
    killPty(windowsPty, 'SIGHUP', 'linux');
  } finally {
    console.error = original;
  }
  assert.equal(errors.length, 1);
});

test('a paste is written in 50-character chunks 5 ms apart (as VS Code does), and arrives whole', async (t) => {
  const { InputChunking } = await import('../../main/pty/chunk-input');
  const { session, waitFor } = collect({ profile: profile('sh', ['-c', 'stty raw -echo; head -c 3000 | wc -c; sleep 0.2']), shellIntegration: false });
  t.after(() => session.dispose());
  await delay(200); // stty has run
  const started = performance.now();
  session.write('p'.repeat(2999) + '\n');
  await waitFor((output) => /\b3000\b/.test(output), 'the whole paste counted by wc');
  const elapsed = performance.now() - started;
  const chunks = Math.ceil(3000 / InputChunking.MaxChunkChars);
  // Written at once it would arrive within a few ms; spaced, it cannot arrive before the last chunk's turn.
  assert.ok(elapsed >= (chunks - 1) * InputChunking.IntervalMs, `the paste took ${elapsed.toFixed(0)} ms for ${chunks} chunks`);
});
