import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Journal, type VerifiedLines } from '../journal/journal';
import type { JournalEvent } from '../journal/journal-format';
import { WarRoomError, ioError } from '../../../contract/domain/errors';
import type { AppliedEvent, CommandContext, DomainEvent } from '../../../contract/domain/release/domain-event';
import { PROJECTION_VERSION, initialReleaseState, reduceRelease, replayRelease, type ReleaseState } from './release-state';
import { readEventHeader } from '../journal/event-header';
import type { JournalLines } from '../journal/journal-lines';
import { canonicalJson } from '../journal/canonical-json';
import { moveAside } from '../support/durable-files';
import { SnapshotWriter, readSnapshotAnchor } from './release-snapshot';
import { JournalIndex } from '../journal/journal-index';
import type { TimelineFilter, TimelinePage } from '../../../contract/timeline-query';
import { GENESIS_HASH } from '../journal/journal-format';
import { followRefusal, readFollowMark, removeFollowMark, writeFollowMark, type FollowMark } from './follow-mark';

/** The files of a release folder, in one place. */
export function releasePaths(dir: string) {
  return {
    dir,
    document: join(dir, 'release.json'),
    journal: join(dir, 'journal.jsonl'),
    recordings: join(dir, 'recordings'),
    runs: join(dir, 'runs'),
    reports: join(dir, 'reports'),
    playbooks: join(dir, 'playbooks'),
  } as const;
}

/** Something the operator should know about a release that opened (a repaired file...). */
export interface ReleaseWarning {
  readonly message: string;
  readonly file: string;
}

const TUNING = {
  /** release.json is rewritten whole; coalesce bursts of changes into one write. */
  snapshotDelayMs: 250,
  /** The background audit replays this many events, then yields to requests. */
  auditChunk: 5000,
} as const;

type Listener = (events: readonly JournalEvent[], state: ReleaseState) => void;

/**
 * One open release: its journal, its state and its document.
 *
 * Changes go through `execute`: the command validates against the state as it will be
 * once everything queued before it is written, its events are journaled (fsync'd, group
 * committed), and only then does `state` (the committed state) move and listeners hear
 * of it. If the journal write fails, the pending changes are dropped and the error
 * reaches the caller: nothing is shown as done that is not on disk.
 */
export class Release {
  private committed: ReleaseState;
  private committedHead: { seq: number; hash: string };
  private pending: ReleaseState;
  private nextSeq: number;
  /** States after each queued command, in seq order, waiting for the journal to make them durable. */
  private inFlight: { seq: number; state: ReleaseState }[] = [];
  private readonly listeners = new Set<Listener>();
  /** Time, kind and actor of every durable event, for filtered timeline pages. */
  private readonly index: JournalIndex;
  /** Where each durable event is in journal.jsonl: events are read back from the file, not kept. */
  private readonly lines: JournalLines;
  /** Settles when the background check of a snapshot-based open is done (at once after a full replay). */
  readonly audit: Promise<void>;
  private readonly openWarnings: ReleaseWarning[];
  private closed = false;
  /** Set once the audit found the snapshot wrong and replaced the state with the journal's. */
  private rebased = false;
  /** Set while this copy is a replica following another War Room (follow.json): it refuses every change. */
  private followMark: FollowMark | null = null;

  private constructor(
    readonly slug: string,
    readonly dir: string,
    private readonly journal: Journal,
    state: ReleaseState,
    private readonly snapshots: SnapshotWriter,
    warnings: ReleaseWarning[],
    index: JournalIndex,
    audit: (release: Release) => Promise<void>,
  ) {
    this.openWarnings = warnings;
    this.index = index;
    this.lines = journal.lines;
    this.committed = state;
    this.committedHead = { ...journal.headEvent };
    this.pending = state;
    this.nextSeq = journal.headEvent.seq + 1;
    journal.onAppended((events) => this.commit(events));
    this.audit = audit(this);
  }

  /** Files repaired or moved aside when the release opened, and what the audit found. */
  get warnings(): readonly ReleaseWarning[] {
    return this.openWarnings;
  }

