/**
 * What a playbook needs from a release (its `requires:`), and what the release lacks.
 *
 * Why: the shipped rollback playbook ran in a new release and died on
 * `ENOENT .../releases/<slug>/sandbox/service.log`. A playbook that declares what it needs
 * is checked at import (the view says "needs the sandbox target: add it?" with a one-click
 * add) and at run start (refused with the same words), never half-way through a run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { UnmetRequirement } from '../../../contract/requests/playbook-requests';
import type { Playbook, PlaybookRequirement } from '../../../contract/domain/playbooks/playbook-model';
import { requirementsSchema } from '../../core/playbooks/playbook-yaml-schema';
import type { RunMode } from '../../../contract/domain/playbooks/run-events';
import type { Target } from '../../../contract/domain/release/release-meta';
import { WarRoomError } from '../../../contract/domain/errors';
import { findTarget } from './run-targets';

export type { UnmetRequirement };

/** The sandbox's state file: present once `sandboxctl init` has run in the folder. */
const SANDBOX_MARKER = 'current';

/**
 * The `requires:` of a playbook text: the YAML file's own key (already validated by the
 * parser, with line and column), or a Markdown runbook's YAML front matter (`---` ...
 * `---` at the top), checked here.
 */
export function readRequirements(text: string, format: 'yaml' | 'markdown', file: string): PlaybookRequirement[] {
  let declared: unknown;
  if (format === 'yaml') {
    declared = (parse(text, { maxAliasCount: 100 }) as { requires?: unknown } | null)?.requires;
  } else {
    const frontMatter = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text)?.[1];
    if (frontMatter === undefined) return [];
    try {
      declared = (parse(frontMatter, { maxAliasCount: 100 }) as { requires?: unknown } | null)?.requires;
    } catch {
      return []; // The runbook parser reports a broken front matter with its line.
    }
  }
  if (declared === undefined || declared === null) return [];
  const checked = requirementsSchema.safeParse(declared);
  if (!checked.success) {
    throw new WarRoomError('invalid-input', `playbook ${file}: 'requires' ${checked.error.issues[0]?.message ?? 'is not valid'}`, [
      { file, field: 'requires' },
    ]);
  }
  return checked.data.map((requirement) => ({ target: requirement.target, sandbox: requirement.sandbox ?? false }));
}

/** Where a target's sandbox files live: its WARROOM_SANDBOX, else the release's sandbox folder. */
export function sandboxDirOf(target: Target | undefined, releaseDir: string): string {
  return target?.env.WARROOM_SANDBOX ?? join(releaseDir, 'sandbox');
}

/** What `playbook` needs that the release does not have, for a run in `mode` (a dry run needs nothing). */
export function unmetRequirements(
  playbook: Playbook,
  mode: RunMode,
  context: { readonly targets: readonly Target[]; readonly releaseDir: string },
): UnmetRequirement[] {
  if (mode === 'dry-run') return [];
  const unmet: UnmetRequirement[] = [];
  for (const requirement of playbook.requires ?? []) {
    const target = findTarget(context.targets, requirement.target, mode);
    const what = requirement.sandbox ? `the ${requirement.target} target (War Room's local sandbox service)` : `the target "${requirement.target}"`;
    if (!target) {
      unmet.push({
        target: requirement.target,
        message: `needs ${what}, which this release does not have`,
        fix: requirement.sandbox ? 'add-sandbox' : null,
      });
      continue;
    }
    if (!requirement.sandbox) continue;
    if (target.environment !== 'sandbox') {
      unmet.push({
        target: requirement.target,
        message: `needs ${what}, but target "${target.id}" is a ${target.environment} target`,
        fix: null,
      });
      continue;
    }
    const dir = sandboxDirOf(target, context.releaseDir);
    if (!existsSync(join(dir, SANDBOX_MARKER))) {
      unmet.push({ target: requirement.target, message: `needs the sandbox service files in ${dir}, which are missing`, fix: 'add-sandbox' });
    }
  }
  return unmet;
}

/** Refuse a run whose playbook needs what the release lacks, before anything is journaled. */
export function checkRequirements(playbook: Playbook, mode: RunMode, context: { readonly targets: readonly Target[]; readonly releaseDir: string }): void {
  const unmet = unmetRequirements(playbook, mode, context);
  if (unmet.length === 0) return;
  const fixable = unmet.some((entry) => entry.fix === 'add-sandbox');
  throw new WarRoomError(
    'refused',
    `Playbook "${playbook.name}" (${playbook.source.file}) ${unmet.map((entry) => entry.message).join('; ')}. ${
      fixable ? 'Add the sandbox target from the Playbooks view (one click), or run a dry run.' : 'Add the target to the release, or run a dry run.'
    }`,
    [{ file: playbook.source.file, field: 'requires' }],
  );
}
