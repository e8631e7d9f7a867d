import { useEffect, useState } from 'react';
import { client } from '../../client/warroom-client';
import type { Pod, ScheduleStatus } from './schedule-types';
import { WEEKDAYS } from './schedule-format';

const DAY_PRESETS = { weekdays: [1, 2, 3, 4, 5], everyDay: [1, 2, 3, 4, 5, 6, 7] } as const;

/** Edit the release window (wall-clock start, end, go-live in one IANA zone) and the pods. */
export function WindowEditor({ slug, status }: { slug: string; status: ScheduleStatus }) {
  return (
    <div className="schedule-card window-editor">
      <WindowForm slug={slug} status={status} />
      <PodsForm slug={slug} status={status} />
    </div>
  );
}

function WindowForm({ slug, status }: { slug: string; status: ScheduleStatus }) {
  const [start, setStart] = useState(status.window.start);
  const [end, setEnd] = useState(status.window.end);
  const [goLive, setGoLive] = useState(status.window.goLive ?? status.window.start);
  const [zone, setZone] = useState(status.window.zone);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  useEffect(() => {
    setStart(status.window.start);
    setEnd(status.window.end);
    setGoLive(status.window.goLive ?? status.window.start);
    setZone(status.window.zone);
  }, [status.window]);
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    client.call('schedule.setWindow', { slug, window: { start, end, goLive, zone } }).then(
      () => setMessage({ error: false, text: 'Window saved (journaled).' }),
      (failure: Error) => setMessage({ error: true, text: failure.message }),
    );
  };
  return (
    <form className="form compact" onSubmit={save} aria-label="Release window" data-testid="window-form">
      <h3>Release window {status.windowIsDefault ? <span className="hint">(default: go-live to +4h, not saved yet)</span> : null}</h3>
      <div className="form-row">
        <label>
          Opens
          <input type="datetime-local" value={start} onChange={(event) => setStart(event.target.value)} required data-testid="window-start" />
        </label>
        <label>
          Closes
          <input type="datetime-local" value={end} onChange={(event) => setEnd(event.target.value)} required data-testid="window-end" />
        </label>
      </div>
      <div className="form-row">
        <label>
          Go-live (T-0)
          <input type="datetime-local" value={goLive} onChange={(event) => setGoLive(event.target.value)} required data-testid="window-golive" />
        </label>
        <label>
          Time zone (IANA)
          <input value={zone} onChange={(event) => setZone(event.target.value)} list="zone-suggestions" required spellCheck={false} data-testid="window-zone" />
        </label>
      </div>
      <ZoneSuggestions />
      {status.resolved.warnings.map((warning) => (
        <p key={warning.local} className="hint warn">
          {warning.message}
        </p>
      ))}
      {message ? (
        <div className={message.error ? 'form-error' : 'form-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="window-save">
          Save window
        </button>
      </div>
    </form>
  );
}

/** A few zones people pick often; any IANA name is accepted. */
export function ZoneSuggestions() {
  return (
    <datalist id="zone-suggestions">
      {[
        'Europe/Berlin',
        'Europe/London',
        'America/Sao_Paulo',
        'America/New_York',
        'America/Los_Angeles',
        'Asia/Kolkata',
        'Asia/Singapore',
        'Asia/Tokyo',
        'Australia/Sydney',
        'UTC',
      ].map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}

function PodsForm({ slug, status }: { slug: string; status: ScheduleStatus }) {
  const [pods, setPods] = useState<Pod[]>(() => [...status.pods]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  useEffect(() => setPods([...status.pods]), [status.pods]);
  const update = (index: number, change: Partial<Pod>) => setPods((current) => current.map((pod, at) => (at === index ? { ...pod, ...change } : pod)));
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    client.call('schedule.setPods', { slug, pods }).then(
      () => setMessage({ error: false, text: 'Pods saved (journaled).' }),
      (failure: Error) => setMessage({ error: true, text: failure.message }),
    );
  };
  return (
    <form className="form compact" onSubmit={save} aria-label="Pods" data-testid="pods-form">
      <h3>Pods</h3>
      <ul className="pod-rows">
        {pods.map((pod, index) => (
          <li key={index} className="pod-row" data-testid="pod-row">
            <input
              className="pod-field-name"
              aria-label="Pod name"
              value={pod.name}
              onChange={(event) => update(index, { name: event.target.value })}
              required
            />
            <input
              className="pod-field-zone"
              aria-label="Pod zone"
              value={pod.zone}
              list="zone-suggestions"
              spellCheck={false}
              onChange={(event) => update(index, { zone: event.target.value })}
              required
            />
            <span className="pod-field-hours">
              <input
                aria-label="Works from"
                type="time"
                value={pod.hours.start}
                onChange={(event) => update(index, { hours: { ...pod.hours, start: event.target.value } })}
                required
              />
              <span aria-hidden="true">–</span>
              <input
                aria-label="Works until"
                type="time"
                value={pod.hours.end}
                onChange={(event) => update(index, { hours: { ...pod.hours, end: event.target.value } })}
                required
              />
            </span>
            <select
              className="pod-field-days"
              aria-label="Working days"
              value={(pod.days ?? DAY_PRESETS.weekdays).length === 7 ? 'everyDay' : 'weekdays'}
              onChange={(event) => update(index, { days: [...DAY_PRESETS[event.target.value as keyof typeof DAY_PRESETS]] })}
            >
              <option value="weekdays">
                {WEEKDAYS[0]}–{WEEKDAYS[4]}
              </option>
              <option value="everyDay">every day</option>
            </select>
            <button
              type="button"
              className="button secondary small"
              aria-label={`Remove pod ${pod.name}`}
              onClick={() => setPods((current) => current.filter((_, at) => at !== index))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      {message ? (
        <div className={message.error ? 'form-error' : 'form-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </div>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button secondary"
          onClick={() => setPods((current) => [...current, { name: `Pod ${current.length + 1}`, zone: 'UTC', hours: { start: '09:00', end: '17:00' } }])}
        >
          + Pod
        </button>
        <button type="submit" className="button primary" data-testid="pods-save">
          Save pods
        </button>
      </div>
    </form>
  );
}
