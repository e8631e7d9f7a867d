/**
 * Map the target names of a playbook to the targets of a release, per run mode.
 *
 * Why here and not in the playbook: the same rollback runs against production live and
 * against a sandbox in rehearsal. A rehearsal uses the target `<name>-rehearsal` when the
 * release has one, and never a production target; a dry run shows unknown targets as
 * such (nothing runs). Every step also gets WARROOM_ASSETS, WARROOM_SANDBOX and
 * WARROOM_NODE, so shipped playbooks find the app's tools without a `node` on PATH.
 */
import { join } from 'node:path';
import type { Playbook } from '../../../contract/domain/playbooks/playbook-model';
import type { RunMode } from '../../../contract/domain/playbooks/run-events';
import type { TargetBinding } from '../../core/playbooks/step-environment';
import type { Target } from '../../../contract/domain/release/release-meta';
import { WarRoomError } from '../../../contract/domain/errors';

export interface TargetContext {
  readonly targets: readonly Target[];
  readonly releaseDir: string;
  readonly assetsDir: string;
  /** The Node binary steps use as $WARROOM_NODE (Electron runs itself as Node). */
  readonly nodeExecPath: string;
}

/** The release target a playbook target name runs on in `mode`, or undefined. */
export function findTarget(targets: readonly Target[], name: string, mode: RunMode): Target | undefined {
  const byName = (wanted: string) => targets.find((target) => target.id === wanted) ?? targets.find((target) => target.name === wanted);
  if (mode === 'rehearsal') return byName(`${name}-rehearsal`) ?? byName(name);
  return byName(name);
}

/** Check, before anything is journaled, that every step's target exists and fits the mode. */
export function checkTargets(playbook: Playbook, mode: RunMode, context: TargetContext): void {
  if (mode === 'dry-run') return;
  const names = new Set<string>();
  for (const step of playbook.steps) if (step.kind === 'run' || step.kind === 'check') names.add(step.target ?? playbook.target ?? '');
  for (const name of names) {
    if (name === '') continue;
    const target = findTarget(context.targets, name, mode);
    if (!target) {
      const known = context.targets.map((candidate) => candidate.id).join(', ') || 'none';
      throw new WarRoomError(
        'refused',
        `Playbook "${playbook.name}" runs on target "${name}", which this release does not define (its targets: ${known}). Add the target or run a dry run.`,
        [{ file: playbook.source.file, field: 'target' }],
      );
    }
    if (mode === 'rehearsal' && target.environment === 'production') {
      throw new WarRoomError(
        'refused',
        `A rehearsal never runs against production: target "${target.id}" is a production target. Add a target "${name}-rehearsal" (sandbox or staging) for rehearsals.`,
        [{ field: 'mode' }],
      );
    }
  }
}

/** Build the runner's `resolveTarget` for a release. */
export function targetResolver(context: TargetContext): (name: string | undefined, mode: RunMode) => TargetBinding {
  return (name, mode) => {
    const target = name === undefined ? undefined : findTarget(context.targets, name, mode);
    const env: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, value] of Object.entries(target?.env ?? {})) env[key] = value;
    env.WARROOM_ASSETS = context.assetsDir;
    env.WARROOM_SANDBOX = target?.env.WARROOM_SANDBOX ?? join(context.releaseDir, 'sandbox');
    env.WARROOM_NODE = context.nodeExecPath;
    if (!target) {
      return { name: name === undefined ? 'local' : `${name} (not defined in this release)`, environmentClass: 'local', env, cwd: context.releaseDir };
    }
    return { name: target.id, environmentClass: target.environment, env, cwd: target.cwd ?? context.releaseDir };
  };
}
