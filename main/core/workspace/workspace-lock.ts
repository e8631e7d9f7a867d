import { lstat, open, readFile, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { lock as lockFolder } from 'proper-lockfile';
import { z } from 'zod';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';
import { processIsAlive, processStart } from './process-liveness';

/** The files of the lock, all in the workspace folder, beside each other. */
export function workspaceLockPaths(dir: string) {
  return {
    /** proper-lockfile's lock: a folder made with mkdir (atomic), its mtime refreshed while held. */
    lock: join(dir, 'workspace.lock'),
    /** A second, short-lived lock held only while taking the first: two starters never judge a stale lock at once. */
    gate: join(dir, 'workspace.lock-gate'),
    /** Who holds the lock (no secret in it): what a second writer names in its refusal. */
    owner: join(dir, 'workspace.owner.json'),
    /** How to reach the holder (its URL with its token), mode 0600: what `warroom invite` will read. */
    access: join(dir, 'workspace.access.json'),
  } as const;
}

const TUNING = {
  /**
   * A lock not refreshed for this long is presumed left by a dead process on another host
   * (on this host a dead pid is seen at once). Long, because a holder's event loop can be
   * busy for seconds (verifying a long journal is synchronous) and must not lose its lock.
   */
  staleMs: 30_000,
  /** How often the holder refreshes the lock's mtime (proper-lockfile caps it at stale/2). */
  updateMs: 5_000,
  /** The gate is held for milliseconds; one older than this was left by a crash mid-start. */
  gateStaleMs: 5_000,
  /** Waiting for another starter to pass the gate: about 12 s in all, more than gateStaleMs. */
  gateRetries: { retries: 40, factor: 1.3, minTimeout: 20, maxTimeout: 400 },
} as const;

/** What kind of process holds the workspace, for the words of the refusal. */
export type WorkspaceRuntime = 'browser' | 'electron' | 'cli';

/** Who opens a workspace for writing. */
export interface WorkspaceOwnerIdentity {
  readonly runtime: WorkspaceRuntime;
  /** How a person would name it: "warroom web", "warroom import", "the desktop app". */
  readonly label: string;
  readonly version?: string;
}

const ownerSchema = z.object({
  app: z.literal('War Room'),
  pid: z.number().int().positive(),
  hostname: z.string(),
  processStart: z.string().nullable(),
  since: z.string(),
  runtime: z.enum(['browser', 'electron', 'cli']),
  label: z.string(),
  version: z.string().optional(),
  /** Where the holder serves the app (no token): set once its server listens. */
  url: z.string().nullable(),
});

/** The record beside the lock: which process holds it, since when, where it serves. */
export type WorkspaceOwner = z.output<typeof ownerSchema>;

/** A second writer was refused: the workspace is held by `owner` (null when its record cannot be read). */
export class WorkspaceBusyError extends WarRoomError {
  constructor(
    readonly workspaceDir: string,
    readonly owner: WorkspaceOwner | null,
  ) {
    super('conflict', busyMessage(workspaceDir, owner), [{ file: workspaceLockPaths(workspaceDir).lock }]);
  }
}

/**
 * The exclusive lock of one workspace: one process writes it at a time.
 *
 * Why: two processes appending to one journal fork its chain, and the release no longer
 * opens. proper-lockfile makes the lock (mkdir is atomic, the holder refreshes its mtime,
 * a lock not refreshed is stale). A lock left by a crashed process on this host is taken
 * over at once (its pid is gone, or belongs to a younger process); the takeover happens
 * under a second short lock, the gate, so that two starters never both remove a stale
 * lock and both think they hold it.
 */
export class WorkspaceLock {
  private released = false;
  private lostError: WarRoomError | null = null;
  private readonly lostListeners = new Set<(error: WarRoomError) => void>();

  private constructor(
    readonly dir: string,
    private owner: WorkspaceOwner,
    private readonly unlock: () => Promise<void>,
    /** False for a workspace this process cannot write at all: there is nothing to lock, and every write fails on its own. */
    readonly held = true,
  ) {}

  /**
   * The stand-in for a workspace on a read-only file system or without write permission:
   * no lock can be made there, and none is needed, since this process cannot write it.
   */
  static notWritable(dir: string, identity: WorkspaceOwnerIdentity): WorkspaceLock {
    const owner: WorkspaceOwner = {
      app: 'War Room',
      pid: process.pid,
      hostname: hostname(),
      processStart: null,
      since: new Date().toISOString(),
      runtime: identity.runtime,
      label: identity.label,
      url: null,
    };
    return new WorkspaceLock(dir, owner, async () => undefined, false);
  }

  /** Take the lock or throw WorkspaceBusyError naming who has it. The folder must exist. */
  static async acquire(dir: string, identity: WorkspaceOwnerIdentity): Promise<WorkspaceLock> {
    const paths = workspaceLockPaths(dir);
    for (const path of [paths.lock, paths.gate]) await refuseNonFolder(path);
    let releaseGate: () => Promise<void>;
    try {
      releaseGate = await lockFolder(paths.gate, {
        realpath: false,
        lockfilePath: paths.gate,
        stale: TUNING.gateStaleMs,
        retries: TUNING.gateRetries,
        onCompromised: () => undefined,
      });
    } catch (error) {
      if (isErrno(error, 'ELOCKED')) throw new WorkspaceBusyError(dir, await readWorkspaceOwner(dir));
      throw ioError('lock the workspace', dir, error);
    }
    try {
      let holder: WorkspaceLock | null = null;
      const onCompromised = (error: Error) => holder?.markLost(error);
      const owner: WorkspaceOwner = {
        app: 'War Room',
        pid: process.pid,
        hostname: hostname(),
        processStart: processStart(),
        since: new Date().toISOString(),
        runtime: identity.runtime,
        label: identity.label,
        ...(identity.version ? { version: identity.version } : {}),
        url: null,
      };
      // The owner record is written (and fsync'd) before the lock is taken and renamed into
      // place just after: a kill in between leaves the record of the previous holder, whose
      // process is gone, so the next start still sees a dead owner and takes over.
      let prepared: string;
      try {
        prepared = await prepareFile(paths.owner, `${JSON.stringify(owner, null, 2)}\n`, 0o644);
      } catch (error) {
        throw ioError('write the lock owner record', paths.owner, error);
      }
      let unlock: () => Promise<void>;
      try {
        unlock = await takeLock(dir, onCompromised);
      } catch (error) {
        await rm(prepared, { force: true });
        throw error;
      }
      holder = new WorkspaceLock(dir, owner, unlock);
      try {
        await rename(prepared, paths.owner);
        await rm(paths.access, { force: true });
      } catch (error) {
        await rm(prepared, { force: true });
        await unlock().catch(() => undefined);
        throw ioError('write the lock owner record', paths.owner, error);
      }
      return holder;
    } finally {
      await releaseGate().catch(() => undefined);
    }
  }

  /** Set when another process took the lock over (this one stalled past the stale time): stop writing. */
  get lost(): WarRoomError | null {
    return this.lostError;
  }

  /** Hear once if the lock is lost. Returns an unsubscribe function. */
  onLost(listener: (error: WarRoomError) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /**
   * Say where this process serves the workspace: the URL (without its token) goes in the
   * owner record, the full URL with the token in the 0600 access file.
   */
  async publish(access: { readonly url: string; readonly accessUrl: string; readonly fingerprint?: string | null }): Promise<void> {
    if (this.released || this.lostError || !this.held) return;
    const paths = workspaceLockPaths(this.dir);
    this.owner = { ...this.owner, url: access.url };
    try {
      await writePrivately(
        paths.access,
        `${JSON.stringify({ pid: this.owner.pid, since: this.owner.since, url: access.accessUrl, fingerprint: access.fingerprint ?? null }, null, 2)}\n`,
        0o600,
      );
      await writePrivately(paths.owner, `${JSON.stringify(this.owner, null, 2)}\n`, 0o644);
    } catch (error) {
      throw ioError('write the lock owner record', paths.owner, error);
    }
  }

  /** Remove the owner records, then the lock. Safe to call twice; a lost lock's files are left to their new holder. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.lostError || !this.held) return;
    const paths = workspaceLockPaths(this.dir);
    await rm(paths.access, { force: true }).catch(() => undefined);
    // The lock goes first and the owner record after: a kill in between leaves a record that
    // names this (dead) process and no lock, never a lock that names nobody (a 30 s wait).
    await this.unlock().catch(() => undefined);
    const record = await readWorkspaceOwner(this.dir);
    if (record && record.pid === this.owner.pid && record.since === this.owner.since) await rm(paths.owner, { force: true }).catch(() => undefined);
  }

  private markLost(error: Error): void {
    if (this.released || this.lostError) return;
    this.lostError = new WarRoomError(
      'conflict',
      `War Room lost the lock on workspace ${this.dir} (${error.message}); it stopped writing to it. Another process may have taken it over: restart War Room.`,
      [{ file: workspaceLockPaths(this.dir).lock }],
      { cause: error },
    );
    for (const listener of this.lostListeners) listener(this.lostError);
  }
}

/** Read the owner record of a workspace (null when there is none or it cannot be read). */
export async function readWorkspaceOwner(dir: string): Promise<WorkspaceOwner | null> {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(await readFile(workspaceLockPaths(dir).owner, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Inside the gate: take proper-lockfile's lock, first removing one whose holder is known dead. */
async function takeLock(dir: string, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  const paths = workspaceLockPaths(dir);
  const attempt = () => lockFolder(paths.lock, { realpath: false, lockfilePath: paths.lock, stale: TUNING.staleMs, update: TUNING.updateMs, onCompromised });
  try {
    return await attempt();
  } catch (error) {
    if (!isErrno(error, 'ELOCKED')) throw ioError('lock the workspace', dir, error);
  }
  const owner = (await readWorkspaceOwner(dir)) ?? (await preparedOwnerOfLock(dir));
  if (!ownerIsGone(owner)) throw new WorkspaceBusyError(dir, owner);
  try {
    await rmdir(paths.lock);
  } catch (error) {
    if (!isErrno(error, 'ENOENT'))
      throw new WarRoomError(
        'conflict',
        `Could not take over ${paths.lock}, left by War Room pid ${owner?.pid ?? '?'} which has stopped (${(error as Error).message}): remove that folder by hand, then start again.`,
        [{ file: paths.lock }],
        { cause: error },
      );
  }
  try {
    return await attempt();
  } catch (error) {
    if (isErrno(error, 'ELOCKED')) throw new WorkspaceBusyError(dir, await readWorkspaceOwner(dir));
    throw ioError('lock the workspace', dir, error);
  }
}

/**
 * A lock without an owner record was taken by a process killed before it renamed its
 * prepared record into place (a live taker holds the gate, and we hold it now): that
 * prepared record names it. Returned only when every prepared record names a gone
 * process; they are removed then, being of no use to anyone.
 */
async function preparedOwnerOfLock(dir: string): Promise<WorkspaceOwner | null> {
  const prefix = `${basename(workspaceLockPaths(dir).owner)}.tmp-`;
  let names: string[];
  try {
    // Not this process's own record, prepared before it tried the lock.
    names = (await readdir(dir)).filter((name) => name.startsWith(prefix) && name !== `${prefix}${process.pid}`);
  } catch {
    return null;
  }
  const records: WorkspaceOwner[] = [];
  for (const name of names) {
    try {
      const parsed = ownerSchema.safeParse(JSON.parse(await readFile(join(dir, name), 'utf8')));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // A record cut short by the kill: it names nobody.
    }
  }
  if (records.length === 0 || !records.every(ownerIsGone)) return null;
  for (const name of names) await rm(join(dir, name), { force: true }).catch(() => undefined);
  return records[0]!;
}

/** True only when the holder was on this host and its process is gone: anything else waits for staleness. */
function ownerIsGone(owner: WorkspaceOwner | null): boolean {
  if (!owner || owner.hostname !== hostname() || owner.pid === process.pid) return false;
  return !processIsAlive(owner.pid, owner.processStart);
}

async function refuseNonFolder(path: string): Promise<void> {
  try {
    if ((await lstat(path)).isDirectory()) return;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw ioError('check the lock', path, error);
  }
  throw new WarRoomError('conflict', `${path} is a file, not War Room's lock folder: move it away, then start again.`, [{ file: path }]);
}

/** Write a small file beside `path` (temp + fsync) with this mode; returns the temp path, for a rename. */
async function prepareFile(path: string, text: string, mode: number): Promise<string> {
  const temp = `${path}.tmp-${process.pid}`;
  const handle = await open(temp, 'w', mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

/** Write a small file atomically (temp + fsync + rename) with this mode. */
async function writePrivately(path: string, text: string, mode: number): Promise<void> {
  const temp = await prepareFile(path, text, mode);
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** "workspace W is in use by War Room pid 4242 since 02:13, at http://127.0.0.1:5173/; open that, or stop it." */
export function busyMessage(dir: string, owner: WorkspaceOwner | null, now: Date = new Date()): string {
  if (!owner)
    return `workspace ${dir} is in use by another War Room process (its owner record ${workspaceLockPaths(dir).owner} cannot be read); stop it, or wait: a lock nobody refreshes is taken over after ${TUNING.staleMs / 1000} s.`;
  const since = formatSince(owner.since, now);
  const where = owner.hostname === hostname() ? '' : ` on host ${owner.hostname}`;
  if (owner.runtime === 'electron')
    return `workspace ${dir} is in use by the War Room desktop app, pid ${owner.pid}${where} since ${since}; switch to its window, or quit it.`;
  if (owner.runtime === 'browser') {
    if (owner.url) return `workspace ${dir} is in use by War Room pid ${owner.pid}${where} since ${since}, at ${owner.url}; open that, or stop it.`;
    return `workspace ${dir} is in use by War Room pid ${owner.pid}${where} since ${since} (${owner.label}, starting); open the URL it prints, or stop it.`;
  }
  return `workspace ${dir} is in use by War Room pid ${owner.pid}${where} since ${since} (${owner.label}); wait for it to finish, or stop it.`;
}

function formatSince(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return at.toDateString() === now.toDateString() ? time : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}
