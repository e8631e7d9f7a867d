import { join } from 'node:path';
import { resolveWorkspaceDir } from '../../core/workspace/workspace-location';
import { bootServices, projectRoot } from '../../api/boot';
import { isLoopbackHost } from '../../transport/websocket-server';
import { startHosting, type HostedWarRoom } from '../../transport/hosting';
import { stopFollowing } from '../../api/follow/follow-service';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** `warroom web`: the app's services under Node, served to a browser on loopback, or hosted for participants with --listen. */
export const webCommand: CliCommand = {
  name: 'web',
  usage: `warroom web [--port N | --listen HOST:PORT [--cert FILE --key FILE]] [--workspace DIR] [--no-demo] [--new-token]
                                 Serve the app to a browser on 127.0.0.1 (prints the URL; the token is kept
                                 in <workspace>/web-token across restarts, --new-token replaces it).
                                 --listen hosts the war room for participants (\`warroom invite\`); off loopback
                                 only over HTTPS, with the workspace's own certificate (made once, its SHA-256
                                 fingerprint printed) or --cert/--key`,
  run: web,
};

/** `HOST:PORT`, `[::1]:PORT`: the listen address and port. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) throw new UsageError(`--listen must be HOST:PORT (e.g. 10.0.0.5:8443 or [::1]:8443), not "${text}"`);
  return { host: (match[1] ?? match[2])!, port };
}

async function web(args: readonly string[]): Promise<number> {
  const { values } = parse({
    args: [...args],
    options: {
      port: { type: 'string' },
      listen: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      workspace: { type: 'string' },
      'no-demo': { type: 'boolean' },
      'new-token': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const given = { listen: values.listen as string | undefined, cert: values.cert as string | undefined, key: values.key as string | undefined };
  if (values.listen !== undefined && values.port !== undefined) throw new UsageError('give --listen HOST:PORT or --port N, not both');
  if ((values.cert === undefined) !== (values.key === undefined)) throw new UsageError('--cert and --key go together');
  if (values.cert !== undefined && values.listen === undefined) throw new UsageError('--cert and --key need --listen HOST:PORT');
  const listen = values.listen === undefined ? { host: '127.0.0.1', port: Number(values.port ?? 0) } : parseListen(given.listen!);
  if (!Number.isInteger(listen.port) || listen.port < 0 || listen.port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const workspaceDir = resolveWorkspaceDir(values.workspace as string | undefined);
  const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: !values['no-demo'] });
  let hosted: HostedWarRoom;
  try {
    hosted = await startHosting({
      services,
      workspaceDir,
      staticDir: join(projectRoot(), 'dist', 'renderer'),
      host: listen.host,
      port: listen.port,
      // Off loopback only HTTPS: the workspace's own certificate unless one is given.
      tls: !isLoopbackHost(listen.host) || values.listen !== undefined,
      ...(given.cert !== undefined && given.key !== undefined ? { certificate: { certFile: given.cert, keyFile: given.key } } : {}),
      rotateToken: values['new-token'] === true,
    });
  } catch (error) {
    await services.dispose();
    throw error;
  }
  const { tls } = hosted;
  const server = { url: hosted.url, close: () => hosted.stop() };
  process.stdout.write(`War Room (browser mode)\n  workspace: ${workspaceDir}\n  open:      ${server.url}\n`);
  if (tls)
    process.stdout.write(
      `  certificate SHA-256: ${tls.fingerprint}\n  public key (SPKI) SHA-256: ${tls.spkiSha256}\n  invite people: warroom invite <release> --name NAME --role ROLE\n`,
    );
  for (const warning of services.workspace.warnings) process.stderr.write(`warning: ${warning}\n`);
  const lost = await new Promise<boolean>((resolve) => {
    const stop = () => resolve(false);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    services.workspace.lock.onLost((error) => {
      process.stderr.write(`warroom: ${error.message}\n`);
      resolve(true);
    });
  });
  stopFollowing(services);
  await server.close();
  await services.dispose();
  return lost ? EXIT.busy : EXIT.ok;
}
