import { writeDurably } from '../../core/support/durable-files';
import { WarRoomError } from '../../../contract/domain/errors';
import { parseLine } from '../../core/journal/journal-lines';
import type { JournalEvent } from '../../../contract/domain/journal/journal-event';
import type { VerifiedLines } from '../../core/journal/journal';
import type { FollowMark } from '../../core/release/follow-mark';
import { releasePaths } from '../../core/release/release';
import type { FollowStatus, JournalSincePage } from '../../../contract/requests/follow-requests';
import { FollowConnection } from './follow-client';
import type { FollowLink } from './follow-link';
import type { ReplicaSink } from './replica-sink';

const FOLLOW_TUNING = {
  /** Ask the host for new lines this often when no event said so: also what tells staleness. */
  pollMs: 2_000,
  /** Reconnect after 0.5 s, doubling up to 8 s: a host restarted on its port is found within seconds. */
  backoffMinMs: 500,
  backoffMaxMs: 8_000,
  /** follow.json (last seq, last contact) is rewritten at most this often while lines flow. */
  markEveryMs: 1_000,
  /**
   * Events asked per page: about 3 MB of a typical journal. Small enough that the first
   * page arrives soon and the write after the last verify is short, large enough that a
   * round trip per page costs little (measured by `npm run bench follow`).
   */
  pageEvents: 10_000,
  /** A page of unusually large events stops at this many bytes (the rest is asked again). */
  pageMaxBytes: 16 * 1024 * 1024,
  /** Pages asked ahead of the one being verified: the host and the follower work at once. */
  pagesAhead: 2,
  /** The most of a forked host's branch kept for review (a night's journal is tens of MB). */
  forkKeptMaxBytes: 64 * 1024 * 1024,
} as const;

/** The journal event a host writes when it hands the pen over. */
export const HANDED_OVER = 'release.handed-over';
/** The journal event a follower writes when it takes the pen (handed over, or forced). */
export const TOOK_OVER = 'release.took-over';

export type FollowOutcome =
  | { readonly kind: 'caught-up' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'forked'; readonly atSeq: number; readonly forkFile: string }
  | { readonly kind: 'broken'; readonly message: string }
  | { readonly kind: 'handed-over'; readonly event: JournalEvent };

export interface FollowerOptions {
  readonly link: FollowLink;
  /** The release's slug, the same on the host and here. */
  readonly slug: string;
  /** How this follower names itself to the host (the name a handover is given). */
  readonly name: string;
  /** How the host can reach this follower back (its own served link), for a handover. */
  readonly selfLink?: string;
  /** Hears of every change of status (the CLI prints lines from it). */
  readonly onStatus?: (status: FollowStatus) => void;
}

/**
 * A live, verified, read-only replica of one release of another War Room.
 *
 * It asks the host for the raw lines after its own head, checks that the host's hash at
 * that seq is its own (else the chains forked), verifies every line's chain before a byte
 * is written, and fsyncs. Events pushed by the host only say "there is more"; a poll
 * every few seconds also measures how stale the copy is. A dropped connection is retried
 * with backoff, from the replica's own head. A fork or a line that does not chain stops
 * it: what was verified stays, and follow.json says why.
 */
export class Follower {
  private sink: ReplicaSink;
  private connection: FollowConnection | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private lastContactMs: number | null = null;
  private hostSeq = 0;
  private message: string | null = null;
  private markWrittenMs = 0;
  private handedOver: JournalEvent | null = null;
  private selfLink: string | undefined;
  /** The name the host knows this follower by (its answer to the hello): a handover to it names this. */
  private knownAs: string;
  /** Writes of verified pages, in order; and the head they will leave once durable. */
  private writing: Promise<void> = Promise.resolve();
  private verifiedHead: { readonly seq: number; readonly hash: string } | null = null;
  /** Lines were written without an fsync since the last drain. */
  private unsynced = false;

