import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the workspace lives when War Room runs under Node (browser mode, CLI):
 * the --workspace flag, else WARROOM_HOME, else ~/.warroom. (Electron passes
 * userData/workspace itself.)
 */
export function resolveWorkspaceDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (flag && flag.trim() !== '') return resolve(flag);
  if (env.WARROOM_HOME && env.WARROOM_HOME.trim() !== '') return resolve(env.WARROOM_HOME);
  return join(home, '.warroom');
}
