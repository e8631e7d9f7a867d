/**
 * Resolve where and with which environment a step's command runs; describe it for dry runs.
 *
 * Why environment variables only: a variable's value is never spliced into the shell
 * text, so a value like `$(rm -rf ~)` reaches the command as a string in $NAME. The
 * environment is built from entries (not object spreading of user keys) so no name can
 * reach an object's prototype.
 */
import type { CheckStep, Playbook, RunStep } from '../../../contract/domain/playbooks/playbook-model';

/** Where commands run: the framework maps target names (and rehearsal targets) to this. */
export interface TargetBinding {
  readonly name: string;
  readonly environmentClass: 'production' | 'staging' | 'sandbox' | 'local';
  /** Environment the target adds (KUBECONFIG, WARROOM_SANDBOX...). */
  readonly env: Readonly<Record<string, string>>;
  /** Folder commands run in unless a step says otherwise. */
  readonly cwd: string;
}

/** A command as it will run (or, in a dry run, as it would). */
export interface ResolvedCommand {
  readonly command: string;
  readonly target: string;
  readonly environmentClass: TargetBinding['environmentClass'];
  readonly cwd: string;
  /** The variables and step environment given to the command (not the inherited ones). */
  readonly env: Readonly<Record<string, string>>;
  /** Everything the process gets: inherited environment, target, variables, step. */
  readonly fullEnv: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

/** Build the command, environment and folder of a run or check step. */
export function resolveCommand(
  step: RunStep | CheckStep,
  command: string,
  playbook: Playbook,
  variables: ReadonlyMap<string, string>,
  target: TargetBinding,
  inherited: Readonly<Record<string, string | undefined>>,
): ResolvedCommand {
  const own = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(target.env)) define(own, name, value);
  for (const [name, value] of variables) define(own, name, value);
  for (const entry of step.env) define(own, entry.name, entry.value);
  define(own, 'WARROOM_PLAYBOOK', playbook.name);
  define(own, 'WARROOM_STEP', step.id);
  define(own, 'WARROOM_TARGET', target.name);
  const fullEnv = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(inherited)) if (value !== undefined) define(fullEnv, name, value);
  for (const [name, value] of Object.entries(own)) define(fullEnv, name, value);
  return {
    command,
    target: target.name,
    environmentClass: target.environmentClass,
    cwd: step.cwd === undefined ? target.cwd : resolveFolder(target.cwd, step.cwd),
    env: own,
    fullEnv,
    timeoutMs: step.timeoutMs,
  };
}

/** One line per command for a dry run: what would run, where, with what. */
export function describeCommand(resolved: ResolvedCommand): string {
  const env = Object.entries(resolved.env)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(' ');
  return `[${resolved.target} (${resolved.environmentClass})] in ${resolved.cwd}${env ? ` with ${env}` : ''}: ${resolved.command}`;
}

function define(record: Record<string, string>, name: string, value: string): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}

function resolveFolder(base: string, folder: string): string {
  if (folder.startsWith('/')) return folder;
  return `${base.replace(/\/+$/, '')}/${folder}`;
}
