import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Journal } from '../journal/journal';
import type { JournalEvent } from '../journal/journal-format';
import { WarRoomError, ioError } from '../support/errors';
import type { AppliedEvent, CommandContext, DomainEvent } from './domain-event';
import { initialReleaseState, reduceRelease, replayRelease, type ReleaseState } from './release-state';
import { SnapshotWriter, readSnapshotAnchor } from './release-snapshot';

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
  /** Every durable event, in order: the timeline reads from here. */
  private readonly history: JournalEvent[];

  private constructor(
    readonly slug: string,
    readonly dir: string,
    private readonly journal: Journal,
    state: ReleaseState,
    private readonly snapshots: SnapshotWriter,
    readonly warnings: readonly ReleaseWarning[],
    history: readonly JournalEvent[],
  ) {
    this.history = [...history];
    this.committed = state;
    this.committedHead = { ...journal.headEvent };
    this.pending = state;
    this.nextSeq = journal.headEvent.seq + 1;
    journal.onAppended((events) => this.commit(events));
  }

  /** Open a release folder: verify the journal, repair a torn tail, rebuild the state. */
  static async open(dir: string, slug: string): Promise<Release> {
    const paths = releasePaths(dir);
    const opened = await Journal.open(paths.journal);
    const warnings: ReleaseWarning[] = [];
    if (opened.tornTailFile) {
      warnings.push({
        file: opened.tornTailFile,
        message: `The journal's last line was cut short (a crash while writing). It was kept aside in ${opened.tornTailFile}; every acknowledged event is intact.`,
      });
    }
    try {
      const anchor = await readSnapshotAnchor(paths.document);
      if (anchor.kind === 'moved-aside') {
        warnings.push({
          file: anchor.movedTo,
          message: `${paths.document} could not be read: ${anchor.reason}. It was moved to ${anchor.movedTo} and the release was rebuilt from its journal.`,
        });
      } else if (anchor.kind === 'ok') {
        const head = opened.journal.headEvent;
        const anchored = opened.events[anchor.anchor.seq - 1];
        if (anchor.anchor.seq > head.seq) {
          throw new WarRoomError(
            'corrupt',
            `Journal ${paths.journal} ends at seq ${head.seq}, but ${paths.document} was written after seq ${anchor.anchor.seq}: events after seq ${head.seq} are missing (the journal was truncated). \`warroom repair ${dir}\` records the loss in the journal and re-anchors the release; quit War Room first.`,
            [{ file: paths.journal }],
          );
        }
        if (anchor.anchor.seq > 0 && anchored?.hash !== anchor.anchor.hash) {
          throw new WarRoomError(
            'corrupt',
            `Journal ${paths.journal} at seq ${anchor.anchor.seq} does not match the hash recorded in ${paths.document}: the journal was rewritten. \`warroom repair ${dir}\` records this in the journal and re-anchors the release; quit War Room first.`,
            [{ file: paths.journal }],
          );
        }
      }
    } catch (error) {
      await opened.journal.close();
      throw error;
    }
    const state = replayRelease(opened.events as readonly AppliedEvent[]);
    const snapshots = new SnapshotWriter(paths.document, TUNING.snapshotDelayMs);
    const release = new Release(slug, dir, opened.journal, state, snapshots, warnings, opened.events);
    release.scheduleSnapshot();
    return release;
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
    const context: CommandContext = { actor, now: new Date().toISOString() };
    const events = command(this.pending, context);
    if (events.length === 0) return [];
    let next = this.pending;
    const applied: AppliedEvent[] = events.map((event) => ({ ...event, seq: this.nextSeq++, ts: context.now, actor }));
    for (const event of applied) next = reduceRelease(next, event);
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
    this.history.push(...events);
    while (this.inFlight.length > 0 && this.inFlight[0]!.seq <= last.seq) this.committed = this.inFlight.shift()!.state;
    this.committedHead = { seq: last.seq, hash: last.hash };
    this.scheduleSnapshot();
    for (const listener of this.listeners) listener(events, this.committed);
  }

  /** Durable events after `afterSeq`, oldest first, at most `limit`. */
  events(afterSeq = 0, limit = Number.POSITIVE_INFINITY): readonly JournalEvent[] {
    const start = Math.max(0, Math.min(afterSeq, this.history.length));
    return this.history.slice(start, start + limit);
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
    await this.journal.close();
    await this.flush();
  }

  /**
   * Stop writing without a last snapshot: the workspace's lock was lost, and another
   * process may own these files now. Appends queued before this still complete.
   */
  async abandon(): Promise<void> {
    this.snapshots.discard();
    await this.journal.close();
  }

  private scheduleSnapshot(): void {
    this.snapshots.schedule({ format: 1, journal: { ...this.committedHead }, state: this.committed });
  }
}

export { initialReleaseState };
