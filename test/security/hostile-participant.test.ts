import { randomUUID } from 'node:crypto';
// Attacks of a hostile participant on a hosted war room, each found by trying it on a real
// HTTPS host with real sockets (and a real shell for the terminal): before its fix each of
// these tests failed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { DateTime } from 'luxon';
import type WebSocket from 'ws';
import { dispatch } from '../../main/api/dispatch';
import { hostWarRoom, until } from '../support/hosted-war-room';
import { TestTerminalClient } from '../support/terminal-client';
import { tempDir } from '../support/temp-dir';

const room = await hostWarRoom('127.0.0.3');
after(() => room.close());
const { services, slug } = room;
const asHost = { actor: 'Host', transport: 'test' } as const;

async function hostCall<T>(name: string, input: unknown): Promise<T> {
  const result = await dispatch(services, name, input, asHost);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** Every message the socket receives from now on, parsed (binary frames skipped). */
function collect(ws: WebSocket): { id: unknown; result?: { ok: boolean; error?: { code: string } } }[] {
  const seen: { id: unknown; result?: { ok: boolean; error?: { code: string } } }[] = [];
  ws.on('message', (raw, isBinary) => {
    if (!isBinary) seen.push(JSON.parse(raw.toString()) as (typeof seen)[number]);
  });
  return seen;
}

test('an observer cannot claim a follower’s name in follow.hello and so receive the pen (and point the host at its own server)', async () => {
  const eve = await room.invite('Eve', 'observer');
  const ws = await room.open(eve.secret);
  const evilLink = `https://127.0.0.1:9/#invite=${'A'.repeat(43)}&fp=${'ab'.repeat(32)}`;
  const hello = await room.call(ws, 'follow.hello', { slug, name: 'pod-b', link: evilLink });
  assert.ok(hello.ok, JSON.stringify(hello));
  const handover = await dispatch(services, 'release.handover', { slug, to: 'pod-b' }, asHost);
  assert.equal(handover.ok, false, 'no follower named pod-b: Eve only said so');
  if (!handover.ok) assert.match(handover.error.message, /No follower named "pod-b".*connected: Eve/);
  assert.equal((await services.release(slug)).follow, null, 'the release still takes changes here');
  assert.equal((hello.value as { name?: string }).name, 'Eve', 'the host knows a participant’s follower by the name of their invite');
  ws.terminate();
});

test('an observer attached to a terminal who never acknowledges does not stall the host’s shell (watchers do not drive flow control)', async () => {
  const home = tempDir('warroom-home-');
  await hostCall('target.save', {
    slug,
    target: { id: 'bash', name: 'bash', environment: 'staging', command: '/bin/bash', args: ['--norc'], env: { HOME: home, PS1: '$ ' }, cwd: home },
  });
  const session = await hostCall<{ id: string }>('terminal.open', { slug, targetId: 'bash' });
  // The host's panel renders everything at once and acknowledges it on its channel.
  const hostPanel = new TestTerminalClient();
  const hostAttached = await dispatch(
    services,
    'terminal.attach',
    { slug, sessionId: session.id, attachmentId: hostPanel.newAttachmentId() },
    { ...asHost, connection: hostPanel },
  );
  assert.ok(hostAttached.ok, JSON.stringify(hostAttached));
  const output = () => hostPanel.received(session.id);
  const olu = await room.invite('Olu', 'observer');
  const ws = await room.open(olu.secret);
  try {
    // Olu asks to control; main makes Olu a watcher. Olu's page never acknowledges a character.
    const watching = await room.call(ws, 'terminal.attach', { slug, sessionId: session.id, attachmentId: randomUUID() });
    assert.ok(watching.ok, JSON.stringify(watching));
    assert.equal((watching.value as { mode: string }).mode, 'watch');
    // 2 MB of output must still reach the host.
    await hostCall('terminal.write', { slug, sessionId: session.id, data: "head -c 2000000 /dev/zero | tr '\\0' x; echo; echo FLOW-DONE-$((6*7))\r" });
    await until('the whole output at the host', () => output().includes('FLOW-DONE-42'), 20_000);
  } finally {
    ws.terminate();
    await hostCall('terminal.close', { slug, sessionId: session.id });
  }
});

test('an invite that expires while its page is connected closes that page (no more live events after the expiry)', async () => {
  const participants = await services.participants();
  const { secret } = await participants.invite({ release: slug, name: 'Brief', role: 'observer', expiresInMs: 1500, terminalTargets: [], createdBy: 'Host' });
  const connected = Date.now();
  const ws = await room.open(secret);
  let closed: { code: number; at: number } | null = null;
  ws.once('close', (code) => (closed = { code, at: Date.now() }));
  const { value } = await until('the page closed', () => closed, 4000);
  assert.ok(value.at - connected < 1500 + 1000, `closed ${value.at - connected} ms after connecting`);
  assert.equal(value.code, 4003);
});

test('malformed frames count against the participant’s rate limit (they are not free to send)', async () => {
  const flo = await room.invite('Mal', 'observer');
  const ws = await room.open(flo.secret);
  try {
    const seen = collect(ws);
    for (let index = 0; index < 400; index += 1) ws.send('{not json');
    await until('400 answers', () => seen.length >= 400, 10_000);
    const limited = seen.filter((message) => message.result?.error?.code === 'rate-limited').length;
    assert.ok(limited > 100, `${limited} of 400 malformed frames were rate limited`);
  } finally {
    ws.terminate();
  }
});

test('one participant cannot open a thousand sockets: past the cap the upgrade is refused with 429, the host is not capped', async () => {
  const many = await room.invite('Many', 'observer');
  const results = await Promise.all(Array.from({ length: 40 }, () => room.connect(many.secret)));
  const opened = results.filter((result) => 'ws' in result).length;
  const refused = results.filter((result) => 'status' in result && result.status === 429).length;
  for (const result of results) if ('ws' in result) result.ws.terminate();
  assert.ok(opened >= 1 && opened <= 16, `${opened} sockets opened`);
  assert.equal(opened + refused, 40);
  const hostSockets = await Promise.all(Array.from({ length: 20 }, () => room.open(room.hostToken)));
  for (const ws of hostSockets) ws.terminate();
});

test('a participant of one release does not see another release in the calendar or its .ics export', async () => {
  const other = await hostCall<{ slug: string }>('release.create', {
    definition: { name: 'Secret Merger Cutover', mode: 'live', goLive: DateTime.now().plus({ days: 1 }).toISO(), zone: 'Europe/Berlin' },
  });
  assert.notEqual(other.slug, slug);
  const cal = await room.invite('Cal', 'observer');
  const ws = await room.open(cal.secret);
  try {
    const date = DateTime.now().plus({ days: 1 }).toISODate();
    const calendar = await room.call(ws, 'schedule.calendar', { view: 'month', date, zone: 'Europe/Berlin' });
    assert.ok(calendar.ok, JSON.stringify(calendar));
    assert.doesNotMatch(JSON.stringify(calendar.value), /Secret Merger|secret-merger/);
    const ics = await room.call(ws, 'schedule.exportIcs', {});
    assert.ok(ics.ok, JSON.stringify(ics));
    assert.doesNotMatch(JSON.stringify(ics.value), /Secret Merger|secret-merger/);
    // The host still sees both.
    const hostIcs = await hostCall<unknown>('schedule.exportIcs', {});
    assert.match(JSON.stringify(hostIcs), /Secret Merger/);
  } finally {
    ws.terminate();
  }
});

/** A raw connection to the host that sends `text` (after the TLS handshake unless `silent`); how long until the host cut it. */
function heldFor(text: string | null, timeoutMs: number): Promise<{ ms: number; received: string; cut: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let received = '';
    const socket =
      text === null
        ? netConnect({ host: '127.0.0.3', port: room.server.port })
        : tlsConnect({ host: '127.0.0.3', port: room.server.port, rejectUnauthorized: false });
    if (text !== null) socket.once('secureConnect', () => socket.write(text));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ms: Date.now() - started, received, cut: false });
    }, timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ ms: Date.now() - started, received, cut: true });
    });
  });
}

