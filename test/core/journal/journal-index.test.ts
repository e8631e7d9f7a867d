import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JournalIndex, type EventSource } from '../../../main/core/journal/journal-index';
import type { JournalEvent } from '../../../contract/domain/journal/journal-event';
import { matchesTimelineFilter, type TimelineFilter } from '../../../contract/timeline-query';

/** Events by seq, as the journal file gives them. */
function source(events: readonly JournalEvent[]): EventSource {
  return { read: (fromSeq, toSeq) => events.slice(fromSeq - 1, toSeq) };
}

function makeEvents(count: number): JournalEvent[] {
  const types = ['note.added', 'checklist.item-status-changed', 'run.step-finished', 'terminal.command-finished', 'risks.occurred', 'poll.decided'];
  const actors = ['ana', 'bo', 'chen'];
  return Array.from({ length: count }, (_, index) => ({
    seq: index + 1,
    ts: new Date(Date.UTC(2026, 2, 29, 0, 0, index)).toISOString(),
    actor: actors[index % actors.length]!,
    type: types[index % types.length]!,
    data: index % 6 === 0 ? { kind: index % 12 === 0 ? 'decision' : 'note', text: `note number ${index + 1}` } : { n: index + 1 },
    prev: '',
    hash: String(index + 1),
  }));
}

/** The answer by brute force: every event, newest first, filtered with the shared matcher. */
function expected(events: readonly JournalEvent[], filter: TimelineFilter, beforeSeq?: number): JournalEvent[] {
  return [...events].reverse().filter((event) => (beforeSeq === undefined || event.seq < beforeSeq) && matchesTimelineFilter(event, filter));
}

const FILTERS: readonly TimelineFilter[] = [
  {},
  { kinds: ['decision'] },
  { kinds: ['incident', 'playbook'] },
  { actor: 'bo' },
  { actor: 'nobody' },
  { fromMs: Date.UTC(2026, 2, 29, 0, 1, 0), toMs: Date.UTC(2026, 2, 29, 0, 2, 0) },
  { text: 'number 1' },
  { kinds: ['note', 'decision'], actor: 'ana', text: 'NOTE' },
];

test('pages walked newest first with nextBeforeSeq give exactly the filtered journal, for every filter', () => {
  const events = makeEvents(1000);
  const index = new JournalIndex();
  index.add(events.slice(0, 400));
  index.add(events.slice(400));
  for (const filter of FILTERS) {
    const want = expected(events, filter);
    const got: JournalEvent[] = [];
    let beforeSeq: number | undefined;
    for (let pages = 0; pages < 1000; pages += 1) {
      const page = index.page(source(events), { ...(beforeSeq === undefined ? {} : { beforeSeq }), limit: 37, filter });
      got.push(...page.events);
      assert.equal(page.total, 1000);
      if (filter.text === undefined) assert.equal(page.matched, want.length, `matched count for ${JSON.stringify(filter)}`);
      else assert.equal(page.matched, null);
      if (page.nextBeforeSeq === null) break;
      beforeSeq = page.nextBeforeSeq;
    }
    assert.deepEqual(
      got.map((event) => event.seq),
      want.map((event) => event.seq),
      `pages for ${JSON.stringify(filter)}`,
    );
  }
});

test('the index refuses a gap in seq, and lists every actor once, sorted', () => {
  const events = makeEvents(10);
  const index = new JournalIndex();
  index.add(events.slice(0, 5));
  assert.throws(() => index.add(events.slice(6)), /expected seq 6/);
  index.add(events.slice(5));
  assert.deepEqual(index.page(source(events), { limit: 5, filter: {} }).actors, ['ana', 'bo', 'chen']);
});

test('a page of a million-event index reads only the events it returns', () => {
  const count = 1_000_000;
  const index = new JournalIndex();
  const batch = makeEvents(1000);
  // The same 1,000 event objects under a million seqs: the index only reads ts, type, actor.
  for (let start = 0; start < count; start += 1000) index.add(batch.map((event, offset) => ({ ...event, seq: start + offset + 1 })));
  let reads = 0;
  const history: EventSource = {
    read(fromSeq, toSeq) {
      reads += toSeq - fromSeq + 1;
      return Array.from({ length: toSeq - fromSeq + 1 }, (_, offset) => ({ ...batch[(fromSeq + offset - 1) % 1000]!, seq: fromSeq + offset }));
    },
  };
  const page = index.page(history, { limit: 200, filter: { kinds: ['decision'] } });
  assert.equal(page.events.length, 200);
  assert.equal(reads, 200, 'only the page is read from the journal');
  assert.equal(page.events[0]!.seq > page.events[199]!.seq, true);
});
