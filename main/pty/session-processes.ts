/**
 * End every process a terminal started: its session and the process groups in it.
 *
 * Why: a pty's shell leads a new session (node-pty calls setsid), and every job it
 * starts (`yes | cat > /dev/null &`, a `nohup`, a `trap "" HUP` loop) stays in that
 * session. Killing the shell alone orphans them (parent 1) and they run on, spinning a
 * core, long after the tab is gone. So closing a terminal walks /proc for every process
 * whose session is the shell's (or whose group belongs to it), sends SIGHUP (what a
 * closed terminal window sends), waits a grace period, and SIGKILLs what is left, again
 * and again until the session is empty (a process may fork while we look).
 *
 * What escapes: a process that called setsid(1) (or daemonized) has left the session and
 * its groups; we cannot tell it from any other process of the user, so it is not touched.
 * Where there is no /proc (macOS), only the shell's own process group is signalled.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Tuning of the end of a session's processes. */
export const SessionEndTuning = {
  /** Between SIGHUP and SIGKILL: a shell saves its history, an editor its swap file. */
  GraceMs: 1_500,
  /** How often /proc is walked while waiting: cheap (a few hundred small reads). */
  PollMs: 50,
  /** After SIGKILL, how long we keep looking for stragglers (a fork in flight) before we give up. */
  KillWindowMs: 2_000,
} as const;

/** One process as /proc/<pid>/stat says. */
export interface ProcessIdentity {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  /** 'Z' for a zombie: dead, waiting for its parent to reap it. */
  readonly state: string;
  /** Clock ticks after boot when it started: with the pid, it names one process for good. */
  readonly startTime: number;
}

/** What ending a session did. */
export interface SessionEndResult {
  /** Processes found in the session when we started. */
  readonly found: number;
  /** Processes that had to be SIGKILLed (they ignored or outlived SIGHUP). */
  readonly killed: number;
  /** Pids still alive at the end (should be empty; not ours to kill, or unkillable). */
  readonly survivors: readonly number[];
}

/** Whether this OS lets us find a session's processes (Linux's /proc). */
export function canWalkSessions(): boolean {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
}

/** Parse /proc/<pid>/stat: the command name may hold spaces and parentheses, so read after the last ')'. */
export function parseProcStat(text: string): ProcessIdentity | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open === -1 || close === -1) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const fields = text
    .slice(close + 1)
    .trim()
    .split(' ');
  const [state, ppid, pgid, sid, startTime] = [fields[0] ?? '', Number(fields[1]), Number(fields[2]), Number(fields[3]), Number(fields[19])];
  if (![pid, ppid, pgid, sid].every(Number.isInteger)) return undefined;
  return { pid, ppid, pgid, sid, state, startTime };
}

/** When process `pid` started (clock ticks after boot), if it exists: taken when a session starts. */
export function processStartTime(pid: number): number | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.startTime;
  } catch {
    return undefined;
  }
}

/**
 * The live processes of session `sid` and of the process groups its processes lead or
 * belong to (zombies excluded: they are dead, their parent reaps them).
 *
 * `leaderStart` is when the session's leader (pid `sid`) started: once every process of an
 * old session is gone the number may be handed to a new process that leads its own new
 * session; a leader with another start time means that, and nothing is returned.
 */
export function sessionProcesses(sid: number, leaderStart?: number): ProcessIdentity[] {
  const all: ProcessIdentity[] = [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const identity = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (identity) all.push(identity);
    } catch {
      // it ended while we looked
    }
  }
  const leader = all.find((identity) => identity.pid === sid);
  if (leader !== undefined && leaderStart !== undefined && leader.startTime !== leaderStart) return [];
  const groups = new Set(all.filter((identity) => identity.sid === sid).map((identity) => identity.pgid));
  return all.filter((identity) => identity.pid !== process.pid && identity.state !== 'Z' && (identity.sid === sid || groups.has(identity.pgid)));
}

/** Send `signal` to every process and group of the session; returns how many were found. */
export function signalSession(sid: number, signal: NodeJS.Signals, leaderStart?: number): number {
  // Never our own session (or init's): only a pty's session, which node-pty made with setsid.
  if (sid <= 1 || sid === ownSession()) return 0;
  if (!canWalkSessions()) {
    signalTarget(-sid, signal);
    signalTarget(sid, signal);
    return 1;
  }
  const found = sessionProcesses(sid, leaderStart);
  for (const pgid of new Set(found.map((identity) => identity.pgid))) if (pgid > 1 && pgid !== process.pid) signalTarget(-pgid, signal);
  for (const identity of found) signalTarget(identity.pid, signal);
  return found.length;
}

/**
 * End session `sid`: SIGHUP to all of it, up to `graceMs` for it to go, then SIGKILL to
 * whatever is left (and to what appears) until it is empty or `killWindowMs` has passed.
 */
export async function endSession(
  sid: number,
  leaderStart: number | undefined,
  tuning: { readonly GraceMs: number; readonly PollMs: number; readonly KillWindowMs: number } = SessionEndTuning,
): Promise<SessionEndResult> {
  if (sid <= 1 || sid === ownSession()) return { found: 0, killed: 0, survivors: [] };
  const walkable = canWalkSessions();
  const found = signalSession(sid, 'SIGHUP', leaderStart);
  // SIGCONT: a stopped job (Ctrl-Z) only sees the SIGHUP once it runs again.
  signalSession(sid, 'SIGCONT', leaderStart);
  if (!walkable) return { found, killed: 0, survivors: [] };
  const graceEnd = Date.now() + tuning.GraceMs;
  while (sessionProcesses(sid, leaderStart).length > 0 && Date.now() < graceEnd) await pause(tuning.PollMs);
  let killed = 0;
  const killEnd = Date.now() + tuning.KillWindowMs;
  const seen = new Set<number>();
  for (;;) {
    const left = sessionProcesses(sid, leaderStart);
    if (left.length === 0 || Date.now() >= killEnd) return { found, killed, survivors: left.map((identity) => identity.pid) };
    for (const identity of left) seen.add(identity.pid);
    killed = seen.size;
    signalSession(sid, 'SIGKILL', leaderStart);
    await pause(tuning.PollMs);
  }
}

/** SIGKILL the whole session now, without waiting (the process is about to exit). */
export function killSessionNow(sid: number, leaderStart?: number): void {
  signalSession(sid, 'SIGKILL', leaderStart);
}

let ownSid: number | undefined;

function ownSession(): number | undefined {
  if (ownSid === undefined && canWalkSessions()) ownSid = parseProcStat(readFileSync('/proc/self/stat', 'utf8'))?.sid;
  return ownSid;
}

function signalTarget(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // ESRCH: gone already; EPERM: not ours (a setuid program), nothing we may do
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
