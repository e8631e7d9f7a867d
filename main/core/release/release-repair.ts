import { open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { anchorProblem, readAnchor, type JournalAnchor } from '../journal/journal-anchor';
import { verifyJournalFile } from '../journal/journal';
import { encodeData, encodeEvent, type JournalEvent } from '../journal/journal-format';
import { ioError } from '../../../contract/domain/errors';
import { writeDurably } from '../support/durable-files';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { RELEASE_EVENTS, releaseEventDataSchemas } from '../../../contract/domain/release/release-meta';
import { releasePaths } from './release';
import { replayRelease } from './release-state';

/** The event a repair appends: where the journal broke, what was moved aside, and why. */
export const REPAIRED_EVENT = RELEASE_EVENTS.journalRepaired;

/** What `warroom repair` found, and what it would do. */
export type RepairPlan =
  | { readonly kind: 'verifies'; readonly journal: string; readonly events: number; readonly tornTailBytes: number }
  | {
      readonly kind: 'repair';
      readonly dir: string;
      readonly journal: string;
      /** Bytes of the journal as found. */
      readonly originalBytes: number;
      /** The verified prefix kept: its length in bytes and its events. */
      readonly keptBytes: number;
      readonly keptEvents: number;
      /** The first seq that cannot be trusted, and why. */
      readonly breakSeq: number;
      readonly reason: string;
      /** Where the bytes after the break go (none when nothing is cut: a truncated or re-chained journal). */
      readonly cutFile: string | null;
      readonly movedBytes: number;
      readonly anchorBefore: JournalAnchor | null;
    }
  | {
      /** A repair stopped after writing its journal and before release.json: only the anchor is left to write. */
      readonly kind: 'reanchor';
      readonly dir: string;
      readonly journal: string;
      readonly anchorBefore: JournalAnchor | null;
      readonly head: JournalAnchor;
    };

/** What a repair did. */
export interface RepairResult {
  readonly event: JournalEvent | null;
  readonly cutFile: string | null;
  readonly documentKept: string | null;
  readonly head: JournalAnchor;
}

/**
 * Look at a release folder and say what a repair would do; changes nothing.
 *
 * A journal that breaks keeps its verified prefix; everything from the first bad line
 * on is moved aside. A journal that chains but disagrees with release.json (cut at a
 * line boundary, or re-chained after an edit) keeps every line; a torn last line, if
 * any, is moved aside.
 */
export async function planRepair(dir: string, now: Date = new Date()): Promise<RepairPlan> {
  const paths = releasePaths(dir);
  const verification = await verifyJournalFile(paths.journal);
  const anchor = await readAnchor(paths.document);
  const cutFile = `${paths.journal}.cut-${now.toISOString().replace(/[:.]/g, '-')}`;
  const { bytes } = verification;
  if (!verification.ok && verification.break) {
    const { seq, line, reason } = verification.break;
    return {
      kind: 'repair',
      dir,
      journal: paths.journal,
      originalBytes: bytes.length,
      keptBytes: verification.goodBytes,
      keptEvents: verification.count,
      breakSeq: seq,
      reason: `line ${line}: ${reason}`,
      cutFile,
      movedBytes: bytes.length - verification.goodBytes,
      anchorBefore: anchor,
    };
  }
  // A repair that stopped between its journal and release.json: the journal ends with its
  // event, and release.json still holds the anchor that event says it replaced.
  const last = lastEvent(bytes, verification.goodBytes);
  if (last?.type === REPAIRED_EVENT && anchor?.seq !== verification.head.seq) {
    // Read leniently: repair must work on any journal, so a repaired line that does not fit means "no anchor before".
    const repaired = releaseEventDataSchemas[REPAIRED_EVENT].safeParse(last.data);
    const before = repaired.success ? (repaired.data.anchorBefore ?? null) : null;
    if (sameAnchor(before, anchor)) return { kind: 'reanchor', dir, journal: paths.journal, anchorBefore: anchor, head: verification.head };
  }
  const problem = anchorProblem(bytes, verification, anchor);
  const tornTailBytes = verification.tornTail?.length ?? 0;
  if (!problem) return { kind: 'verifies', journal: paths.journal, events: verification.count, tornTailBytes };
  return {
    kind: 'repair',
    dir,
    journal: paths.journal,
    originalBytes: bytes.length,
    keptBytes: verification.goodBytes,
    keptEvents: verification.count,
    breakSeq: problem.seq,
    reason: problem.reason,
    cutFile: tornTailBytes > 0 ? cutFile : null,
    movedBytes: tornTailBytes,
    anchorBefore: anchor,
  };
}

/**
 * Carry out a plan: the bytes after the break go to the .cut file (fsync'd, never over
 * another file), the journal becomes the verified prefix plus one `journal.repaired`
 * event (written beside and renamed over, so a crash leaves the old or the new journal),
 * and release.json is rebuilt from it, the old one kept aside. Nothing is deleted.
 */
export async function applyRepair(plan: Exclude<RepairPlan, { kind: 'verifies' }>, actor: string, now: Date = new Date()): Promise<RepairResult> {
  const paths = releasePaths(plan.dir);
  if (plan.kind === 'reanchor') {
    const { bytes, goodBytes } = await verifyJournalFile(paths.journal);
    const kept = await writeDocument(paths.document, parseEvents(bytes, goodBytes), plan.head, now);
    return { event: null, cutFile: null, documentKept: kept, head: plan.head };
  }
  const { bytes } = await verifyJournalFile(paths.journal);
  if (bytes.length !== plan.originalBytes) throw ioError('repair', paths.journal, new Error('the journal changed since the plan was made; run repair again'));
  await removeLeftovers(paths.journal);
  let cutFile = plan.cutFile;
  if (cutFile && plan.movedBytes > 0) {
    const tail = bytes.subarray(plan.keptBytes);
    // A repair killed after its .cut file and before its journal: that file already holds these bytes.
    const earlier = await findCut(paths.journal, tail);
    if (earlier) cutFile = earlier;
    else
      try {
        await writeNew(cutFile, tail);
      } catch (error) {
        throw ioError('move the broken part of the journal aside to', cutFile, error);
      }
  }
  const kept = bytes.subarray(0, plan.keptBytes);
  const events = parseEvents(kept, kept.length);
  const head = events.at(-1);
  const prev = head?.hash ?? '0'.repeat(64);
  const data = {
    text: `Journal repaired: it broke at seq ${plan.breakSeq}, ${plan.reason}. ${plan.movedBytes} bytes were moved aside${cutFile && plan.movedBytes > 0 ? ` to ${basename(cutFile)}` : ''}.`,
    breakSeq: plan.breakSeq,
    reason: plan.reason,
    movedBytes: plan.movedBytes,
    cutFile: cutFile && plan.movedBytes > 0 ? basename(cutFile) : null,
    keptEvents: plan.keptEvents,
    anchorBefore: plan.anchorBefore,
  };
  const encoded = encodeEvent(plan.keptEvents + 1, now.toISOString(), actor, REPAIRED_EVENT, data, encodeData(data), prev);
  const temp = `${paths.journal}.repair-${process.pid}`;
  try {
    await writeDurably(temp, Buffer.concat([kept, Buffer.from(encoded.line, 'utf8')]));
    await rename(temp, paths.journal);
    await syncFolder(plan.dir);
  } catch (error) {
    await rm(temp, { force: true });
    throw ioError('write the repaired journal', paths.journal, error);
  }
  const newHead = { seq: encoded.event.seq, hash: encoded.event.hash };
  const documentKept = await writeDocument(paths.document, [...events, encoded.event], newHead, now);
  return { event: encoded.event, cutFile: data.cutFile ? cutFile : null, documentKept, head: newHead };
}

/** release.json rebuilt from the journal; the old one is renamed aside, never overwritten. Returns where it went. */
async function writeDocument(path: string, events: readonly JournalEvent[], head: JournalAnchor, now: Date): Promise<string | null> {
  const aside = `${path}.before-repair-${now.toISOString().replace(/[:.]/g, '-')}`;
  let kept: string | null = aside;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw ioError('keep aside', path, error);
    kept = null;
  }
  const snapshot = { format: 1, journal: head, state: replayRelease(events as readonly AppliedEvent[]) };
  try {
    await writeDurably(path, JSON.stringify(snapshot, null, 2));
  } catch (error) {
    throw ioError('write', path, error);
  }
  return kept;
}

