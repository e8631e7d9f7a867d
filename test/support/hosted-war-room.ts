// A War Room hosted for participants: in this process (HTTPS on a loopback address with the
// workspace's own certificate, the host's token, invites, and a client that speaks the
// contract over a real WebSocket, as a participant's page does), or as a real
// `warroom web --listen` process with a Chromium that trusts exactly its certificate (e2e).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium';
import { bootServices } from '../../main/api/boot';
import type { Services } from '../../main/api/services';
import { startBrowserServer, type BrowserServer } from '../../main/transport/websocket-server';
import { workspaceCertificate, type TlsIdentity } from '../../main/transport/tls-certificate';
import { tempDir } from './temp-dir';

export type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export interface HostedWarRoom {
  readonly services: Services;
  readonly server: BrowserServer;
  readonly tls: TlsIdentity;
  readonly workspaceDir: string;
  readonly slug: string;
  readonly origin: string;
  readonly hostToken: string;
  /** Open a WebSocket with a token or invite secret: the socket, or the HTTP status it was refused with. */
  connect(token: string, options?: { origin?: string; host?: string }): Promise<{ ws: WebSocket } | { status: number }>;
  open(token: string): Promise<WebSocket>;
  call(ws: WebSocket, name: string, input: unknown): Promise<Reply>;
  invite(name: string, role: string, slug?: string): Promise<{ secret: string; id: string; link: string }>;
  close(): Promise<void>;
}

export async function hostWarRoom(host: string): Promise<HostedWarRoom> {
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>War Room</title>');
  const workspaceDir = tempDir();
  const services = await bootServices({ workspaceDir, runtime: 'browser' });
  const tls = await workspaceCertificate(workspaceDir, host);
  const hostToken = 'host-token-abcdefghijklmnop';
  const server = await startBrowserServer({ services, staticDir, token: hostToken, host, tls: { cert: tls.cert, key: tls.key, names: tls.names } });
  services.hosting.origin = server.origin;
  services.hosting.fingerprint = tls.fingerprint;
  const slug = (await services.workspace.list())[0]!.slug;
  const origin = `https://${host}:${server.port}`;
  const sockets = new Set<WebSocket>();

  const connect: HostedWarRoom['connect'] = (token, options = {}) =>
    new Promise((resolve) => {
      const ws = new WebSocket(`wss://${host}:${server.port}/ws?token=${encodeURIComponent(token)}`, {
        origin: options.origin ?? origin,
        rejectUnauthorized: false,
        ...(options.host ? { headers: { host: options.host } } : {}),
      });
      sockets.add(ws);
      ws.on('open', () => resolve({ ws }));
      ws.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
      ws.on('error', () => undefined);
    });
  const open = async (token: string) => {
    const connected = await connect(token);
    assert.ok('ws' in connected, `refused: ${JSON.stringify(connected)}`);
    return connected.ws;
  };
  let nextId = 1;
  const call: HostedWarRoom['call'] = (ws, name, input) => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (raw: WebSocket.RawData, isBinary: boolean) => {
        if (isBinary) return;
        const parsed = JSON.parse(raw.toString()) as { id?: number; result?: Reply };
        if (parsed.id === id && parsed.result) {
          ws.off('message', onMessage);
          ws.off('close', onClose);
          resolve(parsed.result);
        }
      };
      const onClose = () => reject(new Error(`${name}: the socket closed before an answer`));
      ws.on('message', onMessage);
      ws.once('close', onClose);
      ws.send(JSON.stringify({ id, name, input }));
    });
  };
  const hostSocket = await open(hostToken);
  const invite: HostedWarRoom['invite'] = async (name, role, inviteSlug = slug) => {
    const reply = await call(hostSocket, 'participant.invite', { slug: inviteSlug, name, role, expiresIn: '2h' });
    assert.ok(reply.ok, JSON.stringify(reply));
    const value = reply.value as { link: string; participant: { id: string } };
    const fragment = new URLSearchParams(new URL(value.link).hash.slice(1));
    return { secret: fragment.get('invite')!, id: value.participant.id, link: value.link };
  };
  return {
    services,
    server,
    tls,
    workspaceDir,
    slug,
    origin,
    hostToken,
    connect,
    open,
    call,
    invite,
    async close() {
      for (const ws of sockets) ws.terminate();
      await server.close();
      await services.dispose();
    },
  };
}