  /** Open a release folder: verify the journal, repair a torn tail, rebuild the state. */
  static async open(dir: string, slug: string): Promise<Release> {
    const paths = releasePaths(dir);
    const opened = await Journal.openIndexed(paths.journal);
    const { journal, bytes } = opened;
    const warnings: ReleaseWarning[] = [];
    if (opened.tornTailFile) {
      warnings.push({
        file: opened.tornTailFile,
        message: `The journal's last line was cut short (a crash while writing). It was kept aside in ${opened.tornTailFile}; every acknowledged event is intact.`,
      });
    }
    let snapshotState: ReleaseState | undefined;
    let index: JournalIndex;
    let state: ReleaseState;
    try {
      const anchor = await readSnapshotAnchor(paths.document, PROJECTION_VERSION);
      if (anchor.kind === 'moved-aside') {
        warnings.push({
          file: anchor.movedTo,
          message: `${paths.document} could not be read: ${anchor.reason}. It was moved to ${anchor.movedTo} and the release was rebuilt from its journal.`,
        });
      } else if (anchor.kind === 'ok') {
        const head = journal.headEvent;
        if (anchor.anchor.seq > head.seq) {
          throw new WarRoomError(
            'corrupt',
            `Journal ${paths.journal} ends at seq ${head.seq}, but ${paths.document} was written after seq ${anchor.anchor.seq}: events after seq ${head.seq} are missing (the journal was truncated). \`warroom repair ${dir}\` records the loss in the journal and re-anchors the release; quit War Room first.`,
            [{ file: paths.journal }],
          );
        }
        if (anchor.anchor.seq > 0 && lineHash(bytes, journal.lines, anchor.anchor.seq) !== anchor.anchor.hash) {
          throw new WarRoomError(
            'corrupt',
            `Journal ${paths.journal} at seq ${anchor.anchor.seq} does not match the hash recorded in ${paths.document}: the journal was rewritten. \`warroom repair ${dir}\` records this in the journal and re-anchors the release; quit War Room first.`,
            [{ file: paths.journal }],
          );
        }
        snapshotState = anchor.state;
      }
      index = indexLines(bytes, journal.lines);
      // With a snapshot of this projection, only the events after it are replayed; the
      // audit below replays the rest in the background and checks the snapshot.
      const from = snapshotState ?? initialReleaseState();
      state = replayRelease(journal.lines.read(from.seq + 1, journal.headEvent.seq) as readonly AppliedEvent[], from);
    } catch (error) {
      await journal.close();
      throw error;
    }
    const snapshots = new SnapshotWriter(paths.document, TUNING.snapshotDelayMs);
    const trusted = snapshotState;
    const audit = trusted
      ? (release: Release) =>
          release.auditSnapshot(trusted).catch((error: unknown) => {
            // The audit is a check, not a duty of the open: a journal that cannot be read now is named, never thrown.
            if (!release.closed)
              release.openWarnings.push({
                file: paths.journal,
                message: `The check of ${paths.document} against the journal did not finish: ${error instanceof Error ? error.message : String(error)}`,
              });
          })
      : () => Promise.resolve();
    let followMark: FollowMark | null;
    try {
      followMark = await readFollowMark(dir);
    } catch (error) {
      await journal.close();
      throw error;
    }
    // Nothing is awaited from here to the return: the background audit starts with the release.
    const release = new Release(slug, dir, journal, state, snapshots, warnings, index, audit);
    release.followMark = followMark;
    release.scheduleSnapshot();
    return release;
  }

