import { EVENT_KINDS, eventKindOf, type EventKind } from '../../../contract/event-kinds';
import { isEmptyFilter, matchesTimelineFilter, type TimelineFilter, type TimelinePage } from '../../../contract/timeline-query';
import type { JournalEvent } from '../../../contract/domain/journal/journal-event';
import type { EventHeader } from './event-header';

/** Where the index reads the events of a page from (the journal file, by seq, inclusive). */
export interface EventSource {
  read(fromSeq: number, toSeq: number): readonly JournalEvent[];
}

const INDEX_TUNING = {
  /** First capacity of the columns; they double as the journal grows. */
  initialCapacity: 1024,
  /** The most events one timeline page may carry (the renderer asks for a screenful and a margin). */
  maxPageSize: 1000,
  /** Events read at a time while a text search walks the journal back. */
  textScanBlock: 2048,
} as const;

const KIND_CODE: ReadonlyMap<EventKind, number> = new Map(EVENT_KINDS.map((kind, index) => [kind, index]));

/**
 * A columnar index of a journal: time, kind and actor of every event, by seq.
 *
 * Built while a release opens and kept current on every append, so a filtered page of
 * the timeline is a scan of three typed arrays (a million events in a few milliseconds)
 * and never a walk of the event objects; only the events of the page itself are read.
 * Text search is the exception: it reads the events it checks, newest first, and stops
 * once the page is full.
 */
export class JournalIndex {
  private times = new Float64Array(INDEX_TUNING.initialCapacity);
  private kinds = new Uint8Array(INDEX_TUNING.initialCapacity);
  private actorIds = new Uint32Array(INDEX_TUNING.initialCapacity);
  private readonly actorNames: string[] = [];
  private readonly actorIdOf = new Map<string, number>();
  private size = 0;

  /** Index events in seq order; they must continue the indexed sequence. */
  add(events: readonly JournalEvent[]): void {
    for (const event of events) {
      if (event.seq !== this.size + 1) throw new Error(`journal index: expected seq ${this.size + 1}, got ${event.seq}`);
      this.addHeader({ tsMs: Date.parse(event.ts), actor: event.actor, kind: eventKindOf(event.type, event.data) });
    }
  }

  /** Index the next event from its header (read from its line while the journal opens). */
  addHeader(header: EventHeader): void {
    this.reserve(this.size + 1);
    const index = this.size;
    this.times[index] = header.tsMs;
    this.kinds[index] = KIND_CODE.get(header.kind) ?? KIND_CODE.get('other')!;
    let actor = this.actorIdOf.get(header.actor);
    if (actor === undefined) {
      actor = this.actorNames.length;
      this.actorNames.push(header.actor);
      this.actorIdOf.set(header.actor, actor);
    }
    this.actorIds[index] = actor;
    this.size += 1;
  }

  /** Seqs of the events of these kinds, oldest first (e.g. a risk's history). */
  seqsOfKinds(kinds: readonly EventKind[]): number[] {
    const codes = new Set(kinds.map((kind) => KIND_CODE.get(kind)));
    const seqs: number[] = [];
    for (let index = 0; index < this.size; index += 1) if (codes.has(this.kinds[index])) seqs.push(index + 1);
    return seqs;
  }

  get count(): number {
    return this.size;
  }

  /** A page of events matching `filter`, newest first, older than `beforeSeq` (the head when absent). */
  page(source: EventSource, query: { readonly beforeSeq?: number; readonly limit: number; readonly filter: TimelineFilter }): TimelinePage<JournalEvent> {
    const limit = Math.max(1, Math.min(query.limit, INDEX_TUNING.maxPageSize));
    const start = Math.min(query.beforeSeq === undefined ? this.size : query.beforeSeq - 1, this.size) - 1;
    const structural = this.structuralMatcher(query.filter);
    const text = query.filter.text ? { text: query.filter.text } : null;
    const picked: JournalEvent[] = [];
    let index = start;
    if (!text) {
      const seqs: number[] = [];
      for (; index >= 0 && seqs.length < limit; index -= 1) if (!structural || structural(index)) seqs.push(index + 1);
      picked.push(...readSeqs(source, seqs));
    } else {
      // A text search reads the journal back a block at a time until the page is full.
      while (index >= 0 && picked.length < limit) {
        const low = Math.max(0, index - INDEX_TUNING.textScanBlock + 1);
        const block = source.read(low + 1, index + 1);
        let at = index;
        for (; at >= low && picked.length < limit; at -= 1) {
          if (structural && !structural(at)) continue;
          const event = block[at - low];
          if (event && matchesTimelineFilter(event, text)) picked.push(event);
        }
        index = at;
      }
    }
    let matched: number | null = null;
    if (!text) {
      if (!structural) matched = this.size;
      else {
        matched = 0;
        for (let at = 0; at < this.size; at += 1) if (structural(at)) matched += 1;
      }
    }
    // More may match below `index` only if the scan stopped because the page was full.
    const nextBeforeSeq = picked.length === limit && index >= 0 ? index + 2 : null;
    return { events: picked, matched, total: this.size, actors: [...this.actorNames].sort(), nextBeforeSeq };
  }

  /** A check by index of the kind, actor and time parts of a filter; null when none is set. */
  private structuralMatcher(filter: TimelineFilter): ((index: number) => boolean) | null {
    if (isEmptyFilter({ ...filter, text: undefined })) return null;
    const kinds = filter.kinds && filter.kinds.length > 0 ? new Set(filter.kinds.map((kind) => KIND_CODE.get(kind))) : null;
    const actor = filter.actor ? (this.actorIdOf.get(filter.actor) ?? -1) : null;
    const from = filter.fromMs ?? Number.NEGATIVE_INFINITY;
    const to = filter.toMs ?? Number.POSITIVE_INFINITY;
    return (index) =>
      (kinds === null || kinds.has(this.kinds[index])) &&
      (actor === null || this.actorIds[index] === actor) &&
      this.times[index]! >= from &&
      this.times[index]! <= to;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.times.length) return;
    let next = this.times.length;
    while (next < capacity) next *= 2;
    const grow = <T extends Float64Array | Uint8Array | Uint32Array>(old: T, make: (length: number) => T): T => {
      const bigger = make(next);
      bigger.set(old);
      return bigger;
    };
    this.times = grow(this.times, (length) => new Float64Array(length));
    this.kinds = grow(this.kinds, (length) => new Uint8Array(length));
    this.actorIds = grow(this.actorIds, (length) => new Uint32Array(length));
  }
}

/** Read events by seq (descending), one read per run of consecutive seqs. */
function readSeqs(source: EventSource, seqs: readonly number[]): JournalEvent[] {
  const events: JournalEvent[] = [];
  let runStart = 0;
  for (let at = 1; at <= seqs.length; at += 1) {
    if (at < seqs.length && seqs[at] === seqs[at - 1]! - 1) continue;
    const high = seqs[runStart]!;
    const low = seqs[at - 1]!;
    events.push(...[...source.read(low, high)].reverse());
    runStart = at;
  }
  return events;
}
