// Attacks of a hostile participant on a hosted war room, each found by trying it on a real
// HTTPS host with real sockets (and a real shell for the terminal): before its fix each of
// these tests failed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type WebSocket from 'ws';
import { dispatch } from '../../main/api/dispatch';
import { hostWarRoom, until } from '../support/hosted-war-room';
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
  const hostAttach = await hostCall<{ attachmentId: string }>('terminal.attach', { slug, sessionId: session.id });
  let output = '';
  const unsubscribe = services.events.subscribe((event) => {
    if (event.type !== 'terminal.data' || event.payload.sessionId !== session.id) return;
    output += event.payload.data;
    // The host's panel renders everything at once and says so.
    void dispatch(
      services,
      'terminal.acknowledge',
      { slug, sessionId: session.id, attachmentId: hostAttach.attachmentId, chars: event.payload.data.length },
      asHost,
    );
  });
  const olu = await room.invite('Olu', 'observer');
  const ws = await room.open(olu.secret);
  try {
    const watching = await room.call(ws, 'terminal.attach', { slug, sessionId: session.id });
    assert.ok(watching.ok, JSON.stringify(watching));
    // Olu's page never acknowledges a character. 2 MB of output must still reach the host.
    await hostCall('terminal.write', { slug, sessionId: session.id, data: "head -c 2000000 /dev/zero | tr '\\0' x; echo; echo FLOW-DONE-$((6*7))\r" });
    await until('the whole output at the host', () => output.includes('FLOW-DONE-42'), 20_000);
  } finally {
    unsubscribe();
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
