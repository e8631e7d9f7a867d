import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAsciicast } from '../../main/pty/asciicast-reader';
import { collect, delay, headless, isolatedEnv, profile, screenText, tempFolder, writeAndWait } from './pty-helpers';

test('the recording is valid asciicast v2 and replays to the same final screen as the live one', async (t) => {
  const folder = tempFolder('rec');
  t.after(folder.remove);
  const file = join(folder.path, 'session.cast');
  const live = headless(80, 24);
  t.after(() => live.dispose());
  const { session, waitFor, exited } = collect({
    profile: profile('bash'),
    baseEnv: isolatedEnv(folder.path),
    cols: 80,
    rows: 24,
    recording: { file, title: 'sandbox (sandbox)' },
  });
  t.after(() => session.dispose());
  // The live screen: every batch written to a headless xterm, in order, resizes in between.
  let writes = Promise.resolve();
  session.onData((data) => {
    writes = writes.then(() => writeAndWait(live, data));
  });
  await waitFor((output) => /[$#] $/.test(output), 'the prompt');
  session.write('printf "\\033[1;31mred\\033[0m plain \\xe2\\x82\\xac %s\\n" $((6*7))\r');
  await waitFor((output) => output.includes('plain € 42'), 'the coloured line');
  session.resize(100, 30);
  writes = writes.then(() => live.resize(100, 30));
  session.write(
    'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do echo "row $i of output that is long enough to wrap at eighty columns but not at one hundred"; done\r',
  );
  await waitFor((output) => output.includes('row 30 of'), 'the rows');
  session.addMarker('checklist: smoke test ticked');
  session.write('exit 3\r');
  const exit = await exited;
  await writes;
  assert.equal(exit.exitCode, 3);
  assert.ok(exit.recording !== undefined);

  const text = readFileSync(file, 'utf8');
  assert.equal(exit.recording.sha256, createHash('sha256').update(readFileSync(file)).digest('hex'));
  const cast = parseAsciicast(text, file);
  assert.equal(cast.header.version, 2);
  assert.equal(cast.header.width, 80);
  assert.equal(cast.header.height, 24);
  assert.equal(cast.header.title, 'sandbox (sandbox)');
  assert.equal(typeof cast.header.timestamp, 'number');
  const times = cast.events.map(([time]) => time);
  assert.deepEqual(
    times,
    [...times].sort((a, b) => a - b),
    'times must not decrease',
  );
  assert.ok(cast.events.some(([, code, data]) => code === 'r' && data === '100x30'));
  assert.ok(cast.events.some(([, code, data]) => code === 'm' && data === 'checklist: smoke test ticked'));
  assert.ok(!text.includes('633;'), 'shell integration sequences must not be recorded');

  const replay = headless(cast.header.width, cast.header.height);
  t.after(() => replay.dispose());
  for (const [, code, data] of cast.events) {
    if (code === 'o') await writeAndWait(replay, data);
    if (code === 'r') {
      const [cols, rows] = data.split('x').map(Number) as [number, number];
      replay.resize(cols, rows);
    }
  }
  assert.ok(screenText(live).includes('red plain € 42'));
  assert.equal(screenText(replay), screenText(live));
});

test('a secret split across reads never reaches the .cast (but the live screen shows it)', async (t) => {
  const folder = tempFolder('rec');
  t.after(folder.remove);
  const file = join(folder.path, 'secret.cast');
  const script = "printf 'aws key AKIAIOSF'; sleep 0.3; printf 'ODNN7EXAMPLE and customer Blue Wh'; sleep 0.3; printf 'ale 42 done\\n'; sleep 0.2";
  const { session, output, exited } = collect({
    profile: profile('bash', ['-c', script]),
    shellIntegration: false,
    recording: { file, redaction: { literals: ['Blue Whale 42'] } },
  });
  t.after(() => session.dispose());
  const exit = await exited;
  assert.ok(output().includes('AKIAIOSFODNN7EXAMPLE'), 'the live screen is not redacted');
  const text = readFileSync(file, 'utf8');
  const cast = parseAsciicast(text, file);
  const recorded = cast.events.map(([, , data]) => data).join('');
  assert.ok(cast.events.filter(([, code]) => code === 'o').length >= 1);
  for (const fragment of ['AKIAIOSFODNN7EXAMPLE', 'ODNN7EXAMPLE', 'Blue Whale 42', 'ale 42']) assert.ok(!text.includes(fragment), `${fragment} leaked`);
  assert.ok(recorded.includes('aws key [REDACTED:aws-access-key-id] and customer [REDACTED:literal] done'), recorded);
  assert.deepEqual(
    exit.recording?.redactions.map((match) => match.pattern),
    ['aws-access-key-id', 'literal'],
  );
});

test('the recording is on disk within about a second, before the session ends', async (t) => {
  const folder = tempFolder('rec');
  t.after(folder.remove);
  const file = join(folder.path, 'live.cast');
  const { session, waitFor } = collect({ profile: profile('sh'), baseEnv: isolatedEnv(folder.path), shellIntegration: false, recording: { file } });
  t.after(() => session.dispose());
  session.write('echo written-$((1+1))\r');
  await waitFor((output) => output.includes('written-2'), 'the output');
  await delay(1500);
  assert.ok(readFileSync(file, 'utf8').includes('written-2'));
});

test('a recording never overwrites an existing file', async (t) => {
  const folder = tempFolder('rec');
  t.after(folder.remove);
  const file = join(folder.path, 'once.cast');
  const first = collect({ profile: profile('true'), shellIntegration: false, recording: { file } });
  t.after(() => first.session.dispose());
  await first.exited;
  assert.throws(() => collect({ profile: profile('true'), shellIntegration: false, recording: { file } }), /already exists/);
});

test('a flood is recorded on the recording thread in full and in order (40,000 numbered lines)', async (t) => {
  const folder = tempFolder('rec');
  t.after(folder.remove);
  const file = join(folder.path, 'flood.cast');
  // In a shell that stays up: node-pty can drop the last read of a process that exits at once (node-pty #72).
  const { session, waitFor, exited } = collect({ profile: profile('sh'), baseEnv: isolatedEnv(folder.path), shellIntegration: false, recording: { file } });
  t.after(() => session.dispose());
  await waitFor((output) => /[$#] $/.test(output), 'the prompt');
  session.write('seq 1 40000; echo END-$((40000+1))\r');
  await waitFor((output) => output.includes('END-40001'), 'the end of the flood', 20_000);
  session.write('exit\r');
  const exit = await exited;
  const cast = parseAsciicast(readFileSync(file, 'utf8'), file);
  const recorded = cast.events
    .filter(([, code]) => code === 'o')
    .map(([, , data]) => data)
    .join('');
  const lines = recorded.slice(recorded.indexOf('\r\n1\r\n') + 2, recorded.indexOf('END-40001')).split('\r\n');
  const bad = lines.slice(0, -1).findIndex((line, index) => line !== String(index + 1));
  assert.equal(bad, -1, JSON.stringify(lines.slice(Math.max(0, bad - 2), bad + 3)));
  assert.equal(lines.length - 1, 40_000);
  assert.ok(
    lines.slice(0, -1).every((line, index) => line === String(index + 1)),
    'every line, in order',
  );
  assert.equal(exit.recording?.sha256, createHash('sha256').update(readFileSync(file)).digest('hex'));
});

test('a recording that cannot be created fails the start and names the file', async (t) => {
  const folder = tempFolder('rec');
  t.after(folder.remove);
  const file = join(folder.path, 'not-a-folder', 'x.cast');
  writeFileSync(join(folder.path, 'not-a-folder'), 'a file where the recordings folder should be');
  assert.throws(
    () => collect({ profile: profile('true'), shellIntegration: false, recording: { file } }),
    (error: Error) => error.message.includes(file) || error.message.includes(join(folder.path, 'not-a-folder')),
  );
});

test('the recording thread runs at a lower priority than the thread that reads the ptys (Linux)', { skip: process.platform !== 'linux' }, async (t) => {
  const folder = tempFolder('rec');
  t.after(folder.remove);
  const { session, exited } = collect({ profile: profile('true'), shellIntegration: false, recording: { file: join(folder.path, 'nice.cast') } });
  t.after(() => session.dispose());
  await exited;
  // Field 19 of /proc/<pid>/task/<tid>/stat is the nice value (after the command name in parentheses).
  const niceness = readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
  assert.equal(Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[16]), 0, 'the main thread keeps its priority');
  assert.ok(niceness.includes(10), `one thread at nice 10: ${niceness.join(',')}`);
});