  /**
   * Replay the journal up to the snapshot's seq, a chunk at a time between requests, and
   * compare with the snapshot the release opened from. A snapshot that differs (edited by
   * hand, or written by a reducer that changed without a PROJECTION_VERSION bump) is moved
   * aside and named in a warning: the next open replays the whole journal.
   */
  private async auditSnapshot(snapshot: ReleaseState): Promise<void> {
    let state = initialReleaseState();
    for (let from = 1; from <= snapshot.seq; from += TUNING.auditChunk) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.closed) return;
      state = replayRelease(this.lines.read(from, Math.min(snapshot.seq, from + TUNING.auditChunk - 1)) as readonly AppliedEvent[], state);
    }
    if (canonicalJson(state) === canonicalJson(snapshot)) return;
    if (this.closed) return;
    // The state shown so far came from a snapshot the journal does not support: from now on
    // it is the journal's own (replayed to the committed head), and so is every commit.
    this.rebase(replayRelease(this.lines.read(snapshot.seq + 1, this.committedHead.seq) as readonly AppliedEvent[], state));
    await this.snapshots.stop();
    const movedTo = await moveAside(this.paths.document).catch(() => this.paths.document);
    this.openWarnings.push({
      file: movedTo,
      message: `${this.paths.document} did not match the journal at seq ${snapshot.seq} (edited by hand, or written by another version). It was moved to ${movedTo}; the release now shows the state replayed from its journal.`,
    });
  }

  /**
   * Replace the committed state with `truth` (replayed from the journal) and tell listeners.
   * Commands already queued were checked against the old state; their events are journaled
   * as they are, and from now on each commit reduces the journaled events onto the truth.
   */
  private rebase(truth: ReleaseState): void {
    this.rebased = true;
    this.committed = truth;
    if (this.inFlight.length === 0) this.pending = truth;
    for (const listener of this.listeners) listener([], truth);
  }

  /** Create the folder of a new release and journal its first events. */
  static async create(dir: string, slug: string, actor: string, firstEvents: readonly DomainEvent[]): Promise<Release> {
    const paths = releasePaths(dir);
    try {
      await mkdir(dir, { recursive: true });
      for (const sub of [paths.recordings, paths.runs, paths.reports, paths.playbooks]) await mkdir(sub, { recursive: true });
    } catch (error) {
      throw ioError('create the release folder', dir, error);
    }
    const release = await Release.open(dir, slug);
    if (release.state.seq !== 0) {
      await release.close();
      throw new WarRoomError('conflict', `A release already exists in ${dir}.`, [{ file: dir }]);
    }
    await release.execute(actor, () => firstEvents);
    await release.flush();
    return release;
  }

  /** The committed state: everything in it is on disk. */
  get state(): ReleaseState {
    return this.committed;
  }

  get paths() {
    return releasePaths(this.dir);
  }

  get head(): { readonly seq: number; readonly hash: string } {
    return this.committedHead;
  }

  /**
   * Run a command against the release and make its events durable.
   *
   * Resolves with the journaled events once they are fsync'd; rejects with the
   * command's WarRoomError (nothing written) or with an io error (nothing applied).
   */
  async execute(actor: string, command: (state: ReleaseState, context: CommandContext) => readonly DomainEvent[]): Promise<JournalEvent[]> {
    if (this.followMark) throw followRefusal(this.slug, this.followMark);
    const context: CommandContext = { actor, now: new Date().toISOString() };
    const events = command(this.pending, context);
    if (events.length === 0) return [];
    let next = this.pending;
    const applied: AppliedEvent[] = events.map((event, index) => ({ ...event, seq: this.nextSeq + index, ts: context.now, actor }));
    // The reducers read each event through its area's schema: an event that does not fit is
    // refused here (WarRoomError, corrupt), before anything is written or a seq is taken.
    for (const event of applied) next = reduceRelease(next, event);
    this.nextSeq += applied.length;
    this.pending = next;
    this.inFlight.push({ seq: next.seq, state: next });
    try {
      return await this.journal.appendAll(applied.map((event) => ({ actor, type: event.type, data: event.data, ts: event.ts })));
    } catch (error) {
      // The journal dropped this batch and everything queued behind it: start again from what is durable.
      this.inFlight = [];
      this.pending = this.committed;
      this.nextSeq = this.journal.headEvent.seq + 1;
      throw error;
    }
  }

  /** The journal made these events durable: move the committed state up to them, then tell listeners. */
  private commit(events: readonly JournalEvent[]): void {
    const last = events[events.length - 1];
    if (!last) return;
    this.index.add(events);
    if (this.rebased) {
      // After a rebase the queued states grew from the old base: reduce the journaled events instead.
      for (const event of events) this.committed = reduceRelease(this.committed, event as AppliedEvent);
      while (this.inFlight.length > 0 && this.inFlight[0]!.seq <= last.seq) this.inFlight.shift();
      if (this.inFlight.length === 0) this.pending = this.committed;
    } else if (this.inFlight.length === 0) {
      // Events this release did not queue: lines replicated from the host it follows.
      this.committed = replayRelease(events as readonly AppliedEvent[], this.committed);
      this.pending = this.committed;
      this.nextSeq = last.seq + 1;
    } else {
      while (this.inFlight.length > 0 && this.inFlight[0]!.seq <= last.seq) this.committed = this.inFlight.shift()!.state;
    }
    this.committedHead = { seq: last.seq, hash: last.hash };
    this.scheduleSnapshot();
    for (const listener of this.listeners) listener(events, this.committed);
  }

  /** The follow mark when this copy is a replica (read-only), else null. */
  get follow(): FollowMark | null {
    return this.followMark;
  }

  /**
   * Mark this copy as a replica (every change is refused from now on) or, with null, make
   * it writable again (it became the host). The mark is durable before this resolves.
   */
  async setFollow(mark: FollowMark | null): Promise<void> {
    if (mark) await writeFollowMark(this.dir, mark);
    else await removeFollowMark(this.dir);
    this.followMark = mark;
  }

  /**
   * Append lines received from the host this replica follows: verified against the chain
   * (seq, prev, hash) before a byte is written, fsync'd, then applied like any commit.
   */
  async replicate(lines: Buffer | VerifiedLines, options: { readonly sync?: boolean } = {}): Promise<readonly JournalEvent[]> {
    if (this.inFlight.length > 0)
      throw new WarRoomError('conflict', `Release ${this.slug} has changes of its own in flight; it cannot take lines from a host.`);
    return Buffer.isBuffer(lines) ? this.journal.appendVerified(lines) : this.journal.appendVerifiedLines(lines, { parse: true, sync: options.sync });
  }

  /** Make replicated lines durable (after `replicate(…, {sync: false})`). */
  syncJournal(): Promise<void> {
    return this.journal.sync();
  }

  /**
   * The raw journal lines after `afterSeq` (exact bytes, as on disk), at most `limit`
   * events and about `maxBytes` (at least one line), with the head and the hash at
   * `afterSeq` (null when the journal is shorter): what a follower checks its own chain by.
   */
  rawSince(
    afterSeq: number,
    limit: number,
    maxBytes: number,
  ): { bytes: Buffer; fromSeq: number; toSeq: number; head: { seq: number; hash: string }; atHash: string | null } {
    const head = { ...this.committedHead };
    const atHash = afterSeq > head.seq ? null : afterSeq === 0 ? GENESIS_HASH : this.lines.hashAt(afterSeq);
    if (afterSeq >= head.seq) return { bytes: Buffer.alloc(0), fromSeq: afterSeq + 1, toSeq: afterSeq, head, atHash };
    const toSeq = Math.min(head.seq, afterSeq + limit, this.lines.lastSeqWithin(afterSeq, maxBytes));
    return { bytes: this.lines.readRaw(afterSeq + 1, toSeq), fromSeq: afterSeq + 1, toSeq, head, atHash };
  }

  /** The hash of the durable event `seq`, read from its line. */
  hashAt(seq: number): string {
    return this.lines.hashAt(seq);
  }

  /** Durable events after `afterSeq`, oldest first, at most `limit`, read from the journal file. */
  events(afterSeq = 0, limit = Number.POSITIVE_INFINITY): readonly JournalEvent[] {
    const from = Math.max(0, afterSeq) + 1;
    return this.lines.read(from, Math.min(this.committedHead.seq, from + Math.min(limit, this.committedHead.seq) - 1));
  }

  /** The durable events of these kinds, oldest first (found by the index, read from the file). */
  eventsOfKinds(kinds: Parameters<JournalIndex['seqsOfKinds']>[0]): readonly JournalEvent[] {
    return this.index.seqsOfKinds(kinds).map((seq) => this.lines.at(seq));
  }

  /** A page of the timeline, newest first, answered from the journal's index. */
  timelinePage(query: { readonly beforeSeq?: number; readonly limit: number; readonly filter: TimelineFilter }): TimelinePage<JournalEvent> {
    return this.index.page(this.lines, query);
  }

  /** Hear of every committed change. Returns an unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Write release.json now. */
  flush(): Promise<void> {
    this.scheduleSnapshot();
    return this.snapshots.flush();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.journal.close();
    await this.flush();
  }

  /**
   * Stop writing without a last snapshot: the workspace's lock was lost, and another
   * process may own these files now. Appends queued before this still complete.
   */
  async abandon(): Promise<void> {
    this.closed = true;
    await this.snapshots.stop();
    await this.journal.close();
  }

  private scheduleSnapshot(): void {
    this.snapshots.schedule({ format: 1, journal: { ...this.committedHead }, projection: PROJECTION_VERSION, state: this.committed });
  }
}

export { initialReleaseState };

/** The hash field of the line of `seq`: the 64 hex digits before its closing `"}`. */
function lineHash(bytes: Buffer, lines: JournalLines, seq: number): string {
  const { end } = lines.bounds(seq);
  return bytes.toString('latin1', end - 66, end - 2);
}

/** Index every line of the verified bytes from its header (ts, actor, kind), without parsing its data. */
function indexLines(bytes: Buffer, lines: JournalLines): JournalIndex {
  const index = new JournalIndex();
  for (let seq = 1; seq <= lines.length; seq += 1) {
    const { start, end } = lines.bounds(seq);
    index.addHeader(readEventHeader(bytes, start, end));
  }
  return index;
}
