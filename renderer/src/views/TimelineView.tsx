import { useMemo, useState } from 'react';
import { DateTime } from 'luxon';
import type { ReleaseMetaState, ReleaseState } from '../../../contract/models';
import { client } from '../client/warroom-client';
import { useJournal } from '../app/hooks';
import { describeEvent, type EventKind } from '../format/describe-event';
import { formatTimeOfDay, viewerZone, zoneLabel } from '../format/time';
import { IncidentsPanel } from './timeline/IncidentsPanel';
import '../styles/timeline.css';
import { FormError } from '../components/FormError';
import { DateTimeField } from '../components/TimeFields';

const KINDS: readonly EventKind[] = [
  'note',
  'decision',
  'incident',
  'action-item',
  'checklist',
  'poll',
  'risk',
  'playbook',
  'terminal',
  'schedule',
  'release',
  'report',
  'other',
];

/**
 * Every journal event of the release, newest first, live; filtered by kind, actor and
 * time (times typed in the release zone); shown in the release zone, UTC and the
 * viewer's zone. Incidents and action items sit above, editable. Alt+N adds from anywhere.
 */
export function TimelineView({ slug, meta, state }: { slug: string; meta: ReleaseMetaState; state: ReleaseState; noteFocusToken: number }) {
  const { events, error } = useJournal(slug);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'note' | 'decision'>('note');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [kindFilter, setKindFilter] = useState<ReadonlySet<EventKind>>(new Set());
  const [actorFilter, setActorFilter] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const zones = [meta.zone, 'UTC', viewerZone()].filter((zone, index, all) => all.indexOf(zone) === index);
  const described = useMemo(() => [...events].reverse().map((event) => ({ event, ...describeEvent(event) })), [events]);
  const actors = useMemo(() => [...new Set(events.map((event) => event.actor))].sort(), [events]);
  const bounds = useMemo(() => {
    const parse = (value: string) => (value ? DateTime.fromISO(value, { zone: meta.zone }).toMillis() : null);
    return { from: parse(from), to: parse(to) };
  }, [from, to, meta.zone]);
  const rows = described.filter(({ event, kind: eventKind }) => {
    if (kindFilter.size > 0 && !kindFilter.has(eventKind)) return false;
    if (actorFilter && event.actor !== actorFilter) return false;
    const at = Date.parse(event.ts);
    if (bounds.from !== null && at < bounds.from) return false;
    if (bounds.to !== null && at > bounds.to) return false;
    return true;
  });

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
          {KINDS.map((value) => (
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
        <span className="filter-count" data-testid="filter-count">
          {rows.length} of {events.length}
        </span>
        {kindFilter.size > 0 || actorFilter || from || to ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setKindFilter(new Set());
              setActorFilter('');
              setFrom('');
              setTo('');
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      {error ? <div className="form-error">{error}</div> : null}
      <table className="timeline" data-testid="timeline">
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
          {rows.map(({ event, kind: eventKind, text: description }) => (
            <tr key={event.seq} className={`event event-${eventKind}`} data-seq={event.seq}>
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
          ))}
        </tbody>
      </table>
    </section>
  );
}
