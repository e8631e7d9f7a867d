/**
 * Hosting the war room for participants: the one code path behind `warroom web --listen`
 * and the desktop app's "Share this war room...". It serves the same services over the
 * browser server, HTTPS with the workspace's certificate (or a given one) whenever it
 * listens for others, and tells the services and the workspace lock where it is.
 */
import { networkInterfaces } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Services } from '../api/services';
import { isErrno } from '../../contract/domain/errors';
import { startBrowserServer } from './websocket-server';
import { workspaceWebToken } from './web-token';
import { describeCertificate, workspaceCertificate, type TlsIdentity } from './tls-certificate';

export interface HostingOptions {
  readonly services: Services;
  readonly workspaceDir: string;
  readonly staticDir: string;
  readonly host: string;
  readonly port: number;
  /** HTTPS even on loopback (`--listen` always is); off loopback it always is. */
  readonly tls: boolean;
  /** A certificate of one's own instead of the workspace's. */
  readonly certificate?: { readonly certFile: string; readonly keyFile: string };
  /** Replace the web token kept in the workspace. */
  readonly rotateToken?: boolean;
}

export interface HostedWarRoom {
  /** `https://HOST:PORT`: what invite links start with. */
  readonly origin: string;
  /** The host's own URL (token in the fragment). */
  readonly url: string;
  readonly tls: TlsIdentity | null;
  /** Stop serving: participants' connections close, invites cannot be made until it hosts again. */
  stop(): Promise<void>;
}

/** Serve the services for participants; `services.hosting` and the workspace lock say where. */
export async function startHosting(options: HostingOptions): Promise<HostedWarRoom> {
  const { services } = options;
  const token = workspaceWebToken(options.workspaceDir, { rotate: options.rotateToken === true });
  let tls: TlsIdentity | null = null;
  if (options.certificate)
    tls = describeCertificate(
      readFileSync(options.certificate.certFile, 'utf8'),
      readFileSync(options.certificate.keyFile, 'utf8'),
      options.certificate.certFile,
    );
  else if (options.tls) tls = await workspaceCertificate(options.workspaceDir, options.host);
  const server = await startBrowserServer({
    services,
    staticDir: options.staticDir,
    port: options.port,
    host: options.host,
    token,
    ...(tls ? { tls: { cert: tls.cert, key: tls.key, names: tls.names } } : {}),
  });
  services.hosting.origin = server.origin;
  services.hosting.fingerprint = tls?.fingerprint ?? null;
  try {
    await services.workspace.lock.publish({ url: `${server.origin}/`, accessUrl: server.url, fingerprint: tls?.fingerprint ?? null });
  } catch (error) {
    await server.close();
    services.hosting.origin = null;
    services.hosting.fingerprint = null;
    throw error;
  }
  let stopped = false;
  return {
    origin: server.origin,
    url: server.url,
    tls,
    async stop() {
      if (stopped) return;
      stopped = true;
      services.hosting.origin = null;
      services.hosting.fingerprint = null;
      await server.close();
    },
  };
}

/**
 * Where the desktop app shares from: `WARROOM_SHARE_LISTEN` (HOST:PORT) when set, else
 * this machine's first non-internal IPv4 address (what colleagues on the network reach),
 * else loopback; port 8443.
 */
export function desktopShareAddress(env: NodeJS.ProcessEnv = process.env): { host: string; port: number } {
  const given = env['WARROOM_SHARE_LISTEN'];
  if (given) {
    const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(given);
    if (match && Number(match[3]) <= 65535) return { host: (match[1] ?? match[2])!, port: Number(match[3]) };
    throw new Error(`WARROOM_SHARE_LISTEN must be HOST:PORT, not "${given}"`);
  }
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal);
  return { host: external?.address ?? '127.0.0.1', port: DESKTOP_SHARE_PORT };
}

const DESKTOP_SHARE_PORT = 8443;

/**
 * The desktop app's sharing switch: start hosting at `address` (a busy port falls back to
 * one the system picks: the link carries it), stop, and what is shared now.
 */
export function desktopSharing(options: Omit<HostingOptions, 'host' | 'port' | 'tls'> & { readonly address: () => { host: string; port: number } }): {
  start(): Promise<HostedWarRoom>;
  stop(): Promise<void>;
  current(): HostedWarRoom | null;
} {
  let hosted: HostedWarRoom | null = null;
  let starting: Promise<HostedWarRoom> | null = null;
  return {
    async start() {
      if (hosted) return hosted;
      if (starting) return starting;
      const { host, port } = options.address();
      starting = startHosting({ ...options, host, port, tls: true })
        .catch((error: unknown) => {
          if (port !== 0 && isErrno(error, 'EADDRINUSE')) return startHosting({ ...options, host, port: 0, tls: true });
          throw error;
        })
        .then(
          (started) => {
            hosted = started;
            starting = null;
            return started;
          },
          (error: unknown) => {
            starting = null;
            throw error;
          },
        );
      return starting;
    },
    async stop() {
      const current = hosted ?? (starting ? await starting.catch(() => null) : null);
      hosted = null;
      await current?.stop();
    },
    current: () => hosted,
  };
}
