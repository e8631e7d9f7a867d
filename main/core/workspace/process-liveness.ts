import { readFileSync } from 'node:fs';

/**
 * When this process started, as the kernel counts it (clock ticks since boot), or null
 * where /proc is not there. Why: a pid alone can be reused after a crash; the pair
 * (pid, start) names one process for the life of the machine.
 */
export function processStart(pid: number = process.pid): string | null {
  return readProcStat(pid)?.start ?? null;
}

/**
 * True when the process is still running (and is the one that started at `start`, when
 * known). A zombie (dead, not yet reaped by its parent) counts as gone: it holds nothing.
 */
export function processIsAlive(pid: number, start: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, it is another user's.
    if ((error as { code?: unknown }).code !== 'EPERM') return false;
  }
  const stat = readProcStat(pid);
  if (!stat) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return start === null || stat.start === start;
}

function readProcStat(pid: number): { state: string; start: string } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const start = fields[19];
  return state && start ? { state, start } : null;
}
