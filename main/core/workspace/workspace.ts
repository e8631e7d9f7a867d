import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { Release } from '../release/release';
import type { DomainEvent } from '../../../contract/domain/release/domain-event';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';
import { moveAside as moveFileAside } from '../support/durable-files';
import { makeFolder } from '../support/make-folder';
import { cleanStaleImports } from '../report/import-staging';
import { SLUG_PATTERN, slugify, uniqueSlug } from '../../../contract/domain/workspace/slug';
import type { ReleaseListing } from '../../../contract/domain/workspace/release-listing';
import { makeWorkspaceFolder } from './workspace-folder';
import { WorkspaceLock, type WorkspaceOwnerIdentity } from './workspace-lock';

export type { ReleaseListing };

const settingsSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  operator: z.string().trim().min(1).max(80),
  /** Set once the user typed their name; the default (the OS login, often "root") is not a name for the journal. */
  operatorNamed: z.boolean().optional(),
});
export type WorkspaceSettings = z.output<typeof settingsSchema>;

export interface WorkspaceOpenOptions {
  /** Runs once, when the workspace folder is new (first start): e.g. seeds the demo release. */
  readonly onFirstStart?: (workspace: Workspace) => Promise<void>;
  /** Who opens it, for the lock's owner record (a second writer's refusal names it). */
  readonly owner?: WorkspaceOwnerIdentity;
}

const DEFAULT_OWNER: WorkspaceOwnerIdentity = { runtime: 'cli', label: 'a War Room process' };

/**
 * The workspace folder: workspace.json, calendar/ and releases/<slug>/.
 *
 * Releases are opened lazily and kept open (one journal writer per release). A release
 * that cannot be opened (a journal that does not verify) stays listed with its error,
 * and nothing in its folder is touched.
 *
 * Opening takes the workspace's exclusive lock (one writer per workspace: two would fork
 * the journals); `close` releases it. If the lock is lost while open (another process
 * took it over), the workspace stops writing: its journals close, and every later
 * request is refused with the reason.
 */
export class Workspace {
  private readonly open = new Map<string, Promise<Release>>();
  readonly warnings: string[] = [];

  private constructor(
    readonly dir: string,
    private readonly settingsDb: Low<WorkspaceSettings>,
    /** The workspace's exclusive lock, held from open to close. */
    readonly lock: WorkspaceLock,
  ) {
    lock.onLost(() => {
      const releases = [...this.open.values()];
      this.open.clear();
      for (const opening of releases) void opening.then((release) => release.abandon()).catch(() => undefined);
    });
  }

  static async open(dir: string, options: WorkspaceOpenOptions = {}): Promise<Workspace> {
    await makeWorkspaceFolder(dir);
    const identity = options.owner ?? DEFAULT_OWNER;
    let lock: WorkspaceLock;
    try {
      lock = await WorkspaceLock.acquire(dir, identity);
    } catch (error) {
      // A workspace nobody can write here (read-only disk, no permission) is opened to be read:
      // every change fails with its own clear error, so there is no second writer to fear.
      if (!(error instanceof WarRoomError) || !['EROFS', 'EACCES', 'EPERM'].some((code) => isErrno(error.cause, code))) throw error;
      lock = WorkspaceLock.notWritable(dir, identity);
    }
    try {
      return await Workspace.openLocked(dir, lock, options);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private static async openLocked(dir: string, lock: WorkspaceLock, options: WorkspaceOpenOptions): Promise<Workspace> {
    const settingsPath = join(dir, 'workspace.json');
    let firstStart = false;
    try {
      await makeFolder(join(dir, 'releases'));
      await makeFolder(join(dir, 'calendar'));
    } catch (error) {
      throw ioError('create the workspace folder', dir, error);
    }
    const warnings: string[] = [];
    // Imports killed midway leave hidden staging folders: they are removed here, never shown.
    await cleanStaleImports(join(dir, 'releases')).catch((error: unknown) =>
      warnings.push(`Could not remove unfinished imports in ${join(dir, 'releases')}: ${error instanceof Error ? error.message : String(error)}`),
    );
    let settings: WorkspaceSettings | null = null;
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(await readFile(settingsPath, 'utf8')));
      if (parsed.success) settings = parsed.data;
      else warnings.push(await moveAside(settingsPath, 'it is not a War Room workspace document'));
    } catch (error) {
      // A folder that already holds releases (a bundle imported before the first start) is not new: no demo is added to it.
      if (isErrno(error, 'ENOENT')) firstStart = !(await holdsReleases(join(dir, 'releases')));
      else if (error instanceof SyntaxError) warnings.push(await moveAside(settingsPath, `it is not valid JSON (${error.message})`));
      else throw ioError('read', settingsPath, error);
    }
    const db = new Low<WorkspaceSettings>(
      new JSONFile<WorkspaceSettings>(settingsPath),
      settings ?? {
        format: 1,
        createdAt: new Date().toISOString(),
        operator: defaultOperator(),
      },
    );
    if (!settings) {
      try {
        await db.write();
      } catch (error) {
        throw ioError('write', settingsPath, error);
      }
    }
    const workspace = new Workspace(dir, db, lock);
    if (!lock.held)
      warnings.push(`The workspace ${dir} cannot be written (a read-only disk or no permission): it is open to be read, and every change will fail.`);
    workspace.warnings.push(...warnings);
    if (firstStart && options.onFirstStart) {
      try {
        await options.onFirstStart(workspace);
      } catch (error) {
        await workspace.closeReleases();
        throw error;
      }
    }
    return workspace;
  }

