import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReleaseMetaState, ReleaseState } from '../../../contract/models';
import type { TimelineFilter } from '../../../contract/timeline-query';
import { EVENT_KINDS } from '../../../contract/event-kinds';
import { client } from '../client/warroom-client';
import { describeEvent, type EventKind } from '../format/describe-event';
import { useTimeline } from './timeline/use-timeline';
import { formatTimeOfDay, viewerZone, zoneLabel } from '../format/time';
import { IncidentsPanel } from './timeline/IncidentsPanel';
import '../styles/timeline.css';
import { FormError } from '../components/FormError';
import { DateTimeField } from '../components/TimeFields';

const TIMELINE_LIST = {
  /** Rows are one line high; the virtual list measures the few that wrap. */
  rowPx: 30,
  /** Rows rendered beyond the visible ones. */
  overscan: 20,
  /** Ask for the next page when the last loaded row is this close to the screen. */
  loadMoreWithinRows: 40,
} as const;

/**
 * Every journal event of the release, newest first, live, a page at a time from main; filtered by kind, actor and
 * time (times typed in the release zone); shown in the release zone, UTC and the
 * viewer's zone. Incidents and action items sit above, editable. Alt+N adds from anywhere.
 */
export function TimelineView({ slug, meta, state }: { slug: string; meta: ReleaseMetaState; state: ReleaseState; noteFocusToken: number }) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'note' | 'decision'>('note');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [kindFilter, setKindFilter] = useState<ReadonlySet<EventKind>>(new Set());
  const [actorFilter, setActorFilter] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const zones = [meta.zone, 'UTC', viewerZone()].filter((zone, index, all) => all.indexOf(zone) === index);
  const filter = useMemo((): TimelineFilter => {
    const parse = (value: string) => (value ? DateTime.fromISO(value, { zone: meta.zone }).toMillis() : undefined);
    const fromMs = parse(from);
    const toMs = parse(to);
    return {
      ...(kindFilter.size > 0 ? { kinds: [...kindFilter].sort() } : {}),
      ...(actorFilter ? { actor: actorFilter } : {}),
      ...(fromMs !== undefined && Number.isFinite(fromMs) ? { fromMs } : {}),
      ...(toMs !== undefined && Number.isFinite(toMs) ? { toMs } : {}),
      ...(deferredSearch ? { text: deferredSearch } : {}),
    };
  }, [kindFilter, actorFilter, from, to, deferredSearch, meta.zone]);
  const timeline = useTimeline(slug, filter);
  const { events, error, actors } = timeline;
  const rows = useMemo(() => events.map((event) => ({ event, ...describeEvent(event) })), [events]);
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => TIMELINE_LIST.rowPx,
    overscan: TIMELINE_LIST.overscan,
    getItemKey: (index) => rows[index]?.event.seq ?? index,
  });
  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible[visible.length - 1]?.index ?? 0;
  const { hasMore, loadMore } = timeline;
  useEffect(() => {
    if (hasMore && lastVisible >= rows.length - TIMELINE_LIST.loadMoreWithinRows) loadMore();
  }, [hasMore, lastVisible, rows.length, loadMore]);
  const filtered = kindFilter.size > 0 || actorFilter || from || to || search;

  const save = () => {
    if (!text.trim()) return;
    setSaving(true);
    client.call('note.add', { slug, kind, text }).then(
      () => {
        setText('');
        setSaveError(null);
        setSaving(false);
      },
      (failure: Error) => {
        setSaveError(failure.message);
        setSaving(false);
      },
    );
  };
  const toggleKind = (value: EventKind) =>
    setKindFilter((current) => {
      const next = new Set(current);
      if (next.has(value)) next.delete(value);
      else next.add(value);
      return next;
    });

  return (
    <section className="view timeline-view" aria-label="Timeline">
      <IncidentsPanel slug={slug} incidents={state.incidents} zone={meta.zone} />
      <form
        className="note-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <textarea
          data-testid="note-input"
          value={text}
          placeholder="Add to the timeline: what happened, what was decided (Alt+N from anywhere adds notes, decisions, incidents and action items; Ctrl+Enter saves)"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              save();
            }
          }}
          rows={2}
          maxLength={20000}
        />
        <div className="note-actions">
          <select value={kind} onChange={(event) => setKind(event.target.value as 'note' | 'decision')} aria-label="Kind">
            <option value="note">Note</option>
            <option value="decision">Decision</option>
          </select>
          <button type="submit" className="button primary" disabled={saving || !text.trim()} data-testid="note-save">
            {saving ? 'Saving…' : 'Add'}
          </button>
        </div>
        <FormError message={saveError} />
      </form>
      <div className="timeline-filters" role="group" aria-label="Filter the timeline">
        <div className="kind-chips">
          {EVENT_KINDS.map((value) => (
            <button
              key={value}
              type="button"
              className={`kind kind-${value} chip ${kindFilter.has(value) ? 'on' : ''}`}
              aria-pressed={kindFilter.has(value)}
              onClick={() => toggleKind(value)}
              data-testid={`filter-kind-${value}`}
            >
              {value}
            </button>
          ))}
        </div>
        <label>
          Who
          <select value={actorFilter} onChange={(event) => setActorFilter(event.target.value)} data-testid="filter-actor">
            <option value="">everyone</option>
            {actors.map((actor) => (
              <option key={actor} value={actor}>
                {actor}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <span className="field-label">From ({zoneLabel(meta.zone)})</span>
          <DateTimeField label={`From (${zoneLabel(meta.zone)})`} withSeconds value={from} onChange={setFrom} testId="filter-from" />
        </div>
        <div className="field">
          <span className="field-label">To ({zoneLabel(meta.zone)})</span>
          <DateTimeField label={`To (${zoneLabel(meta.zone)})`} withSeconds value={to} onChange={setTo} testId="filter-to" />
        </div>
        <label>
          Search
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="text, type or who" data-testid="filter-text" />
        </label>
        <span className="filter-count" data-testid="filter-count" aria-live="polite">
          {timeline.loading
            ? 'Loading…'
            : filtered
              ? `${timeline.matched === null ? `${rows.length}${timeline.hasMore ? '+' : ''}` : timeline.matched.toLocaleString('en-GB')} of ${timeline.total.toLocaleString('en-GB')} events`
              : `${timeline.total.toLocaleString('en-GB')} events`}
        </span>
        {filtered ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setKindFilter(new Set());
              setActorFilter('');
              setFrom('');
              setTo('');
              setSearch('');
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      {error ? <div className="form-error">{error}</div> : null}
      <div className="timeline-scroll" ref={listRef} data-testid="timeline-scroll">
        <table className="timeline" data-testid="timeline" aria-busy={timeline.loading}>
          <thead>
            <tr>
              <th>#</th>
              {zones.map((zone) => (
                <th key={zone}>{zone === viewerZone() && zone !== meta.zone && zone !== 'UTC' ? 'You' : zoneLabel(zone)}</th>
              ))}
              <th>Who</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {visible.length > 0 && visible[0]!.start > 0 ? <tr aria-hidden="true" className="timeline-spacer" style={{ height: visible[0]!.start }} /> : null}
            {visible.map((item) => {
              const row = rows[item.index]!;
              const { event, kind: eventKind, text: description } = row;
              return (
                <tr key={item.key} ref={virtualizer.measureElement} data-index={item.index} className={`event event-${eventKind}`} data-seq={event.seq}>
                  <td className="seq">{event.seq}</td>
                  {zones.map((zone) => (
                    <td key={zone} className="time">
                      {formatTimeOfDay(event.ts, zone)}
                    </td>
                  ))}
                  <td className="actor">{event.actor}</td>
                  <td className="what">
                    <span className={`kind kind-${eventKind}`}>{eventKind}</span> {description}
                  </td>
                </tr>
              );
            })}
            {visible.length > 0 && virtualizer.getTotalSize() - visible[visible.length - 1]!.end > 0 ? (
              <tr aria-hidden="true" className="timeline-spacer" style={{ height: virtualizer.getTotalSize() - visible[visible.length - 1]!.end }} />
            ) : null}
          </tbody>
        </table>
        {!timeline.loading && rows.length === 0 ? (
          <p className="empty">{filtered ? 'No event matches these filters.' : 'Nothing on the timeline yet.'}</p>
        ) : null}
      </div>
    </section>
  );
}
