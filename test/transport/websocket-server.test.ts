import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { bootServices } from '../../main/api/boot';
import { startBrowserServer } from '../../main/transport/websocket-server';
import { tempDir } from '../support/temp-dir';
import { decodeTerminalFrame, encodeTerminalFrame, type TerminalClientFrame, type TerminalServerFrame } from '../../contract/terminal-frames';

const outside = tempDir();
const staticDir = join(outside, 'renderer');
mkdirSync(join(staticDir, 'assets'), { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>War Room</title>');
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
// A file right next to the served folder: a traversal would reach it.
writeFileSync(join(outside, 'secret.html'), 'secret');

const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
const server = await startBrowserServer({ services, staticDir, token: 'test-token-123' });
after(async () => {
  await server.close();
  await services.dispose();
});
const origin = `http://127.0.0.1:${server.port}`;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(options: { token?: string; origin?: string; host?: string }): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
    const headers: Record<string, string> = {};
    if (options.host) headers.host = options.host;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { origin: options.origin, headers });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    ws.on('error', () => undefined);
  });
}

function call(ws: WebSocket, message: unknown): Promise<{ id: unknown; result: { ok: boolean; value?: unknown; error?: { message: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) return; // a terminal frame, not an answer
      const parsed = JSON.parse(raw.toString());
      if ('result' in parsed) {
        ws.off('message', onMessage);
        resolve(parsed);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

test('the URL carries the token in its fragment and the server listens on loopback only', () => {
  assert.equal(server.url, `http://127.0.0.1:${server.port}/#token=test-token-123`);
});

test('the page is served with a strict CSP and no unsafe-eval', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
});

test('HTTP requests with a foreign Host (DNS rebinding) are refused', async () => {
  assert.equal((await get('/', { host: `evil.example:${server.port}` })).status, 403);
  assert.equal((await get('/', { host: '127.0.0.1:1' })).status, 403);
});

test('paths outside the renderer folder are not served', async () => {
  for (const path of ['/../secret.html', '/%2e%2e/secret.html', '/assets/../../secret.html', '/..%2fsecret.html', '/%00', '/nope.html']) {
    assert.equal((await get(path)).status, 404, path);
  }
  assert.equal((await get('/assets/app.js')).status, 200);
});

test('a WebSocket without the token, with a wrong token, a foreign Origin or a foreign Host is refused', async () => {
  assert.deepEqual(await connect({ origin }), { status: 401 });
  assert.deepEqual(await connect({ origin, token: 'wrong' }), { status: 401 });
  assert.deepEqual(await connect({ origin: 'https://evil.example', token: 'test-token-123' }), { status: 403 });
  assert.deepEqual(await connect({ token: 'test-token-123' }), { status: 403 });
  assert.deepEqual(await connect({ origin, token: 'test-token-123', host: `evil.example:${server.port}` }), { status: 403 });
});

test('with the token and our Origin, requests are answered and malformed messages get typed errors', async () => {
  const connection = await connect({ origin, token: 'test-token-123' });
  assert.ok('ws' in connection);
  const { ws } = connection;
  const listed = await call(ws, { id: 1, name: 'release.list', input: {} });
  assert.equal(listed.id, 1);
  assert.equal(listed.result.ok, true);
  assert.equal((listed.result.value as unknown[]).length, 1);
  const garbage = await call(ws, '{not json');
  assert.equal(garbage.result.ok, false);
  assert.match(garbage.result.error!.message, /Malformed message/);
  const noId = await call(ws, { name: 'release.list' });
  assert.match(noId.result.error!.message, /numeric id/);
  const invalid = await call(ws, { id: 2, name: 'release.get', input: { slug: 5 } });
  assert.equal(invalid.id, 2);
  assert.match(invalid.result.error!.message, /release\.get: 'slug'/);
  ws.close();
});

test('events reach connected clients', async () => {
  const connection = await connect({ origin, token: 'test-token-123' });
  assert.ok('ws' in connection);
  const { ws } = connection;
  const [listing] = await services.workspace.list();
  const event = new Promise<{ type: string; payload: { slug: string } }>((resolve) => {
    ws.on('message', (raw) => {
      const parsed = JSON.parse(raw.toString());
      if (parsed.event) resolve(parsed.event);
    });
  });
  await call(ws, { id: 3, name: 'note.add', input: { slug: listing!.slug, text: 'hello' } });
  const received = await event;
  assert.equal(received.type, 'journal.appended');
  assert.equal(received.payload.slug, listing!.slug);
  ws.close();
});

/** Terminal frames a socket received, decoded. */
function framesOf(ws: WebSocket): TerminalServerFrame[] {
  const frames: TerminalServerFrame[] = [];
  ws.on('message', (raw, isBinary) => {
    if (!isBinary) return;
    const frame = decodeTerminalFrame(raw as Buffer);
    assert.ok(frame && (frame.kind === 'output' || frame.kind === 'exit' || frame.kind === 'skipped'), 'only panel frames reach a socket');
    frames.push(frame);
  });
  return frames;
}

const text = (frames: readonly TerminalServerFrame[]) => frames.map((frame) => (frame.kind === 'output' ? frame.data : '')).join('');

async function until(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('terminal output goes only to the socket that attached, as binary frames; input and acks come back as frames', async () => {
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const home = tempDir('warroom-home-');
  const target = {
    id: 'sh',
    name: 'sh',
    environment: 'sandbox',
    command: '/bin/sh',
    args: [],
    env: { HOME: home, PS1: '$ ', SECRET_FILE: join(home, 's') },
    cwd: home,
  };
  writeFileSync(join(home, 's'), 'password=hunter2secret\n');
  const sockets = await Promise.all([
    connect({ origin, token: 'test-token-123' }),
    connect({ origin, token: 'test-token-123' }),
    connect({ origin, token: 'test-token-123' }),
  ]);
  const [panel, watcher, bystander] = sockets.map((connection) => {
    assert.ok('ws' in connection);
    return connection.ws;
  }) as [WebSocket, WebSocket, WebSocket];
  const [panelFrames, watcherFrames, bystanderFrames] = [framesOf(panel), framesOf(watcher), framesOf(bystander)];
  assert.equal((await call(panel, { id: 10, name: 'target.save', input: { slug, target } })).result.ok, true);
  const opened = await call(panel, { id: 11, name: 'terminal.open', input: { slug, targetId: 'sh' } });
  const sessionId = (opened.result.value as { id: string }).id;

  const attachmentId = randomUUID();
  const attached = await call(panel, { id: 12, name: 'terminal.attach', input: { slug, sessionId, attachmentId } });
  assert.equal(attached.result.ok, true, attached.result.error?.message);
  const watchId = randomUUID();
  const watching = await call(watcher, { id: 13, name: 'terminal.attach', input: { slug, sessionId, attachmentId: watchId, mode: 'watch' } });
  assert.equal((watching.result.value as { mode: string }).mode, 'watch');

  const send = (ws: WebSocket, frame: TerminalClientFrame) => ws.send(encodeTerminalFrame(frame));
  send(panel, { kind: 'input', sessionId, attachmentId, data: 'cat "$SECRET_FILE"; echo typed-$((6*7))\r' });
  await until(() => text(panelFrames).includes('typed-42') && text(watcherFrames).includes('typed-42'), 'the output on both attached sockets');
  assert.ok(text(panelFrames).includes('password=hunter2secret'), 'the controlling panel sees the raw stream');
  assert.ok(!text(watcherFrames).includes('hunter2secret'), `the watcher sees the redacted stream: ${JSON.stringify(text(watcherFrames))}`);
  assert.ok(
    panelFrames.every((frame) => frame.attachmentId === attachmentId && frame.sessionId === sessionId),
    'frames are tagged with the attachment',
  );

  // The watcher types, on its own channel and on the panel's: nothing reaches the shell.
  send(watcher, { kind: 'input', sessionId, attachmentId: watchId, data: 'echo watcher-$((5*5))\r' });
  send(watcher, { kind: 'input', sessionId, attachmentId, data: 'echo stolen-$((5*5))\r' });
  send(watcher, { kind: 'resize', sessionId, attachmentId: watchId, cols: 33, rows: 11 });
  send(panel, { kind: 'input', sessionId, attachmentId, data: 'echo size-$(stty size | tr " " x)\r' });
  await until(() => /size-\d+x\d+/.test(text(panelFrames)), "the panel's next command");
  assert.ok(!text(panelFrames).includes('watcher-25') && !text(panelFrames).includes('stolen-25'), 'a watcher never types');
  assert.ok(!text(panelFrames).includes('size-11x33'), 'a watcher never resizes');

  // A malformed binary frame is dropped; the socket stays usable.
  panel.send(Buffer.from([16, 200, 1, 2, 3]));
  send(panel, { kind: 'ack', sessionId, attachmentId, chars: 1_000_000 });
  send(panel, { kind: 'input', sessionId, attachmentId, data: 'exit 3\r' });
  await until(() => panelFrames.some((frame) => frame.kind === 'exit') && watcherFrames.some((frame) => frame.kind === 'exit'), 'the exit on both channels');
  const exit = panelFrames.find((frame) => frame.kind === 'exit');
  assert.equal(exit?.kind === 'exit' ? exit.exit.exitCode : undefined, 3);
  assert.equal(bystanderFrames.length, 0, 'a socket that did not attach receives no terminal frame');
  for (const ws of [panel, watcher, bystander]) ws.close();
});