  constructor(
    private readonly options: FollowerOptions,
    sink: ReplicaSink,
  ) {
    this.sink = sink;
    this.selfLink = options.selfLink;
    this.knownAs = options.name;
    const mark = sink.mark();
    if (mark?.lastContactAt) this.lastContactMs = Date.parse(mark.lastContactAt);
    this.hostSeq = mark?.hostSeq ?? 0;
  }

  /** How the host can reach this follower back, said in the next hello (once this process serves). */
  setSelfLink(link: string): void {
    this.selfLink = link;
  }

  /** Write from now on through another sink (the catch-up wrote the bare journal; the release is open now). */
  useSink(sink: ReplicaSink): void {
    this.sink = sink;
  }

  get status(): FollowStatus {
    const mark = this.sink.mark();
    return {
      source: this.options.link.origin,
      state: mark?.state ?? 'following',
      connected: this.connection !== null && !this.connection.closed,
      lastSeq: this.sink.head().seq,
      hostSeq: this.hostSeq,
      lastContactAt: this.lastContactMs === null ? null : new Date(this.lastContactMs).toISOString(),
      staleMs: this.lastContactMs === null ? null : Math.max(0, Date.now() - this.lastContactMs),
      message: this.message,
      forkFile: mark?.forkFile ?? null,
    };
  }

