import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { ClientConnection } from '../../main/api/client-connection';
import type { Services } from '../../main/api/services';
import type { EventPayloads } from '../../contract/events';
import { tempDir } from '../support/temp-dir';
import { TestTerminalClient } from '../support/terminal-client';

const context = { actor: 'tester', transport: 'test' } as const;

async function call<T>(services: Services, name: string, input: unknown, extra: Partial<typeof context & { connection: ClientConnection }> = {}): Promise<T> {
  const result = await dispatch(services, name, input, { ...context, ...extra });
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Services on a temp workspace, with a bash target whose HOME is empty (no user rc files). */
async function setUp() {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const home = tempDir('warroom-home-');
  await call(services, 'target.save', {
    slug,
    target: {
      id: 'bash',
      name: 'bash test',
      environment: 'staging',
      command: '/bin/bash',
      args: [],
      env: { HOME: home, PS1: '$ ', LANG: 'C.UTF-8' },
      cwd: home,
    },
  });
  const exits: EventPayloads['terminal.exit'][] = [];
  services.events.subscribe((event) => {
    if (event.type === 'terminal.exit') exits.push(event.payload);
  });
  // A panel that keeps up: it acknowledges every output frame on its channel.
  const panel = new TestTerminalClient();
  const output = { get: (sessionId: string) => panel.received(sessionId) };
  const release = await services.release(slug);
  const journal = () => release.events(0).map((event) => ({ type: event.type, data: event.data as Record<string, unknown> }));
  return { services, slug, release, output, exits, journal, panel };
}

test("a terminal on a target: output on the attached panel's channel, commands and the session end journaled with the recording sha256, journal events become markers", async () => {
  const { services, slug, output, exits, journal, release, panel } = await setUp();
  const session = await call<{ id: string; recordingFile: string }>(services, 'terminal.open', { slug, targetId: 'bash', cols: 100, rows: 30 });
  assert.ok(journal().some((event) => event.type === 'terminal.session-opened' && event.data['sessionId'] === session.id && event.data['targetId'] === 'bash'));
  const attached = await call<{ attachmentId: string; scrollback: string; offset: number }>(
    services,
    'terminal.attach',
    { slug, sessionId: session.id, attachmentId: panel.newAttachmentId() },
    { connection: panel },
  );
  assert.equal(typeof attached.offset, 'number');
  // The prompt may have come before the attach (then it is in the scrollback) or after it (on the channel).
  await waitFor(() => /[$#] /.test(attached.scrollback + output.get(session.id)), 'the prompt');
  await call(services, 'terminal.write', { slug, sessionId: session.id, data: 'echo password=hunter2secret; false\r' });
  const command = await waitFor(() => journal().find((event) => event.type === 'terminal.command-finished'), 'the command on the journal');
  assert.equal(command.data['exitCode'], 1);
  assert.equal(command.data['targetName'], 'bash test');
  assert.doesNotMatch(String(command.data['command']), /hunter2secret/, 'the command is redacted on the timeline');
  assert.equal(typeof command.data['durationMs'], 'number');
  assert.ok(output.get(session.id)!.includes('password=hunter2secret'), 'the live screen is not redacted');

  await call(services, 'note.add', { slug, kind: 'decision', text: 'Proceed to 10% canary' });
  await call(services, 'terminal.resize', { slug, sessionId: session.id, cols: 120, rows: 40 });
  await call(services, 'terminal.write', { slug, sessionId: session.id, data: 'tput cols; exit 4\r' });
  await waitFor(() => exits.find((exit) => exit.sessionId === session.id), 'the exit event');
  assert.ok(output.get(session.id)!.includes('120'), 'the resize reached the process');
  const closed = await waitFor(() => journal().find((event) => event.type === 'terminal.session-closed'), 'the session end on the journal');
  assert.equal(closed.data['exitCode'], 4);
  const file = join(release.paths.recordings, String(closed.data['recordingFile']));
  const bytes = readFileSync(file);
  assert.equal(closed.data['sha256'], createHash('sha256').update(bytes).digest('hex'));
  const lines = bytes
    .toString('utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line) as [number, string, string]);
  assert.ok(
    lines.some(([, code, data]) => code === 'm' && /note\.added #\d+: Proceed to 10% canary/.test(data)),
    'the decision is a marker',
  );
  assert.ok(
    lines.some(([, code, data]) => code === 'r' && data === '120x40'),
    'the resize is recorded',
  );
  assert.ok(!bytes.toString('utf8').includes('hunter2secret'), 'the secret never reaches the recording');

  const recordings = await call<{ file: string; live: boolean }[]>(services, 'recording.list', { slug });
  assert.ok(recordings.some((recording) => recording.file === closed.data['recordingFile'] && !recording.live));
  const replay = await call<{ events: [number, string, string][] }>(services, 'recording.read', { slug, file: closed.data['recordingFile'] });
  assert.ok(replay.events.some(([, code, data]) => code === 'o' && data.includes('password=')));
  await services.dispose();
});

test('a panel that never acknowledges pauses the pty; when its connection closes the session runs free again', async () => {
  const { services, slug } = await setUp();
  const session = await call<{ id: string }>(services, 'terminal.open', { slug, targetId: 'bash' });
  const connection = new TestTerminalClient({ id: 'tab-1', autoAcknowledge: false });
  const output = { get: (sessionId: string) => connection.received(sessionId) };
  const close = () => connection.close();
  const attached = await call<{ scrollback: string }>(
    services,
    'terminal.attach',
    { slug, sessionId: session.id, attachmentId: connection.newAttachmentId() },
    { connection },
  );
  await waitFor(() => /[$#] /.test(attached.scrollback + output.get(session.id)), 'the prompt');
  await call(services, 'terminal.write', { slug, sessionId: session.id, data: "head -c 3000000 /dev/zero | tr '\\0' x; echo; echo flood-done\r" });
  await waitFor(() => (output.get(session.id)?.length ?? 0) > 100_000, 'the first 100k chars');
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.ok(output.get(session.id)!.length < 400_000, `paused near the high watermark (got ${output.get(session.id)!.length} chars)`);
  close();
  await waitFor(() => output.get(session.id)?.includes('flood-done'), 'the end of the flood once the panel is gone', 30_000);
  await services.dispose();
});

test('bad requests name the problem: unknown target, unknown session, a recording that is not asciicast', async () => {
  const { services, slug } = await setUp();
  await assert.rejects(call(services, 'terminal.open', { slug, targetId: 'nope' }), /no target "nope"/);
  await assert.rejects(call(services, 'terminal.write', { slug, sessionId: '00000000-0000-4000-8000-000000000000', data: 'x' }), /is not open/);
  await assert.rejects(
    call(services, 'recording.import', { slug, name: 'bad.cast', content: '{"version": 2, "width": 80, "height": 24}\n[1, "o"\n' }),
    /bad\.cast is not an asciicast recording.*line 2/,
  );
  await assert.rejects(call(services, 'recording.read', { slug, file: '../journal.cast' }), /file name of a recording/);
  const imported = await call<{ file: string; imported: boolean }>(services, 'recording.import', {
    slug,
    name: 'deploy demo.cast',
    content: '{"version": 2, "width": 80, "height": 24}\n[0.5, "o", "hello\\r\\n"]\n',
  });
  assert.match(imported.file, /^imported-deploy-demo-[0-9a-f]{6}\.cast$/);
  const replay = await call<{ events: [number, string, string][] }>(services, 'recording.read', { slug, file: imported.file });
  assert.deepEqual(replay.events, [[0.5, 'o', 'hello\r\n']]);
  await services.dispose();
});

test('the workspace target library: saved through the contract, announced, and added to a release as its own copy', async () => {
  const { services, slug, release } = await setUp();
  try {
    const heard: string[] = [];
    services.events.subscribe((event) => heard.push(event.type));
    const target = { id: 'bastion', name: 'bastion', environment: 'staging', command: 'ssh', args: ['bastion.example'], env: {} };
    const saved = await call<{ savedBy: string }>(services, 'targetLibrary.save', { target });
    assert.equal(saved.savedBy, 'tester');
    assert.ok(heard.includes('targets.changed'));
    const listed = await call<{ id: string }[]>(services, 'targetLibrary.list', {});
    assert.deepEqual(
      listed.map((entry) => entry.id),
      ['bastion'],
    );
    // A release takes a copy (journaled), which outlives a change to the library.
    await call(services, 'target.save', { slug, target });
    await call(services, 'targetLibrary.save', { target: { ...target, args: ['other.example'] } });
    assert.deepEqual(release.state.meta?.targets.find((entry) => entry.id === 'bastion')?.args, ['bastion.example']);
    const refused = await dispatch(services, 'targetLibrary.save', { target: { ...target, command: '' } }, context);
    assert.equal(refused.ok, false);
    await call(services, 'targetLibrary.remove', { id: 'bastion' });
    assert.deepEqual(await call(services, 'targetLibrary.list', {}), []);
  } finally {
    await services.dispose();
  }
});

test('a participant who may not type watches: an observer or an operator without the target gets the redacted stream and types nothing; a granted operator types', async () => {
  const { services, slug, panel } = await setUp();
  const session = await call<{ id: string }>(services, 'terminal.open', { slug, targetId: 'bash' });
  const hostId = panel.newAttachmentId();
  await call(services, 'terminal.attach', { slug, sessionId: session.id, attachmentId: hostId }, { connection: panel });
  const person = (role: 'observer' | 'operator', terminalTargets: string[] = []) =>
    new TestTerminalClient({
      participant: { name: `${role} one`, role, session: 's1', participantId: `p-${role}-${terminalTargets.length}`, release: slug, terminalTargets },
    });
  const observer = person('observer');
  const ungranted = person('operator');
  const granted = person('operator', ['bash']);
  const ids = new Map<TestTerminalClient, string>();
  for (const client of [observer, ungranted, granted]) {
    const attachmentId = client.newAttachmentId();
    ids.set(client, attachmentId);
    // Asked for control: only the granted operator gets it.
    const view = await call<{ mode: string }>(services, 'terminal.attach', { slug, sessionId: session.id, attachmentId }, { connection: client });
    assert.equal(view.mode, client === granted ? 'control' : 'watch');
  }
  for (const [client, word] of [
    [observer, 'observer'],
    [ungranted, 'ungranted'],
  ] as const) {
    client.send({ kind: 'input', sessionId: session.id, attachmentId: ids.get(client)!, data: `echo typed-by-${word}-$((2*3))\r` });
    // And on the host's own attachment id, which this client has no channel for.
    client.send({ kind: 'input', sessionId: session.id, attachmentId: hostId, data: `echo stolen-by-${word}\r` });
  }
  panel.send({ kind: 'input', sessionId: session.id, attachmentId: hostId, data: 'echo host-$((4*4)) password=hunter2secret\r' });
  await waitFor(() => panel.received(session.id).includes('host-16'), "the host's command");
  granted.send({ kind: 'input', sessionId: session.id, attachmentId: ids.get(granted)!, data: 'echo granted-$((7*7))\r' });
  await waitFor(() => panel.received(session.id).includes('granted-49'), "the granted operator's command");
  await waitFor(() => observer.received(session.id).includes('host-16'), 'the observer to see the stream');
  const seen = panel.received(session.id);
  assert.ok(!/typed-by-(observer|ungranted)-6|stolen-by/.test(seen), `someone who may not type did: ${JSON.stringify(seen)}`);
  assert.ok(!observer.received(session.id).includes('hunter2secret'), `an observer sees the redacted stream: ${JSON.stringify(observer.received(session.id))}`);
  await services.dispose();
});
