import { EventEmitter } from 'node:events';
// The contract's two doors refuse strangers before anything is parsed: over IPC, a
// request from another window, an iframe or a foreign page; over the WebSocket, hostile
// frames on an authenticated socket (the handshake checks of token, Origin and Host are
// in test/transport/websocket-server.test.ts). Nothing a stranger sends reaches the disk.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { bootServices } from '../../main/api/boot';
import { registerIpc } from '../../main/transport/ipc-main';
import { startBrowserServer } from '../../main/transport/websocket-server';
import { isTrustedSender, type SenderFacts } from '../../main/electron/trusted-sender';
import { CHANNELS } from '../../contract/channels';
import { tempDir } from '../support/temp-dir';
import { describeChanges, treeFingerprint } from './support/workspace-hash';

const workspaceDir = tempDir();
const services = await bootServices({ workspaceDir, runtime: 'browser' });
const [listing] = await services.workspace.list();
const slug = listing!.slug;
await (await services.release(slug)).flush();
after(() => services.dispose());

/** A frame and a window as Electron would hand them to the trust check. */
let nextContentsId = 1;
function fakeWindow() {
  const mainFrame = { url: 'app://warroom/index.html' };
  // An emitter, as WebContents is: the transport listens for 'destroyed' and 'did-navigate'.
  const webContents = Object.assign(new EventEmitter(), {
    id: nextContentsId++,
    mainFrame,
    isDestroyed: () => false,
    send: () => undefined,
  }) as unknown as WebContents;
  return { webContents, mainFrame };
}

type InvokeHandler = (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

test('over IPC, only the main frame of our window showing our page is heard; strangers change nothing', async () => {
  const window = fakeWindow();
  const other = fakeWindow();
  let handler: InvokeHandler | undefined;
  const dispose = registerIpc(
    {
      handle: (channel: string, listener: InvokeHandler) => void (channel === CHANNELS.request && (handler = listener)),
      removeHandler: () => undefined,
      // Terminal ports arrive on their own channel (not exercised here).
      on: () => undefined,
      removeListener: () => undefined,
    } as never,
    services,
    (event) => isTrustedSender(event, window),
    () => [window.webContents],
  );
  const strangers: Record<string, SenderFacts> = {
    'another window': { sender: other.webContents, senderFrame: other.mainFrame } as never,
    'an iframe of our window': { sender: window.webContents, senderFrame: { url: 'app://warroom/index.html' } } as never,
    'our frame showing a foreign page': { sender: window.webContents, senderFrame: Object.assign(window.mainFrame, {}) } as never,
    'a destroyed frame': { sender: window.webContents, senderFrame: null } as never,
  };
  const before = treeFingerprint(workspaceDir);
  for (const [who, facts] of Object.entries(strangers)) {
    if (who === 'our frame showing a foreign page') {
      for (const url of ['https://evil.example/', 'app://warroom.evil/index.html', 'file:///etc/passwd', 'data:text/html,x', 'javascript:alert(1)']) {
        window.mainFrame.url = url;
        const result = await handler!(facts as IpcMainInvokeEvent, 'note.add', { slug, text: `from ${url}` });
        assert.equal(result.error?.code, 'unauthorized', `${who}: ${url}`);
      }
      window.mainFrame.url = 'app://warroom/index.html';
      continue;
    }
    const result = await handler!(facts as IpcMainInvokeEvent, 'note.add', { slug, text: `from ${who}` });
    assert.equal(result.ok, false, who);
    assert.equal(result.error?.code, 'unauthorized', who);
  }
  assert.deepEqual(describeChanges(before, treeFingerprint(workspaceDir)), [], 'a refused request wrote something');
  const trusted = await handler!({ sender: window.webContents, senderFrame: window.mainFrame } as never, 'note.add', { slug, text: 'from the app' });
  assert.equal(trusted.ok, true, 'the app itself is heard');
  // Its release.json snapshot is debounced: let it land before the next test's baseline.
  await (await services.release(slug)).flush();
  dispose();
});

test('over an authenticated WebSocket, hostile frames get typed errors, an oversized frame closes only that socket', async () => {
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>War Room</title>');
  const server = await startBrowserServer({ services, staticDir, token: 'fuzz-token' });
  after(() => server.close());
  const origin = `http://127.0.0.1:${server.port}`;
  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=fuzz-token`, { origin });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const ws = await open();
  const replies: { id: unknown; result: { ok: boolean; error?: { code: string; message: string } } }[] = [];
  ws.on('message', (raw) => {
    const parsed = JSON.parse(raw.toString());
    if ('result' in parsed) replies.push(parsed);
  });
  await (await services.release(slug)).flush();
  const before = treeFingerprint(workspaceDir);
  const frames: (string | Buffer)[] = [
    '',
    'null',
    '[]',
    '"release.list"',
    '{"__proto__":{"id":1,"name":"note.add"}}',
    '{"constructor":{"prototype":{"polluted":true}},"id":2}',
    `{"id":3,"name":"note.add","input":{"slug":"${slug}","text":"x","__proto__":{"admin":true}}}`,
    '{"id":1e400,"name":"release.list"}',
    `{"id":4,"name":"note.add","input":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
    '['.repeat(200_000),
    '{"id":5,"name":"\u0000note.add"}',
    Buffer.from([0xff, 0xfe, 0x00, 0x01]),
  ];
  for (const frame of frames) ws.send(frame, { binary: Buffer.isBuffer(frame) });
  // Binary frames are terminal channel frames: one that names no attachment of this socket is
  // dropped unanswered (and changes nothing, checked below); every text frame is answered.
  const answered = frames.filter((frame) => typeof frame === 'string').length;
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (replies.length >= answered) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });
  assert.equal(replies.length, answered, 'every text frame got an answer');
  for (const reply of replies) {
    assert.equal(reply.result.ok, false);
    assert.ok(['invalid-request', 'invalid-input'].includes(reply.result.error!.code), reply.result.error!.message);
    assert.ok(reply.result.error!.message.length < 2_000);
  }
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.deepEqual(describeChanges(before, treeFingerprint(workspaceDir)), [], 'a malformed frame wrote something');

  // 9 MB is over the 8 MB limit: that socket is closed, the server keeps serving others.
  ws.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.send('x'.repeat(9 * 1024 * 1024));
  assert.equal(await closed, 1009);
  // Invalid UTF-8 in a text frame: the same (1007), not a crash of the server.
  const broken = await open();
  broken.on('error', () => undefined);
  const brokenClosed = new Promise<number>((resolve) => broken.once('close', (code) => resolve(code)));
  broken.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
  assert.equal(await brokenClosed, 1007);
  const fresh = await open();
  const answer = new Promise<{ result: { ok: boolean } }>((resolve) => fresh.once('message', (raw) => resolve(JSON.parse(raw.toString()))));
  fresh.send(JSON.stringify({ id: 9, name: 'release.list', input: {} }));
  assert.equal((await answer).result.ok, true);
  fresh.close();
});