  /**
   * Follow until stopped, forked, broken or handed the pen (or, with `untilCaughtUp`, until
   * the replica holds the host's head). Reconnects with backoff in between.
   */
  async run(options: { readonly untilCaughtUp?: boolean } = {}): Promise<FollowOutcome> {
    await this.persist(true, 'following');
    let backoff: number = FOLLOW_TUNING.backoffMinMs;
    while (!this.stopped) {
      try {
        const connection = await FollowConnection.open(this.options.link);
        if (this.stopped) {
          connection.close();
          break;
        }
        this.connection = connection;
        backoff = FOLLOW_TUNING.backoffMinMs;
        this.message = null;
        connection.onClose(() => this.wake?.());
        connection.onEvent((event) => {
          if (event.type === 'journal.appended' && event.payload.slug === this.options.slug) this.wake?.();
        });
        const hello = await connection.request('follow.hello', {
          slug: this.options.slug,
          name: this.options.name,
          ...(this.selfLink ? { link: this.selfLink } : {}),
        });
        // A handover names this follower as the host knows it (an invite's name), whatever it said.
        this.knownAs = typeof hello.name === 'string' ? hello.name : this.options.name;
        const outcome = await this.tail(connection, options.untilCaughtUp === true);
        if (outcome) {
          connection.close();
          this.connection = null;
          return outcome;
        }
      } catch (error) {
        if (error instanceof WarRoomError && error.code === 'corrupt') return this.broken(error.message);
        this.message = `host unreachable: ${error instanceof Error ? error.message : String(error)}`;
      }
      this.connection?.close();
      this.connection = null;
      if (this.stopped) break;
      this.emit();
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, FOLLOW_TUNING.backoffMaxMs);
    }
    return { kind: 'stopped' };
  }

  /** Stop following (the connection is closed; the replica stays as it is, read-only). */
  stop(): void {
    this.stopped = true;
    this.wake?.();
    this.connection?.close();
    this.wake?.();
  }

  /** Pages of lines until the host's head, then wait for a push or the next poll; null when the connection dropped. */
  private async tail(connection: FollowConnection, untilCaughtUp: boolean): Promise<FollowOutcome | null> {
    const ask = (afterSeq: number) => {
      const page = connection.request('journal.since', {
        slug: this.options.slug,
        afterSeq,
        limit: FOLLOW_TUNING.pageEvents,
        maxBytes: FOLLOW_TUNING.pageMaxBytes,
      });
      page.catch(() => undefined);
      return page;
    };
    while (!this.stopped && !connection.closed) {
      const before = this.sink.head().seq;
      try {
        // Pages are asked at fixed seq strides, a few ahead, so the host reads and sends the
        // next ones while this one is verified and written (one that comes short is asked again).
        let asked = before;
        const queue: Promise<JournalSincePage>[] = [ask(asked)];
        while (queue.length > 0) {
          const page: JournalSincePage = await queue.shift()!;
          this.contact(page.head.seq);
          while (queue.length < FOLLOW_TUNING.pagesAhead && asked + FOLLOW_TUNING.pageEvents < page.head.seq) {
            asked += FOLLOW_TUNING.pageEvents;
            queue.push(ask(asked));
          }
          const outcome = await this.apply(connection, page);
          if (outcome) return outcome;
        }
      } finally {
        await this.drain();
      }
      const head = this.sink.head().seq;
      if (head > before && head < this.hostSeq) continue;
      await this.persist(false);
      this.emit();
      if (untilCaughtUp && head >= this.hostSeq) {
        await this.persist(true);
        return { kind: 'caught-up' };
      }
      await this.sleep(FOLLOW_TUNING.pollMs);
    }
    return null;
  }

  /**
   * Check a page against the replica's chain and queue its write; an outcome when
   * following must end. The next page is verified while this one is written (CPU and disk
   * overlap); writes stay in order, and a run of pages is fsync'd before it counts (drain).
   */
  private async apply(connection: FollowConnection, page: JournalSincePage): Promise<FollowOutcome | null> {
    const afterSeq = page.fromSeq - 1;
    const head = this.verifiedHead ?? this.sink.head();
    if (afterSeq !== head.seq) return null; // a prefetched page that no longer fits: asked again
    if (page.atHash === null) {
      // The host's journal is shorter than the replica: behind (a handover not yet seen there), or another branch.
      await this.drain();
      if (page.head.seq > 0 && page.head.hash !== this.sink.hashAt(page.head.seq)) return this.fork(connection);
      this.message = `the host is at seq ${page.head.seq}, behind this replica's ${head.seq}: waiting for it`;
      return null;
    }
    if (page.atHash !== head.hash) {
      await this.drain();
      return this.fork(connection);
    }
    const bytes = asBuffer(page.lines);
    if (bytes.length === 0) return null;
    let lines: VerifiedLines;
    try {
      lines = this.sink.verify(bytes, head);
    } catch (error) {
      await this.drain();
      if (error instanceof WarRoomError && error.code === 'corrupt') return this.broken(`${error.message} (sent by ${this.options.link.origin})`);
      throw error;
    }
    this.verifiedHead = lines.head;
    // Pages of a catch-up are written as they verify and fsync'd once, when the run of pages drains.
    const last = page.toSeq >= page.head.seq;
    if (!last) this.unsynced = true;
    const previous = this.writing;
    this.writing = previous.then(() => this.sink.commit(lines, last));
    this.writing.catch(() => undefined);
    const handover = findHandover(bytes, this.knownAs, this.sink.dir, page.fromSeq);
    if (handover) {
      await this.drain();
      this.handedOver = handover;
      return { kind: 'handed-over', event: handover };
    }
    return null;
  }

  /** Wait until every verified page is written; a failed write is thrown here (and following starts again from the replica's head). */
  private async drain(): Promise<void> {
    try {
      await this.writing;
      if (this.unsynced) await this.sink.flush();
      this.unsynced = false;
    } finally {
      this.writing = Promise.resolve();
      this.verifiedHead = null;
    }
  }

  /**
   * The host's chain is not this replica's: find the last seq both agree on, keep the
   * host's branch after it in `journal.jsonl.fork-<time>` beside the journal, and stop.
   * Nothing of the replica is changed or merged.
   */
  private async fork(connection: FollowConnection): Promise<FollowOutcome> {
    const probe = (seq: number) => connection.request('journal.since', { slug: this.options.slug, afterSeq: seq, limit: 1, maxBytes: 1024 });
    let low = 0;
    let high = Math.min(this.sink.head().seq, this.hostSeq);
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((await probe(middle)).atHash === this.sink.hashAt(middle)) low = middle;
      else high = middle - 1;
    }
    // The host's branch is kept as it comes, in whole pages, up to a bound: a hostile host
    // that never stops sending (or sends pages that do not advance) cannot fill memory or disk.
    const pieces: Buffer[] = [];
    let kept = 0;
    let cut = false;
    for (let after = low; ;) {
      const page: JournalSincePage = await connection.request('journal.since', { slug: this.options.slug, afterSeq: after });
      const bytes = asBuffer(page.lines);
      if (kept + bytes.length > FOLLOW_TUNING.forkKeptMaxBytes) {
        cut = true;
        break;
      }
      pieces.push(bytes);
      kept += bytes.length;
      if (page.toSeq >= page.head.seq) break;
      if (page.toSeq <= after) {
        cut = true;
        break;
      }
      after = page.toSeq;
    }
    const forkFile = `${releasePaths(this.sink.dir).journal}.fork-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await writeDurably(forkFile, Buffer.concat(pieces));
    const branch = cut
      ? `the first ${kept} bytes of the host's branch after seq ${low} are kept in ${forkFile} for review (it went on past ${FOLLOW_TUNING.forkKeptMaxBytes / 1024 / 1024} MB or stopped advancing)`
      : `the host's branch after seq ${low} is kept in ${forkFile} for review`;
    const message = `FORK: ${this.options.link.origin} and this replica agree up to seq ${low}, then differ (two hosts appended after a split, or a journal was rewritten). Following stopped; nothing was merged. This copy keeps its own chain in journal.jsonl; ${branch}.`;
    this.message = message;
    await this.persist(true, 'forked', forkFile);
    this.emit();
    return { kind: 'forked', atSeq: low + 1, forkFile };
  }

  private async broken(message: string): Promise<FollowOutcome> {
    this.message = `stopped: ${message}; every event verified before it is kept.`;
    await this.persist(true, 'stopped');
    this.emit();
    return { kind: 'broken', message: this.message };
  }

  private contact(hostSeq: number): void {
    this.lastContactMs = Date.now();
    this.hostSeq = hostSeq;
  }

  /** Write follow.json: always on a change of state, else at most every markEveryMs. */
  private async persist(force: boolean, state?: FollowMark['state'], forkFile?: string): Promise<void> {
    if (this.handedOver) return;
    const now = Date.now();
    if (!force && now - this.markWrittenMs < FOLLOW_TUNING.markEveryMs) return;
    this.markWrittenMs = now;
    const previous = this.sink.mark();
    await this.sink.setMark({
      format: 1,
      source: this.options.link.origin,
      fingerprint: this.options.link.fingerprint,
      sourceSlug: this.options.slug,
      state: state ?? previous?.state ?? 'following',
      lastSeq: this.sink.head().seq,
      hostSeq: this.hostSeq,
      lastContactAt: this.lastContactMs === null ? null : new Date(this.lastContactMs).toISOString(),
      message: this.message,
      forkFile: forkFile ?? previous?.forkFile ?? null,
    });
  }

  private emit(): void {
    this.options.onStatus?.(this.status);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}

/** The handover to `name` among the lines (found without parsing lines that cannot hold it). */
function findHandover(bytes: Buffer, name: string, dir: string, fromSeq: number): JournalEvent | null {
  if (bytes.indexOf(`"type":"${HANDED_OVER}"`) === -1) return null;
  let start = 0;
  for (let seq = fromSeq; start < bytes.length; seq += 1) {
    const end = bytes.indexOf(0x0a, start);
    const text = bytes.toString('utf8', start, end);
    start = end + 1;
    if (!text.includes(`"type":"${HANDED_OVER}"`)) continue;
    const event = parseLine(text, releasePaths(dir).journal, seq);
    if (event.type === HANDED_OVER && (event.data as { to?: unknown }).to === name) return event;
  }
  return null;
}

/** The page's lines as a Buffer (a view of the same bytes). */
function asBuffer(lines: Uint8Array): Buffer {
  return Buffer.isBuffer(lines) ? lines : Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
}
