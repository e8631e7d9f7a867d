import { readFile } from 'node:fs/promises';
import { resolveWorkspaceDir } from '../../core/workspace/workspace-location';
import { workspaceLockPaths } from '../../core/workspace/workspace-lock';
import { WarRoomError, isErrno } from '../../../contract/domain/errors';
import { parseFollowLink } from '../../api/follow/follow-link';
import { FollowConnection } from '../../api/follow/follow-client';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** `warroom handover`: ask the running host of a workspace to hand a release's pen to a follower (or take it). */
export const handoverCommand: CliCommand = {
  name: 'handover',
  usage: `warroom handover <release> (--to NAME|LINK | --take) [--workspace DIR]
                                 Hand the pen of a release to a follower (by the --name it follows with, or its
                                 link): journaled, and this War Room then follows the new host, read-only.
                                 --take, on a follower whose host is gone: take the pen without it (may fork)`,
  run: handover,
};

async function handover(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({
    args: [...args],
    options: { to: { type: 'string' }, take: { type: 'boolean' }, workspace: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const options = values as { to?: string; take?: boolean; workspace?: string };
  const [slug] = positionals;
  if (positionals.length !== 1 || slug === undefined) throw new UsageError('handover takes one release');
  if ((options.to === undefined) === (options.take !== true)) throw new UsageError('handover needs either --to NAME|LINK or --take');
  const workspaceDir = resolveWorkspaceDir(options.workspace);
  const connection = await FollowConnection.open(parseFollowLink(await runningHost(workspaceDir)));
  try {
    if (options.take) {
      const taken = await connection.request('release.take-over', { slug });
      process.stdout.write(`took over ${slug} at seq ${taken.seq}: this War Room is its host now\n`);
    } else {
      const handed = await connection.request('release.handover', { slug, to: options.to! });
      process.stdout.write(`handed over ${slug} to ${handed.to} at seq ${handed.seq}; this War Room now follows ${handed.following}\n`);
    }
    return EXIT.ok;
  } finally {
    connection.close();
  }
}

/** The link of the War Room that holds the workspace now (its 0600 access file). */
async function runningHost(workspaceDir: string): Promise<string> {
  const file = workspaceLockPaths(workspaceDir).access;
  try {
    const access = JSON.parse(await readFile(file, 'utf8')) as { url?: unknown };
    if (typeof access.url === 'string') return access.url;
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw new WarRoomError('io', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, [{ file }]);
  }
  throw new WarRoomError('not-found', `No War Room is serving ${workspaceDir} (no ${file}): start \`warroom web\` or \`warroom follow\` on it first.`, [
    { file },
  ]);
}
