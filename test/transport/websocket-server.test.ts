import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { bootServices } from '../../main/api/boot';
import { startBrowserServer } from '../../main/transport/websocket-server';
import { tempDir } from '../support/temp-dir';

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
    const onMessage = (raw: WebSocket.RawData) => {
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
