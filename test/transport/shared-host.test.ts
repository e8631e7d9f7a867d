// Hosting for participants: HTTPS on a non-default loopback address with the workspace's
// own certificate, the host's token or an invite secret on the WebSocket, roles, presence,
// revocation within 1 s, replayed and expired invites refused, the rate limit.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import WebSocket from 'ws';
import { bootServices } from '../../main/api/boot';
import { startBrowserServer } from '../../main/transport/websocket-server';
import { workspaceCertificate } from '../../main/transport/tls-certificate';
import { WorkspaceParticipants, PARTICIPANTS_FILE } from '../../main/core/workspace/workspace-participants';
import { tempDir } from '../support/temp-dir';

const staticDir = join(tempDir(), 'renderer');
mkdirSync(staticDir, { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>War Room</title>');

const HOST = '127.0.0.2';
const workspaceDir = tempDir();
const services = await bootServices({ workspaceDir, runtime: 'browser' });
const tls = await workspaceCertificate(workspaceDir, HOST);
const server = await startBrowserServer({
  services,
  staticDir,
  token: 'host-token-1234567890',
  host: HOST,
  tls: { cert: tls.cert, key: tls.key, names: tls.names },
});
services.hosting.origin = server.origin;
services.hosting.fingerprint = tls.fingerprint;
after(async () => {
  await server.close();
  await services.dispose();
});
const slug = (await services.workspace.list())[0]!.slug;
const origin = `https://${HOST}:${server.port}`;

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

function connect(token: string, options: { origin?: string; host?: string } = {}): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`wss://${HOST}:${server.port}/ws?token=${encodeURIComponent(token)}`, {
      origin: options.origin ?? origin,
      rejectUnauthorized: false,
      ...(options.host ? { headers: { host: options.host } } : {}),
    });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    ws.on('error', () => undefined);
  });
}

let nextId = 1;
function call(ws: WebSocket, name: string, input: unknown): Promise<Reply> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const parsed = JSON.parse(raw.toString()) as { id?: number; result?: Reply };
      if (parsed.id === id && parsed.result) {
        ws.off('message', onMessage);
        resolve(parsed.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, name, input }));
  });
}

async function open(token: string): Promise<WebSocket> {
  const connected = await connect(token);
  assert.ok('ws' in connected, `refused: ${JSON.stringify(connected)}`);
  return connected.ws;
}

const host = await open('host-token-1234567890');
after(() => host.terminate());

async function invite(name: string, role: string): Promise<{ secret: string; id: string; link: string; qrDataUrl: string; fingerprint: string }> {
  const reply = await call(host, 'participant.invite', { slug, name, role, expiresIn: '2h' });
  assert.ok(reply.ok, JSON.stringify(reply));
  const value = reply.value as { link: string; participant: { id: string }; qrDataUrl: string; fingerprint: string };
  const fragment = new URLSearchParams(new URL(value.link).hash.slice(1));
  return { secret: fragment.get('invite')!, id: value.participant.id, link: value.link, qrDataUrl: value.qrDataUrl, fingerprint: value.fingerprint };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 5000): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('off loopback only HTTPS: a plain server on a non-loopback address is refused', async () => {
  await assert.rejects(startBrowserServer({ services, staticDir, host: '0.0.0.0' }), /needs HTTPS/);
});

test('the served certificate is the workspace one (0600, made once), and its fingerprint is the one printed', async () => {
  assert.equal(statSync(join(workspaceDir, 'tls', 'key.pem')).mode & 0o777, 0o600);
  const again = await workspaceCertificate(workspaceDir, HOST);
  assert.equal(again.fingerprint, tls.fingerprint, 'a second start keeps the certificate');
  const served = await new Promise<string>((resolve, reject) => {
    const socket = tlsConnect({ host: HOST, port: server.port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.destroy();
    });
    socket.on('error', reject);
  });
  assert.equal(served, tls.fingerprint);
  assert.ok(tls.names.includes(HOST));
});

