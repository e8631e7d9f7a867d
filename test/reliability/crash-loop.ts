// The crash-loop harness: start the crash child (journaled playbooks, concurrent notes, a
// recorded terminal), SIGKILL it at a random moment, then check what a restarted War Room
// would find. Shared by the short run in `npm test` and the full run of `npm run test:crash`.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../main/core/workspace/workspace';
import { Release } from '../../main/core/release/release';
import { createReleaseEvents } from '../../contract/domain/release/release-meta';
import { verifyJournalBytes } from '../../main/core/journal/verify-journal';
import { markInterruptedRuns } from '../../main/core/playbooks/run-commands';
import { validateAsciicast } from '../../main/pty/asciicast-reader';
import { tempDir } from '../support/temp-dir';
import { seededRandom } from '../../main/core/support/seeded-random';

export const CrashLoopTuning = {
  /** Share of kills aimed at start-up (opening, repairing, replaying) rather than steady work. */
  earlyKillShare: 0.15,
  /** Early kills land within this many ms of the spawn (tsx start-up is ~1 s here). */
  earlyKillWindowMs: 1_500,
  /** Steady-state kills land within this many ms after the child reports it is ready. */
  lateKillWindowMs: 900,
  /**
   * Every Nth kill, a torn line is appended after the kill, as a power loss would leave
   * it (a SIGKILL alone never tears a small write() to a regular file on Linux): the
   * repair path must run often, not only when the scheduler is unlucky.
   */
  tornTailEvery: 4,
  /** A child that does not report ready in this time is a failure, not a slow machine. */
  readyTimeoutMs: 30_000,
} as const;

/** What one kill found; the harness throws on the first broken promise instead. */
export interface KillReport {
  readonly iteration: number;
  readonly early: boolean;
  readonly acknowledged: number;
  readonly head: number;
  readonly tornTailRepaired: boolean;
  readonly interruptedRuns: number;
  readonly castLines: number;
}

const child = new URL('./fixtures/crash-child.ts', import.meta.url).pathname;

/** Create a workspace with one release for the child to work in. */
export async function crashWorkspace(): Promise<{ dir: string; slug: string }> {
  const dir = tempDir('warroom-crash-');
  const workspace = await Workspace.open(dir);
  const release = await workspace.create(
    'Crash loop',
    'harness',
    createReleaseEvents({ name: 'Crash loop', version: '1.0.0', mode: 'rehearsal', zone: 'UTC', goLive: '2030-01-01T00:00:00Z', description: '' } as never, []),
  );
  const slug = release.slug;
  await workspace.close();
  return { dir, slug };
}

/** Run the child once and SIGKILL it at a random moment; resolves when it is dead. */
async function runAndKill(dir: string, slug: string, ackFile: string, iteration: number, random: () => number): Promise<boolean> {
  const early = random() < CrashLoopTuning.earlyKillShare;
  const recordings = join(dir, 'releases', slug, 'recordings');
  const castsBefore = new Set(castFiles(recordings));
  const host = spawn(process.execPath, ['--import', 'tsx', child, dir, slug, ackFile, String(iteration)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  host.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    let out = '';
    host.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve();
    });
    host.once('exit', (code, signal) => reject(new Error(`crash child ${iteration} exited (${code ?? signal}) before it was killed:\n${stderr}`)));
  });
  ready.catch(() => undefined);
  if (early) {
    await new Promise((resolve) => setTimeout(resolve, random() * CrashLoopTuning.earlyKillWindowMs));
  } else {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      ready,
      new Promise(
        (_resolve, reject) => (timer = setTimeout(() => reject(new Error(`crash child ${iteration} not ready:\n${stderr}`)), CrashLoopTuning.readyTimeoutMs)),
      ),
    ]).finally(() => clearTimeout(timer));
    // Steady work includes the recording: on a busy machine the recording thread (nice 10)
    // may not have written its first output line yet when "ready" arrives.
    await waitForRecordedOutput(recordings, castsBefore, iteration, () => stderr);
    await new Promise((resolve) => setTimeout(resolve, random() * CrashLoopTuning.lateKillWindowMs));
  }
  if (host.exitCode !== null) throw new Error(`crash child ${iteration} exited on its own (${host.exitCode}):\n${stderr}`);
  host.kill('SIGKILL');
  await exited;
  return early;
}

function castFiles(recordings: string): string[] {
  return existsSync(recordings) ? readdirSync(recordings).filter((file) => file.endsWith('.cast')) : [];
}

