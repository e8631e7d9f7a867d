import { accessSync, constants, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';

/** The facts a command lookup depends on, injectable so that the win32 rules are tested on any OS. */
export interface CommandLookup {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where a relative command is resolved (the target's working folder). */
  readonly cwd: string;
  /** Whether `path` is a file this user may run (default: a file with X_OK; on win32 any file). */
  readonly isRunnable?: (path: string) => boolean;
}

/** What Windows runs when PATHEXT is unset (cmd.exe's own default, shortened to what a target would name). */
const DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD';

/** A variable of `env` by name, case-insensitively on win32 (Windows spells it `Path` as often as `PATH`). */
function variable(env: CommandLookup['env'], name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

/**
 * The paths to try for `command`, in order: as given when it names a folder (absolute,
 * or relative to `cwd`), else in each PATH folder. On win32 the separators are `\` and
 * `/`, PATH is split on `;`, and a name without one of PATHEXT's extensions is tried with
 * each of them (`kubectl` -> `kubectl.EXE`), as cmd.exe does; a name with one is tried as is.
 */
export function commandCandidates(command: string, lookup: Omit<CommandLookup, 'isRunnable'>): string[] {
  const windows = lookup.platform === 'win32';
  const path = windows ? win32 : posix;
  const hasFolder = windows ? /[\\/]/.test(command) : command.includes('/');
  const bases = hasFolder
    ? [path.isAbsolute(command) ? command : path.join(lookup.cwd, command)]
    : (variable(lookup.env, 'PATH', lookup.platform) ?? '')
        .split(path.delimiter)
        .filter((folder) => folder !== '')
        .map((folder) => path.join(folder, command));
  if (!windows) return bases;
  const extensions = (variable(lookup.env, 'PATHEXT', lookup.platform) ?? DEFAULT_PATHEXT)
    .split(';')
    .map((extension) => extension.trim())
    .filter((extension) => extension.startsWith('.'));
  const given = path.extname(command).toUpperCase();
  const named = given !== '' && extensions.some((extension) => extension.toUpperCase() === given);
  return bases.flatMap((base) => (named ? [base] : extensions.map((extension) => base + extension)));
}

/** The first candidate that runs, or undefined. */
export function findCommand(command: string, lookup: CommandLookup): string | undefined {
  const runnable = lookup.isRunnable ?? (lookup.platform === 'win32' ? isFile : isExecutableFile);
  return commandCandidates(command, lookup).find((candidate) => runnable(candidate));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