test('slowloris: headers that never end and a TLS handshake that never starts are cut within about 10 s (Node’s defaults held them for minutes)', async () => {
  const [partial, silent] = await Promise.all([heldFor(`GET / HTTP/1.1\r\nHost: 127.0.0.3:${room.server.port}\r\nX-Slow: a`, 15_000), heldFor(null, 15_000)]);
  assert.ok(partial.cut, `unfinished headers held ${partial.ms} ms`);
  assert.ok(partial.ms < 12_500, `unfinished headers cut after ${partial.ms} ms`);
  assert.ok(silent.cut, `a silent TCP connection held ${silent.ms} ms`);
  assert.ok(silent.ms < 12_500, `a silent TCP connection cut after ${silent.ms} ms`);
});

test('plain HTTP to the HTTPS port, a WebSocket without Origin and a frame over the limit are refused without harming the host', async () => {
  const plain = await new Promise<string>((resolve) => {
    const socket = netConnect({ host: '127.0.0.3', port: room.server.port }, () =>
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.3:${room.server.port}\r\n\r\n`),
    );
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(received));
  });
  assert.doesNotMatch(plain, /War Room|200 OK/, 'nothing served over plain HTTP');
  const upgrade = [
    'GET /ws?token=' + room.hostToken + ' HTTP/1.1',
    `Host: 127.0.0.3:${room.server.port}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    '',
    '',
  ].join('\r\n');
  const noOrigin = await heldFor(upgrade, 5000);
  assert.match(noOrigin.received, /^HTTP\/1\.1 403 Origin not allowed/);
  const big = await room.invite('Big', 'observer');
  const ws = await room.open(big.secret);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.send(JSON.stringify({ id: 1, name: 'app.info', input: { pad: 'x'.repeat(9 * 1024 * 1024) } }));
  const code = await closed;
  assert.ok(code === 1009 || code === 1006, `the oversized frame ends that socket (${code})`);
  const host = await room.open(room.hostToken);
  assert.ok((await room.call(host, 'app.info', {})).ok, 'the host still serves');
  host.terminate();
});

test('a revoked participant whose page ignores the close frame gets no request through once revoke has returned', async () => {
  const rex = await room.invite('Rex', 'voter');
  const ws = await room.open(rex.secret);
  // The page keeps its socket open and keeps sending, as a hostile one would.
  (ws as unknown as { close(): void }).close = () => undefined;
  const host = await room.open(room.hostToken);
  const revoked = await room.call(host, 'participant.revoke', { id: rex.id });
  assert.ok(revoked.ok);
  const seen = collect(ws);
  ws.send(JSON.stringify({ id: 99_001, name: 'note.add', input: { slug, kind: 'note', text: 'after revoke' } }));
  await until('the socket cut or the note refused', () => ws.readyState === ws.CLOSED || seen.some((message) => message.id === 99_001));
  const answer = seen.find((message) => message.id === 99_001);
  if (answer) assert.equal(answer.result?.error?.code, 'unauthorized');
  const notes = (await services.release(slug)).events(0).filter((event) => (event.data as { text?: string }).text === 'after revoke');
  assert.equal(notes.length, 0);
  host.terminate();
});

test('an invited release manager of one release cannot change the whole workspace: rename the host’s user, the calendar, the target library, new or imported releases', async () => {
  const rm = await room.invite('Remy', 'release-manager');
  const ws = await room.open(rm.secret);
  const operatorBefore = services.workspace.settings.operator;
  const releasesBefore = (await services.workspace.list()).length;
  try {
    for (const [name, input] of [
      ['app.setOperator', { name: 'Remy' }],
      [
        'calendar.addBlackout',
        {
          title: 'Freeze everything',
          scope: { kind: 'all' },
          rule: { kind: 'weekly', zone: 'UTC', startDay: 1, startTime: '00:00', endDay: 7, endTime: '23:00' },
        },
      ],
      ['calendar.setFridayRule', { rule: null }],
      ['targetLibrary.save', { target: { id: 'prod', name: 'prod', environment: 'production', command: '/bin/sh', args: [], env: {} } }],
      ['targetLibrary.remove', { id: 'prod' }],
      ['release.create', { definition: { name: 'Sneaky', mode: 'live', goLive: '2030-01-01T00:00:00Z', zone: 'UTC' } }],
      ['bundle.import', { path: '/etc/passwd' }],
    ] as const) {
      const reply = await room.call(ws, name, input);
      assert.equal(reply.ok, false, `${name} was accepted`);
      if (!reply.ok) assert.equal(reply.error.code, 'forbidden', `${name}: ${reply.error.message}`);
    }
    assert.equal(services.workspace.settings.operator, operatorBefore, 'the host’s user keeps its name');
    assert.equal((await services.workspace.list()).length, releasesBefore);
    // What concerns their own release they still do.
    const note = await room.call(ws, 'note.add', { slug, kind: 'note', text: 'from Remy' });
    assert.ok(note.ok, JSON.stringify(note));
    const guest = await room.invite('Gus', 'observer');
    const revoke = await room.call(ws, 'participant.revoke', { id: guest.id });
    assert.ok(revoke.ok, JSON.stringify(revoke));
  } finally {
    ws.terminate();
  }
});

test('an invited release manager cannot outlive their revocation with a link they minted for themselves under another name', async () => {
  const remy = await room.invite('Remo', 'release-manager');
  const ws = await room.open(remy.secret);
  const minted = await room.call(ws, 'participant.invite', { slug, name: 'Backup Account', role: 'release-manager', expiresIn: '30d' });
  assert.ok(minted.ok, JSON.stringify(minted));
  const value = minted.value as { link: string; participant: { expiresAt: string } };
  const remoExpires = (await services.participants()).get(remy.id)!.expiresAt;
  assert.ok(
    Date.parse(value.participant.expiresAt) <= Date.parse(remoExpires),
    `the minted link lasts until ${value.participant.expiresAt}, Remo's until ${remoExpires}`,
  );
  const backupSecret = new URLSearchParams(new URL(value.link).hash.slice(1)).get('invite')!;
  const backup = await room.open(backupSecret);
  const backupClosed = new Promise<number>((resolve) => backup.once('close', (code) => resolve(code)));
  const host = await room.open(room.hostToken);
  const revoked = await room.call(host, 'participant.revoke', { id: remy.id });
  assert.ok(revoked.ok);
  assert.equal(await backupClosed, 4003, 'the minted link’s page is closed with its maker’s');
  assert.deepEqual(await room.connect(backupSecret), { status: 401 }, 'the minted link is refused after its maker was revoked');
  const journal = (await services.release(slug)).events(0).filter((event) => event.type === 'participant.revoked');
  assert.ok(
    journal.some((event) => (event.data as { name?: string }).name === 'Backup Account'),
    'the cascade is journaled',
  );
  host.terminate();
  ws.terminate();
});

test('the host’s own name cannot mimic a participant’s actor (its events would read as that participant’s, from their device)', async () => {
  const forged = await dispatch(services, 'app.setOperator', { name: 'Ana (voter · 1a2b3c4d)' }, asHost);
  assert.equal(forged.ok, false);
  if (!forged.ok) assert.match(forged.error.message, /app\.setOperator: 'name' must be printable text without brackets or ·/);
  assert.notEqual(services.workspace.settings.operator, 'Ana (voter · 1a2b3c4d)');
});

test('a participant’s name cannot mimic a role with brackets of another script (full-width, corner, ornate)', async () => {
  const host = await room.open(room.hostToken);
  try {
    for (const name of ['Eve （release-manager · 1a2b3c4d）', 'Eve [release-manager]', 'Eve ⟮release-manager⟯', 'Eve · release-manager']) {
      const reply = await room.call(host, 'participant.invite', { slug, name, role: 'voter', expiresIn: '1h' });
      assert.equal(reply.ok, false, `${name} was accepted`);
      if (!reply.ok) assert.equal(reply.error.code, 'invalid-input');
    }
    const plain = await room.call(host, 'participant.invite', { slug, name: 'José Ñúñez-O’Brien', role: 'voter', expiresIn: '1h' });
    assert.ok(plain.ok, JSON.stringify(plain));
  } finally {
    host.terminate();
  }
});
