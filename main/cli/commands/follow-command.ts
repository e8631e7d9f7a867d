import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveWorkspaceDir } from '../../core/workspace/workspace-location';
import { bootServices, projectRoot } from '../../api/boot';
import { startBrowserServer } from '../../transport/websocket-server';
import { workspaceWebToken } from '../../transport/web-token';
import { SLUG_PATTERN } from '../../../contract/domain/workspace/slug';
import { parseFollowLink } from '../../api/follow/follow-link';
import { FollowConnection } from '../../api/follow/follow-client';
import { Follower, type FollowOutcome } from '../../api/follow/follower';
import { journalSink } from '../../api/follow/replica-sink';
import { startFollowing, stopFollowing } from '../../api/follow/follow-service';
import { mintFollowBackLink } from '../../api/follow-back';
import type { FollowStatus } from '../../../contract/requests/follow-requests';
import { WarRoomError } from '../../../contract/domain/errors';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** `warroom follow`: a live, verified, read-only replica of a release of another War Room. */
export const followCommand: CliCommand = {
  name: 'follow',
  usage: `warroom follow <link> [--release SLUG] [--workspace DIR] [--name NAME] [--port N] [--once]
                                 Keep a live, verified, read-only replica of a release of the War Room at <link>
                                 (http(s)://HOST:PORT/#token=… or #invite=…&fp=…), and serve it here like
                                 \`warroom web\`; --once stops when caught up. A handover to NAME makes this the host`,
  run: follow,
};

async function follow(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({
    args: [...args],
    options: {
      release: { type: 'string' },
      workspace: { type: 'string' },
      name: { type: 'string' },
      port: { type: 'string' },
      once: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
  const options = values as { release?: string; workspace?: string; name?: string; port?: string; once?: boolean };
  const [linkText] = positionals;
  if (positionals.length !== 1 || linkText === undefined) throw new UsageError('follow takes one link');
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${options.port}"`);
  const link = parseFollowLink(linkText);
  const slug = options.release ?? (await onlyRelease(link));
  if (!SLUG_PATTERN.test(slug)) throw new UsageError(`--release must be a release's folder name, not "${slug}"`);
  const workspaceDir = resolveWorkspaceDir(options.workspace);
  const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: false });
  const name = options.name ?? services.workspace.settings.operator;
  const printer = statusPrinter(slug);
  let server: Awaited<ReturnType<typeof startBrowserServer>> | null = null;
  try {
    // Catch up through the bare journal first (nothing shows the release yet): verify, write, fsync, no parsing.
    const dir = join(workspaceDir, 'releases', slug);
    await mkdir(dir, { recursive: true });
    if (!existsSync(join(dir, 'journal.jsonl'))) process.stdout.write(`new replica ${dir}\n`);
    const sink = await journalSink(dir);
    const follower = new Follower({ link, slug, name, onStatus: printer }, sink);
    let outcome: FollowOutcome;
    try {
      outcome = await follower.run({ untilCaughtUp: true });
    } finally {
      await sink.close();
    }
    if (outcome.kind !== 'caught-up') {
      printer(follower.status);
      return outcome.kind === 'stopped' ? EXIT.ok : EXIT.failed;
    }
    process.stdout.write(`caught up: ${slug} at seq ${follower.status.lastSeq}, verified\n`);
    if (options.once) return EXIT.ok;
    server = await startBrowserServer({ services, staticDir: join(projectRoot(), 'dist', 'renderer'), port, token: workspaceWebToken(workspaceDir) });
    await services.workspace.lock.publish({ url: `${new URL(server.url).origin}/`, accessUrl: server.url });
    // The host can follow this War Room back after a handover with a follow-only credential, never with this token.
    follower.setSelfLink(await mintFollowBackLink(services, { slug, hostOrigin: link.origin, selfOrigin: server.origin, fingerprint: null }));
    process.stdout.write(`War Room (following ${link.origin})\n  workspace: ${workspaceDir}\n  open:      ${server.url}\n`);
    const ended = new Promise<number>((resolve) => {
      void startFollowing(services, {
        slug,
        link,
        name,
        follower,
        onEnd: (end) => {
          if (end.kind === 'handed-over')
            process.stdout.write(`handed over: ${name} is now the host of ${slug} (from seq ${end.event.seq}); serving at ${server?.url}\n`);
          else printer(follower.status);
          if (end.kind === 'broken' || end.kind === 'forked') resolve(EXIT.failed);
        },
      });
    });
    const code = await Promise.race([
      ended,
      new Promise<number>((resolve) => {
        process.once('SIGINT', () => resolve(EXIT.ok));
        process.once('SIGTERM', () => resolve(EXIT.ok));
        services.workspace.lock.onLost((error) => {
          process.stderr.write(`warroom: ${error.message}\n`);
          resolve(EXIT.busy);
        });
      }),
    ]);
    // A fork or a broken chain keeps serving the replica for review until stopped.
    if (code === EXIT.failed) await new Promise<void>((resolve) => (process.once('SIGINT', resolve), process.once('SIGTERM', resolve)));
    return code;
  } finally {
    stopFollowing(services);
    await server?.close();
    await services.dispose();
  }
}

/** The release to follow when none is named: the host's only one. */
async function onlyRelease(link: ReturnType<typeof parseFollowLink>): Promise<string> {
  const connection = await FollowConnection.open(link).catch((error: unknown) => {
    throw new WarRoomError('io', `Could not reach ${link.origin} to list its releases: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const releases = await connection.request('release.list', {});
    if (releases.length === 1) return releases[0]!.slug;
    throw new UsageError(
      `${link.origin} has ${releases.length} releases: name one with --release (${releases.map((release) => release.slug).join(', ') || 'none'})`,
    );
  } finally {
    connection.close();
  }
}

/** A status line on each change of connection, seq or message, and every 5 s while stale. */
function statusPrinter(slug: string): (status: FollowStatus) => void {
  let last = '';
  let lastAt = 0;
  return (status) => {
    const stale =
      status.staleMs === null ? 'never reached' : status.connected && status.staleMs < 5_000 ? 'live' : `${Math.round(status.staleMs / 1000)} s stale`;
    const key = `${status.state} ${status.connected} ${status.lastSeq} ${status.hostSeq} ${status.message ?? ''}`;
    if (key === last && (status.connected || Date.now() - lastAt < 5_000)) return;
    last = key;
    lastAt = Date.now();
    process.stdout.write(
      `${status.state} ${status.source} ${slug}: seq ${status.lastSeq} of ${status.hostSeq} · ${stale}${status.message ? ` · ${status.message}` : ''}\n`,
    );
  };
}