/** Wait until this child's recording (a file not in `before`) in the folder holds an output line past its header, or fail after readyTimeoutMs. */
async function waitForRecordedOutput(recordings: string, before: ReadonlySet<string>, iteration: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + CrashLoopTuning.readyTimeoutMs;
  const recorded = () =>
    castFiles(recordings)
      .filter((file) => !before.has(file))
      .some((file) => readFileSync(join(recordings, file), 'utf8').split('\n').length > 2);
  while (!recorded()) {
    if (Date.now() > deadline) throw new Error(`crash child ${iteration} recorded no output in ${CrashLoopTuning.readyTimeoutMs} ms:\n${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** "seq hash" lines the child wrote after each acknowledged append; a cut last line is ignored. */
function acknowledged(ackFile: string): Map<number, string> {
  const acks = new Map<number, string>();
  if (!existsSync(ackFile)) return acks;
  const text = readFileSync(ackFile, 'utf8');
  for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
    const [seq, hash] = line.split(' ');
    if (seq && hash) acks.set(Number(seq), hash);
  }
  return acks;
}

/** The half of a journal line: what a crash mid-write leaves at the end of the file. */
function tearTail(journal: string): void {
  appendFileSync(journal, '{"seq":999999,"ts":"2030-01-01T00:00:00.000Z","actor":"torn","type":"note.added","da');
}

/** Check every promise of a restart after a kill; throws an Error naming the broken one. */
async function checkAfterKill(dir: string, slug: string, ackFile: string, iteration: number, early: boolean, tear: boolean): Promise<KillReport> {
  const releaseDir = join(dir, 'releases', slug);
  const journalPath = join(releaseDir, 'journal.jsonl');
  const documentPath = join(releaseDir, 'release.json');
  if (tear) tearTail(journalPath);
  const fail = (what: string): never => {
    throw new Error(`kill ${iteration}: ${what} (workspace ${dir})`);
  };
  const before = verifyJournalBytes(readFileSync(journalPath));
  if (!before.ok && before.break) fail(`journal does not verify at seq ${before.break.seq}: ${before.break.reason}`);
  if (tear && !before.tornTail) fail('an appended half line was not seen as a torn tail');
  if (existsSync(documentPath)) {
    try {
      JSON.parse(readFileSync(documentPath, 'utf8'));
    } catch (error) {
      fail(`release.json does not parse after the kill: ${String(error)}`);
    }
  }

  const release = await Release.open(releaseDir, slug);
  try {
    const tornWarning = release.warnings.find((warning) => warning.message.includes('cut short'));
    if (before.tornTail && (!tornWarning || !existsSync(tornWarning.file))) fail('the torn tail was not kept aside');
    const after = verifyJournalBytes(readFileSync(journalPath));
    if (!after.ok || after.tornTail) fail('the journal does not verify after the repair');

    const history = release.events();
    const acks = acknowledged(ackFile);
    for (const [seq, hash] of acks) {
      if (history[seq - 1]?.hash !== hash) fail(`acknowledged event seq ${seq} is missing or changed (journal ends at ${release.head.seq})`);
    }

    const running = release.state.runs.runs.filter((run) => run.status === 'running').length;
    await release.execute('system', (state, context) => markInterruptedRuns(state.runs, context));
    const stillRunning = release.state.runs.runs.filter((run) => run.status === 'running');
    if (stillRunning.length > 0) fail(`run ${stillRunning[0]!.id} still shows as running after markInterruptedRuns`);
    await release.flush();
    const document = JSON.parse(readFileSync(documentPath, 'utf8')) as { journal: { seq: number } };
    if (document.journal.seq !== release.head.seq) fail(`release.json is anchored at seq ${document.journal.seq}, the journal ends at ${release.head.seq}`);

    let castLines = 0;
    const recordings = join(releaseDir, 'recordings');
    for (const name of castFiles(recordings)) {
      const text = readFileSync(join(recordings, name), 'utf8');
      const complete = text.slice(0, text.lastIndexOf('\n') + 1);
      if (complete.trim() === '') continue;
      const { problems } = validateAsciicast(complete);
      if (problems.length > 0) fail(`recording ${name} line ${problems[0]!.line}: ${problems[0]!.reason}`);
      castLines += complete.split('\n').length - 1;
    }
    return {
      iteration,
      early,
      acknowledged: acks.size,
      head: release.head.seq,
      tornTailRepaired: Boolean(before.tornTail),
      interruptedRuns: running,
      castLines,
    };
  } finally {
    await release.close();
  }
}

/** Kill the child `kills` times; every kill is followed by the full check. */
export async function runCrashLoop(options: { kills: number; seed: number; onKill?: (report: KillReport) => void }): Promise<KillReport[]> {
  const random = seededRandom(options.seed);
  const { dir, slug } = await crashWorkspace();
  const ackFile = join(dir, 'acknowledged.txt');
  const reports: KillReport[] = [];
  for (let iteration = 1; iteration <= options.kills; iteration += 1) {
    const early = await runAndKill(dir, slug, ackFile, iteration, random);
    const report = await checkAfterKill(dir, slug, ackFile, iteration, early, iteration % CrashLoopTuning.tornTailEvery === 0);
    reports.push(report);
    options.onKill?.(report);
  }
  return reports;
}
