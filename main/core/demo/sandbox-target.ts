/**
 * War Room's local sandbox as a target of a release: a small HTTP service on loopback
 * whose release v2 is broken, controlled by assets/sandbox/sandboxctl.mjs.
 *
 * Why its own module: the demo release is not the only one that rehearses the shipped
 * rollback. Any rehearsal release can add the sandbox in one click: the folder
 * `<release>/sandbox` is initialised (v1 good, v2 current and broken) and the target
 * `sandbox` is journaled (target.saved), so the shipped rollback has what it needs.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Release } from '../release/release';
import type { Target } from '../../../contract/domain/release/release-meta';
import { WarRoomError, ioError } from '../../../contract/domain/errors';

const run = promisify(execFile);

/** The id every shipped playbook uses for the sandbox. */
export const SANDBOX_TARGET_ID = 'sandbox';

export interface SandboxOptions {
  /** The assets folder (sandbox service and its control script). */
  readonly assetsDir: string;
  /** A Node binary and the environment that makes it behave as Node (Electron: ELECTRON_RUN_AS_NODE). */
  readonly node: { readonly execPath: string; readonly env: NodeJS.ProcessEnv };
  readonly actor: string;
}

/** The sandbox target of a release whose files live in `sandboxDir`. */
export function sandboxTarget(sandboxDir: string): Target {
  return {
    id: SANDBOX_TARGET_ID,
    name: 'sandbox (local)',
    environment: 'sandbox',
    command: process.env.SHELL && process.platform !== 'win32' ? process.env.SHELL : process.platform === 'win32' ? 'powershell.exe' : '/bin/bash',
    args: [],
    cwd: sandboxDir,
    env: { WARROOM_SANDBOX: sandboxDir },
    color: '#3fb950',
  };
}

/**
 * Give the release the local sandbox: initialise its files (unless already there) and save
 * the target (unless the release already has it). Refuses when the release's `sandbox`
 * target is something else (a staging or production target of that name).
 */
export async function addSandboxTarget(release: Release, options: SandboxOptions): Promise<{ target: Target; sandboxDir: string; added: boolean }> {
  const existing = release.state.meta?.targets.find((target) => target.id === SANDBOX_TARGET_ID);
  if (existing && existing.environment !== 'sandbox') {
    throw new WarRoomError(
      'conflict',
      `This release already has a target "${SANDBOX_TARGET_ID}" and it is a ${existing.environment} target; rename it before adding War Room's local sandbox.`,
      [{ field: 'targetId' }],
    );
  }
  const sandboxDir = existing?.env.WARROOM_SANDBOX ?? join(release.dir, 'sandbox');
  try {
    await mkdir(sandboxDir, { recursive: true });
  } catch (error) {
    throw ioError('create the sandbox folder', sandboxDir, error);
  }
  if (!existsSync(join(sandboxDir, 'current'))) {
    try {
      await run(options.node.execPath, [join(options.assetsDir, 'sandbox', 'sandboxctl.mjs'), 'init', 'v2', '--dir', sandboxDir], { env: options.node.env });
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr?.trim() || (error instanceof Error ? error.message : String(error));
      throw new WarRoomError('internal', `Could not initialise the sandbox in ${sandboxDir}: ${detail}`);
    }
  }
  const target = existing ?? sandboxTarget(sandboxDir);
  if (!existing) await release.execute(options.actor, () => [{ type: 'target.saved', data: target }]);
  return { target, sandboxDir, added: !existing };
}