/**
 * Create a file that must not exist yet, whole or not at all: written beside under a
 * `.partial-<pid>` name, fsync'd, then renamed (a kill mid-write leaves only a partial copy
 * of bytes the journal still holds, which the next repair removes).
 */
async function writeNew(path: string, bytes: Uint8Array): Promise<void> {
  const partial = `${path}${PARTIAL}${process.pid}`;
  const handle = await open(partial, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await stat(path).then(
      () => Promise.reject(Object.assign(new Error(`${path} already exists`), { code: 'EEXIST' })),
      () => undefined,
    );
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

const PARTIAL = '.partial-';

/** An earlier .cut file of this journal that holds exactly these bytes (left by a repair killed before its journal was written). */
async function findCut(journal: string, tail: Buffer): Promise<string | null> {
  const prefix = `${basename(journal)}.cut-`;
  for (const name of (await readdir(dirname(journal))).sort()) {
    if (!name.startsWith(prefix) || name.includes(PARTIAL)) continue;
    const path = join(dirname(journal), name);
    if ((await stat(path)).size === tail.length && (await readFile(path)).equals(tail)) return path;
  }
  return null;
}

/**
 * Remove what a repair killed mid-way leaves before its journal is replaced: a partial
 * .cut file and the repaired journal's temp file. Both are copies of bytes the journal
 * still holds (they exist only until the journal is renamed), and the workspace lock
 * says no other repair is writing them.
 */
async function removeLeftovers(journal: string): Promise<void> {
  const name = basename(journal);
  for (const entry of await readdir(dirname(journal)))
    if ((entry.startsWith(`${name}.cut-`) && entry.includes(PARTIAL)) || entry.startsWith(`${name}.repair-`))
      await rm(join(dirname(journal), entry), { force: true });
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

function parseEvents(bytes: Buffer, end: number): JournalEvent[] {
  const events: JournalEvent[] = [];
  for (const line of bytes.subarray(0, end).toString('utf8').split('\n')) if (line) events.push(JSON.parse(line) as JournalEvent);
  return events;
}

function lastEvent(bytes: Buffer, end: number): JournalEvent | null {
  if (end === 0) return null;
  const start = bytes.lastIndexOf(0x0a, end - 2) + 1;
  try {
    return JSON.parse(bytes.toString('utf8', start, end - 1)) as JournalEvent;
  } catch {
    return null;
  }
}

function sameAnchor(a: JournalAnchor | null, b: JournalAnchor | null): boolean {
  return a === b || (a !== null && b !== null && a.seq === b.seq && a.hash === b.hash);
}