test('Host and Origin checks hold for the listen address', async () => {
  const page = await new Promise<number>((resolve, reject) => {
    const req = request({ host: HOST, port: server.port, path: '/', rejectUnauthorized: false, headers: { host: 'evil.example:80' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(page, 403);
  assert.deepEqual(await connect('host-token-1234567890', { origin: 'https://evil.example' }), { status: 403 });
  assert.deepEqual(await connect('host-token-1234567890', { origin: `http://${HOST}:${server.port}` }), { status: 403 }, 'http origin on an https host');
  assert.deepEqual(await connect('wrong-token'), { status: 401 });
});

test('an invite: the link carries the secret and the fingerprint in the fragment only; only a hash is stored', async () => {
  const made = await invite('Ana', 'voter');
  const url = new URL(made.link);
  assert.equal(url.origin, origin);
  assert.equal(url.pathname, '/');
  assert.equal(url.search, '');
  assert.equal(made.fingerprint, tls.fingerprint);
  assert.match(made.qrDataUrl, /^data:image\/svg\+xml;base64,/);
  const file = join(workspaceDir, PARTICIPANTS_FILE);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const { readFileSync } = await import('node:fs');
  assert.ok(!readFileSync(file, 'utf8').includes(made.secret), 'the secret is not on disk');
  const journal = readFileSync(join(workspaceDir, 'releases', slug, 'journal.jsonl'), 'utf8');
  assert.ok(!journal.includes(made.secret), 'the secret is not journaled');
  assert.match(journal, /"type":"participant.invited","data":\{"expiresAt":"[^"]+","name":"Ana","participantId":"[a-f0-9]{16}","role":"voter"/);
});

test('an observer connects with their secret, reads, and is refused every change with a typed error; their actor carries name and role', async () => {
  const made = await invite('Olu', 'observer');
  const ws = await open(made.secret);
  try {
    const read = await call(ws, 'release.get', { slug });
    assert.ok(read.ok);
    const info = await call(ws, 'app.info', {});
    assert.ok(info.ok);
    assert.equal((info.value as { operator: string; workspaceDir: string }).operator, 'Olu');
    assert.equal((info.value as { workspaceDir: string }).workspaceDir, '', 'no host path for a participant');
    for (const [name, input] of [
      ['note.add', { slug, kind: 'note', text: 'hi' }],
      ['poll.vote', { slug, participantId: 'x', vote: 'go' }],
      ['checklist.item.status', { slug, itemId: 'x', status: 'done' }],
      ['bundle.import', { path: '/etc/passwd' }],
      ['participant.invite', { slug, name: 'Eve', role: 'release-manager' }],
    ] as const) {
      const reply = await call(ws, name, input);
      assert.equal(reply.ok, false, name);
      if (!reply.ok) assert.equal(reply.error.code, 'forbidden', `${name}: ${reply.error.message}`);
    }
  } finally {
    ws.terminate();
  }
  const voter = await invite('Vic', 'voter');
  const vws = await open(voter.secret);
  try {
    const note = await call(vws, 'note.add', { slug, kind: 'note', text: 'from my phone' });
    assert.ok(note.ok, JSON.stringify(note));
    assert.match((note.value as { actor: string }).actor, /^Vic \(voter · [a-f0-9]{8}\)$/);
  } finally {
    vws.terminate();
  }
});

test('revoking closes the participant’s sockets within 1 s, and the same link is refused after', async () => {
  const made = await invite('Rev', 'operator');
  const ws = await open(made.secret);
  const closed = new Promise<number>((resolve) => ws.once('close', () => resolve(Date.now())));
  const started = Date.now();
  const reply = await call(host, 'participant.revoke', { id: made.id });
  assert.ok(reply.ok);
  const at = await closed;
  assert.ok(at - started < 1000, `closed after ${at - started} ms`);
  assert.deepEqual(await connect(made.secret), { status: 401 }, 'replayed after revocation');
});

test('an expired invite is refused; a participant who drops is shown gone within 5 s', async () => {
  const participants = await WorkspaceParticipants.open(workspaceDir);
  const { secret } = await participants.invite({ release: slug, name: 'Old', role: 'voter', expiresInMs: 60_000, terminalTargets: [], createdBy: 't' });
  assert.ok(participants.authenticate(secret, 's'));
  assert.equal(participants.authenticate(secret, 's', new Date(Date.now() + 61_000)), null, 'expired');

  const made = await invite('Dee', 'observer');
  const ws = await open(made.secret);
  const present = await until('Dee listed', async () => {
    const reply = await call(host, 'presence.list', {});
    return reply.ok && (reply.value as { name: string; connected: boolean }[]).find((entry) => entry.name === 'Dee' && entry.connected);
  });
  assert.ok(present.value);
  // The device goes silent (no close frame, no pong): the heartbeat must notice.
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  const gone = await until(
    'Dee gone',
    async () => {
      const reply = await call(host, 'presence.list', {});
      return reply.ok && (reply.value as { name: string; connected: boolean }[]).find((entry) => entry.name === 'Dee' && !entry.connected);
    },
    5000,
  );
  assert.ok(gone.ms < 5000);
  ws.terminate();
});

test('a participant who floods the host is rate limited with a typed error; the host is not', async () => {
  const made = await invite('Flo', 'observer');
  const ws = await open(made.secret);
  try {
    const replies = await Promise.all(Array.from({ length: 400 }, () => call(ws, 'app.info', {})));
    const limited = replies.filter((reply) => !reply.ok && reply.error.code === 'rate-limited').length;
    assert.ok(limited > 100, `${limited} of 400 limited`);
    const hostReplies = await Promise.all(Array.from({ length: 150 }, () => call(host, 'app.info', {})));
    assert.ok(hostReplies.every((reply) => reply.ok));
  } finally {
    ws.terminate();
  }
});
