import { join } from 'node:path';
import { z } from 'zod';
import type { Target } from '../../../contract/domain/release/release-meta';
import { targetSchema } from '../../../contract/domain/release/release-meta';
import { WarRoomError } from '../../../contract/domain/errors';
import type { LibraryTarget } from '../../../contract/domain/workspace/target-library-model';
import { WorkspaceDocument } from './workspace-document';

export type { LibraryTarget };

const libraryTargetSchema = targetSchema.extend({ savedBy: z.string(), savedAt: z.string() });
const documentSchema = z.object({ format: z.literal(1), targets: z.array(libraryTargetSchema) });

type TargetLibraryData = z.output<typeof documentSchema>;

export const TARGET_LIBRARY_LIMITS = {
  /** A team's clusters, bastions and sandboxes, not an inventory. */
  maxTargets: 500,
} as const;

/** Where the library lives in a workspace. */
export function targetLibraryFile(workspaceDir: string): string {
  return join(workspaceDir, 'targets.json');
}

/**
 * The workspace's target library: connection profiles (prod-eu over kubectl, the bastion
 * over ssh, a sandbox shell) saved once and added to every release that needs them.
 *
 * A release keeps its own copy of each target it uses (journaled as target.saved), so a
 * post-mortem shows the command that was really run even if the library changed since.
 * Stored as `<workspace>/targets.json`, written durably on every change.
 */
export class WorkspaceTargets {
  private constructor(private readonly document: WorkspaceDocument<TargetLibraryData>) {}

  static async open(file: string): Promise<WorkspaceTargets> {
    const document = await WorkspaceDocument.open<TargetLibraryData>({
      file,
      schema: documentSchema,
      empty: () => ({ format: 1, targets: [] }),
      kind: 'a War Room target library',
      recovery: 'an empty library was started; the releases keep their own copies of the targets they use',
    });
    return new WorkspaceTargets(document);
  }

  get file(): string {
    return this.document.file;
  }

  /** Problems met while opening (an unreadable library moved aside). */
  get warnings(): readonly string[] {
    return this.document.warnings;
  }

  /** The saved targets, by name. */
  list(): readonly LibraryTarget[] {
    return [...this.document.data.targets].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  onChange(listener: () => void): () => void {
    return this.document.onChange(listener);
  }

  /** Save a target (a new id adds it, a known id replaces it). */
  save(actor: string, target: Target): Promise<LibraryTarget> {
    return this.document.change((data, now) => {
      const parsed = targetSchema.strict().safeParse(target);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = `target.${issue?.path.join('.') ?? ''}`;
        throw new WarRoomError('invalid-input', `'${field}' ${issue?.message ?? 'is invalid'}`, [{ field }]);
      }
      const others = data.targets.filter((existing) => existing.id !== parsed.data.id);
      if (others.length >= TARGET_LIBRARY_LIMITS.maxTargets) {
        throw new WarRoomError('refused', `The workspace target library holds ${TARGET_LIBRARY_LIMITS.maxTargets} targets already; remove unused ones first.`, [
          { file: this.file },
        ]);
      }
      const saved: LibraryTarget = { ...parsed.data, savedBy: actor, savedAt: now };
      return { data: { ...data, targets: [...others, saved] }, result: saved };
    });
  }

  remove(id: string): Promise<void> {
    return this.document.change((data) => {
      if (!data.targets.some((target) => target.id === id)) {
        throw new WarRoomError('not-found', `There is no target '${id}' in the workspace library (${this.file}).`, [{ field: 'id' }]);
      }
      return { data: { ...data, targets: data.targets.filter((target) => target.id !== id) }, result: undefined };
    });
  }
}
