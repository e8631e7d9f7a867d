import { join } from 'node:path';
import { resolveWorkspaceDir } from '../../core/workspace/workspace-location';
import { bootServices, projectRoot } from '../../api/boot';
import { startBrowserServer } from '../../transport/websocket-server';
import { workspaceWebToken } from '../../transport/web-token';
import { stopFollowing } from '../../follow/follow-service';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** `warroom web`: the app's services under Node, served to a browser on loopback. */
export const webCommand: CliCommand = {
  name: 'web',
  usage: `warroom web [--port N] [--workspace DIR] [--no-demo] [--new-token]
                                 Serve the app to a browser on 127.0.0.1 (prints the URL; the token is kept
                                 in <workspace>/web-token across restarts, --new-token replaces it)`,
  run: web,
};

async function web(args: readonly string[]): Promise<number> {
  const { values } = parse({
    args: [...args],
    options: { port: { type: 'string' }, workspace: { type: 'string' }, 'no-demo': { type: 'boolean' }, 'new-token': { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const workspaceDir = resolveWorkspaceDir(values.workspace as string | undefined);
  const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: !values['no-demo'] });
  let server: Awaited<ReturnType<typeof startBrowserServer>>;
  try {
    const token = workspaceWebToken(workspaceDir, { rotate: values['new-token'] === true });
    server = await startBrowserServer({ services, staticDir: join(projectRoot(), 'dist', 'renderer'), port, token });
    const origin = new URL(server.url);
    await services.workspace.lock.publish({ url: `${origin.origin}/`, accessUrl: server.url });
  } catch (error) {
    await services.dispose();
    throw error;
  }
  process.stdout.write(`War Room (browser mode)\n  workspace: ${workspaceDir}\n  open:      ${server.url}\n`);
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
