import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROLES, type InviteResult } from '../../../contract/participants';
import type { Result } from '../../../contract/result';
import { bootServices } from '../../api/boot';
import { dispatch } from '../../api/dispatch';
import { WarRoomError, isErrno } from '../../../contract/domain/errors';
import { workspaceLockPaths } from '../../core/workspace/workspace-lock';
import { resolveWorkspaceDir } from '../../core/workspace/workspace-location';
import { describeCertificate, TLS_DIR } from '../../transport/tls-certificate';
import { isLoopbackHost } from '../../transport/websocket-server';
import { FollowConnection } from '../../api/follow/follow-client';
import { normalizeFingerprint, parseFollowLink } from '../../api/follow/follow-link';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** `warroom invite`: a personal link for one person and role, asked of the running host (or written to the workspace when none runs). */
export const inviteCommand: CliCommand = {
  name: 'invite',
  usage: `warroom invite <release> --name NAME --role ROLE [--expires 12h] [--target ID]... [--url https://HOST:PORT] [--workspace DIR]
                                 Invite a person to a hosted war room and print their personal link
                                 (roles: ${ROLES.join(', ')}). While \`warroom web --listen\` runs, the
                                 running host makes the invite; otherwise give --url (where the host will listen)`,
  run: invite,
};

interface AccessRecord {
  readonly url: string;
  readonly fingerprint: string | null;
}

async function invite(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({
    args: [...args],
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      expires: { type: 'string' },
      target: { type: 'string', multiple: true },
      url: { type: 'string' },
      workspace: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const [slug] = positionals;
  if (positionals.length !== 1 || slug === undefined) throw new UsageError('invite takes one release (its folder name)');
  if (typeof values.name !== 'string') throw new UsageError('--name NAME is required');
  if (typeof values.role !== 'string') throw new UsageError(`--role is required: one of ${ROLES.join(', ')}`);
  const input = {
    slug,
    name: values.name,
    role: values.role,
    expiresIn: (values.expires as string | undefined) ?? '12h',
    terminalTargets: (values.target as string[] | undefined) ?? [],
  };
  const workspaceDir = resolveWorkspaceDir(values.workspace as string | undefined);
  const access = await readAccess(workspaceDir);
  let result: Result<unknown>;
  if (access) {
    result = await askRunningHost(workspaceLockPaths(workspaceDir).access, access, input);
  } else {
    const url = values.url as string | undefined;
    if (url === undefined)
      throw new UsageError('no War Room hosts this workspace now: give --url https://HOST:PORT (where `warroom web --listen` will serve it)');
    const origin = parseOrigin(url);
    const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: false, ownerLabel: 'warroom invite' });
    try {
      services.hosting.origin = origin;
      services.hosting.fingerprint = await keptFingerprint(workspaceDir);
      result = await dispatch(services, 'participant.invite', input, { actor: services.workspace.settings.operator, transport: 'cli' });
    } finally {
      await services.dispose();
    }
  }
  if (!result.ok) throw new WarRoomError(result.error.code, result.error.message, result.error.locations ?? []);
  const made = result.value as InviteResult;
  process.stdout.write(
    `Invited ${made.participant.name} (${made.participant.role}) to ${made.participant.release} until ${made.participant.expiresAt}\n` +
      `  link: ${made.link}\n` +
      (made.fingerprint ? `  certificate SHA-256: ${made.fingerprint}\n` : '') +
      `  revoke: in the Share dialog (participant ${made.participant.id})\n`,
  );
  return EXIT.ok;
}

function parseOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be like https://10.0.0.5:8443, not "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--url must be https://HOST:PORT, not "${text}"`);
  return url.origin;
}

async function keptFingerprint(workspaceDir: string): Promise<string | null> {
  try {
    const dir = join(workspaceDir, TLS_DIR);
    return describeCertificate(await readFile(join(dir, 'cert.pem'), 'utf8'), '', dir).fingerprint;
  } catch {
    return null;
  }
}

/** The running host's address and token, from the 0600 file `warroom web` writes beside the lock. */
async function readAccess(workspaceDir: string): Promise<AccessRecord | null> {
  const file = workspaceLockPaths(workspaceDir).access;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw new WarRoomError('io', `Cannot read ${file}: ${(error as Error).message}`, [{ file }]);
  }
  try {
    const parsed = JSON.parse(text) as { url?: unknown; fingerprint?: unknown };
    if (typeof parsed.url !== 'string') throw new Error('no url');
    return { url: parsed.url, fingerprint: typeof parsed.fingerprint === 'string' ? parsed.fingerprint : null };
  } catch (error) {
    throw new WarRoomError('corrupt', `${file} does not name the running host (${(error as Error).message}); restart \`warroom web\`.`, [{ file }]);
  }
}

/**
 * Ask the running host over its WebSocket, as its own page does (same Origin, the host's
 * token). Over HTTPS the connection is pinned to the fingerprint the host wrote in the
 * access file (the same pinned client a follower uses): a file without one, or a server
 * with another certificate, is refused before the token is sent. Plain HTTP only to a
 * loopback address (the token would cross the network in the clear).
 */
async function askRunningHost(file: string, access: AccessRecord, input: unknown): Promise<Result<unknown>> {
  let page: URL;
  try {
    page = new URL(access.url);
  } catch {
    throw new WarRoomError('corrupt', `${file}: its url is not a link; restart \`warroom web\`.`, [{ file, field: 'url' }]);
  }
  if (page.protocol === 'http:' && !isLoopbackHost(page.hostname.replace(/^\[|\]$/g, '')))
    throw new WarRoomError('refused', `${file} names ${page.origin}: plain HTTP off loopback would send the host's token in the clear; not connecting.`, [
      { file, field: 'url' },
    ]);
  if (page.protocol === 'https:' && (access.fingerprint === null || normalizeFingerprint(access.fingerprint) === null))
    throw new WarRoomError(
      'refused',
      `${file} names ${page.origin} without the certificate's fingerprint: War Room does not send the host's token to a certificate it cannot pin; restart \`warroom web\`.`,
      [{ file, field: 'fingerprint' }],
    );
  const fragment = new URLSearchParams(page.hash.slice(1));
  if (access.fingerprint !== null) fragment.set('fp', access.fingerprint);
  page.hash = fragment.toString();
  let connection: FollowConnection;
  try {
    connection = await FollowConnection.open(parseFollowLink(page.toString()));
  } catch (error) {
    if (error instanceof WarRoomError) throw error;
    throw new WarRoomError('io', `Cannot reach the War Room hosting this workspace at ${page.origin}: ${(error as Error).message}`);
  }
  try {
    return { ok: true, value: await connection.request('participant.invite', input as never) };
  } catch (error) {
    if (error instanceof WarRoomError) return { ok: false, error: { code: error.code, message: error.message, locations: [...error.locations] } };
    throw new WarRoomError('io', `The War Room at ${page.origin} did not answer: ${(error as Error).message}`);
  } finally {
    connection.close();
  }
}