/** Poll until the probe holds (never a fixed sleep); its value and how long it took. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 5000) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A real `warroom web --listen HOST:0` process (the built CLI) and a Chromium pinned to its certificate. */
export interface ServedWarRoom {
  /** The built CLI, and the environment to run it with (outside the test runner's context). */
  readonly cli: string;
  readonly env: NodeJS.ProcessEnv;
  readonly workspace: string;
  /** The host's own link (https://HOST:PORT/#token=...), the certificate's SHA-256 and its public key's. */
  readonly url: string;
  readonly hostToken: string;
  readonly fingerprint: string;
  readonly spki: string;
  readonly browser: Browser;
  /** A page in a browser context of its own (a person on their own device), once the app has said who it is. */
  pageFor(url: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Start `warroom web --workspace <new temp dir> --listen <host>:0` and wait until it prints
 * its link, certificate and key; launch Chromium trusting exactly that key, as a person
 * comparing the fingerprint would. `close` stops both.
 */
export async function serveWarRoom(host: string, workspacePrefix: string): Promise<ServedWarRoom> {
  const root = new URL('../../', import.meta.url).pathname;
  const cli = join(root, 'dist', 'main', 'cli.js');
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const workspace = tempDir(workspacePrefix);
  const child = spawn(process.execPath, [cli, 'web', '--workspace', workspace, '--listen', `${host}:0`], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const stopChild = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    const linkPattern = new RegExp(`open:\\s+(https://${host.replace(/\./g, '\\.')}:\\d+/#token=\\S+)`);
    const started = await new Promise<{ url: string; fingerprint: string; spki: string }>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`warroom web printed no link within 20 s:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const url = linkPattern.exec(output)?.[1];
        const fingerprint = /certificate SHA-256: (\S+)/.exec(output)?.[1];
        const spki = /public key \(SPKI\) SHA-256: (\S+)/.exec(output)?.[1];
        if (url && fingerprint && spki) {
          clearTimeout(timer);
          resolve({ url, fingerprint, spki });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`warroom web exited with ${code}:\n${output}`)));
    });
    const launched = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_FLAGS, `--ignore-certificate-errors-spki-list=${started.spki}`],
      headless: true,
    });
    return {
      cli,
      env,
      workspace,
      ...started,
      hostToken: new URLSearchParams(new URL(started.url).hash.slice(1)).get('token')!,
      browser: launched,
      async pageFor(url) {
        const context = await launched.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        await page.goto(url);
        await page.getByTestId('whoami').waitFor();
        return page;
      },
      async close() {
        await launched.close().catch(() => undefined);
        await stopChild();
      },
    };
  } catch (error) {
    await stopChild();
    throw error;
  }
}

/** Requests at the contract from a page over its own WebSocket, as the host or as an invited person. */
export interface RoomClient {
  /** One request from `page` with `token` (the host's, or an invite secret). */
  callAs(page: Page, token: string, name: string, input: unknown): Promise<Reply>;
  /** One request as the host; its error is thrown. */
  hostCall<T>(name: string, input: unknown): Promise<T>;
  /** Invite `name` as `role` to `slug` and open their page, once it says who they are. */
  invite(name: string, role: string, terminalTargets?: string[]): Promise<{ page: Page; secret: string }>;
}

export function roomClient(room: Pick<ServedWarRoom, 'pageFor' | 'hostToken'>, host: Page, slug: string): RoomClient {
  const callAs: RoomClient['callAs'] = (page, token, name, input) =>
    page.evaluate(
      ([secret, request, payload]) =>
        new Promise<Reply>((resolve) => {
          const ws = new WebSocket(`wss://${(globalThis as unknown as { location: { host: string } }).location.host}/ws?token=${encodeURIComponent(secret)}`);
          ws.onopen = () => ws.send(JSON.stringify({ id: 1, name: request, input: payload }));
          ws.onmessage = (message) => {
            const parsed = JSON.parse(String(message.data)) as { id?: number; result?: Reply };
            if (parsed.id === 1 && parsed.result) {
              resolve(parsed.result);
              ws.close();
            }
          };
        }),
      [token, name, input] as const,
    );
  const hostCall = async <T>(name: string, input: unknown): Promise<T> => {
    const reply = await callAs(host, room.hostToken, name, input);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
    return reply.value as T;
  };
  return {
    callAs,
    hostCall,
    async invite(name, role, terminalTargets = []) {
      const made = await hostCall<{ link: string }>('participant.invite', { slug, name, role, expiresIn: '2h', terminalTargets });
      const page = await room.pageFor(made.link);
      await page
        .getByTestId('whoami')
        .filter({ hasText: `${name} (${role})` })
        .waitFor();
      return { page, secret: new URLSearchParams(new URL(made.link).hash.slice(1)).get('invite')! };
    },
  };
}
