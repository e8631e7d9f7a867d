import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReleaseMetaState } from '../../../contract/models';
import { client } from '../client/warroom-client';
import { useJournal } from '../app/hooks';
import { describeEvent } from '../format/describe-event';
import { formatTimeOfDay, viewerZone, zoneLabel } from '../format/time';

/** Every journal event of the release, newest first, live; and a note box for the operator. */
export function TimelineView({ slug, meta, noteFocusToken }: { slug: string; meta: ReleaseMetaState; noteFocusToken: number }) {
  const { events, error } = useJournal(slug);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'note' | 'decision'>('note');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (noteFocusToken > 0) input.current?.focus();
  }, [noteFocusToken]);
  const zones = [meta.zone, 'UTC', viewerZone()].filter((zone, index, all) => all.indexOf(zone) === index);
  const rows = useMemo(() => [...events].reverse(), [events]);

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

  return (
    <section className="view timeline-view" aria-label="Timeline">
      <form
        className="note-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <textarea
          ref={input}
          data-testid="note-input"
          value={text}
          placeholder="Add to the timeline: what happened, what was decided (Alt+N from anywhere; Ctrl+Enter to save)"
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
        {saveError ? (
          <div className="form-error" role="alert">
            {saveError}
          </div>
        ) : null}
      </form>
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
          {rows.map((event) => {
            const { kind: eventKind, text: description } = describeEvent(event);
            return (
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
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
