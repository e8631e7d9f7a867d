import { makeWorkspaceFolder } from '../core/workspace/workspace-folder';
import { WorkspaceLock } from '../core/workspace/workspace-lock';

/**
 * Run a CLI command that writes a workspace while holding its lock, released after.
 * Why: `import` or `repair` beside a running War Room would be a second writer; they
 * are refused (WorkspaceBusyError, exit 3) naming the process that has it.
 */
export async function withWorkspaceLock<T>(workspaceDir: string, label: string, work: () => Promise<T>): Promise<T> {
  await makeWorkspaceFolder(workspaceDir);
  const lock = await WorkspaceLock.acquire(workspaceDir, { runtime: 'cli', label });
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