  get settings(): WorkspaceSettings {
    return this.settingsDb.data;
  }

  get releasesDir(): string {
    return join(this.dir, 'releases');
  }

  async setOperator(operator: string): Promise<void> {
    const parsed = settingsSchema.shape.operator.safeParse(operator);
    if (!parsed.success) throw new WarRoomError('invalid-input', 'The operator name must be 1 to 80 characters.', [{ field: 'operator' }]);
    this.settingsDb.data = { ...this.settingsDb.data, operator: parsed.data, operatorNamed: true };
    try {
      await this.settingsDb.write();
    } catch (error) {
      throw ioError('write', join(this.dir, 'workspace.json'), error);
    }
  }

  /** Every release folder, newest go-live first; broken ones carry their error. */
  async list(): Promise<ReleaseListing[]> {
    const slugs = await this.slugs();
    const listings = await Promise.all(
      slugs.map(async (slug): Promise<ReleaseListing | null> => {
        try {
          const release = await this.get(slug);
          const meta = release.state.meta;
          if (!meta) return null;
          const follow = release.follow;
          return {
            slug,
            name: meta.name,
            version: meta.version,
            mode: meta.mode,
            goLive: meta.goLive,
            zone: meta.zone,
            ...(follow ? { following: { source: follow.source, state: follow.state } } : {}),
          };
        } catch (error) {
          return { slug, name: slug, version: '', mode: 'rehearsal', goLive: '', zone: 'UTC', error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    return listings.filter((listing): listing is ReleaseListing => listing !== null).sort((a, b) => b.goLive.localeCompare(a.goLive));
  }

  /** The open release with this slug (opened on first use). */
  get(slug: string): Promise<Release> {
    if (this.lock.lost) return Promise.reject(this.lock.lost);
    if (!SLUG_PATTERN.test(slug))
      return Promise.reject(new WarRoomError('invalid-input', `"${slug}" is not a release name that War Room creates.`, [{ field: 'slug' }]));
    const existing = this.open.get(slug);
    if (existing) return existing;
    const opening = (async () => {
      const dir = join(this.releasesDir, slug);
      try {
        await stat(join(dir, 'journal.jsonl'));
      } catch (error) {
        if (isErrno(error, 'ENOENT')) throw new WarRoomError('not-found', `There is no release "${slug}" in ${this.releasesDir}.`, [{ file: dir }]);
        throw ioError('open the release', dir, error);
      }
      return Release.open(dir, slug);
    })();
    this.open.set(slug, opening);
    opening.catch(() => this.open.delete(slug));
    return opening;
  }

  /** Create a release folder from its first events; the slug comes from the name. */
  async create(name: string, actor: string, firstEvents: readonly DomainEvent[]): Promise<Release> {
    if (this.lock.lost) throw this.lock.lost;
    const slug = uniqueSlug(slugify(name), new Set(await this.slugs()));
    const creating = Release.create(join(this.releasesDir, slug), slug, actor, firstEvents);
    this.open.set(slug, creating);
    creating.catch(() => this.open.delete(slug));
    return creating;
  }

  /** Close every open release (flushes release.json), then release the workspace's lock. */
  async close(): Promise<void> {
    try {
      await this.closeReleases();
    } finally {
      await this.lock.release();
    }
  }

  private async closeReleases(): Promise<void> {
    const releases = await Promise.allSettled(this.open.values());
    this.open.clear();
    await Promise.all(releases.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
  }

  private async slugs(): Promise<string[]> {
    try {
      const entries = await readdir(this.releasesDir, { withFileTypes: true });
      return entries.filter((entry) => entry.isDirectory() && SLUG_PATTERN.test(entry.name)).map((entry) => entry.name);
    } catch (error) {
      throw ioError('list the releases in', this.releasesDir, error);
    }
  }
}

async function moveAside(path: string, reason: string): Promise<string> {
  const movedTo = await moveFileAside(path);
  return `${path} could not be read: ${reason}. It was moved to ${movedTo} and a new one was written.`;
}

/** True when a releases folder holds at least one release folder (hidden staging folders do not count). */
async function holdsReleases(releasesDir: string): Promise<boolean> {
  try {
    return (await readdir(releasesDir)).some((name) => SLUG_PATTERN.test(name));
  } catch {
    return false;
  }
}

function defaultOperator(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}
