import { useEffect, useState } from 'react';
import { client } from '../../client/warroom-client';
import type { Pod, ScheduleStatus } from './schedule-types';
import { WEEKDAYS } from './schedule-format';
import { describeWindowLength } from './window-length';
import { DateTimeField, TimeField } from '../../components/TimeFields';

/** Pods work Monday to Friday unless told otherwise (as the main side assumes). */
const DEFAULT_DAYS = [1, 2, 3, 4, 5] as const;
const WEEKDAY_NAMES = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'] as const;

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
  // Follow the saved window when it changes, not each time the status is fetched again (a
  // note or a pod saved elsewhere refetches it): that reset the fields someone was typing in.
  const saved = status.window;
  useEffect(() => {
    setStart(saved.start);
    setEnd(saved.end);
    setGoLive(saved.goLive ?? saved.start);
    setZone(saved.zone);
  }, [saved.start, saved.end, saved.goLive, saved.zone]);
  const length = describeWindowLength(status.window, status.resolved);
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
        <div className="field">
          <span className="field-label">Opens</span>
          <DateTimeField label="Opens" value={start} onChange={setStart} required testId="window-start" />
        </div>
        <div className="field">
          <span className="field-label">Closes</span>
          <DateTimeField label="Closes" value={end} onChange={setEnd} required testId="window-end" />
        </div>
      </div>
      <p className={`hint window-length ${length.clockChange ? 'warn' : ''}`} data-testid="window-length">
        Lasts {length.text}
        {status.window.start !== start || status.window.end !== end || status.window.zone !== zone ? ' (as saved)' : ''}
      </p>
      <div className="form-row">
        <div className="field">
          <span className="field-label">Go-live (T-0)</span>
          <DateTimeField label="Go-live" value={goLive} onChange={setGoLive} required testId="window-golive" />
        </div>
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
  const savedPods = JSON.stringify(status.pods);
  useEffect(() => setPods(JSON.parse(savedPods) as Pod[]), [savedPods]);
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
              <TimeField
                aria-label={`${pod.name} works from (24-hour)`}
                value={pod.hours.start}
                onChange={(value) => update(index, { hours: { ...pod.hours, start: value } })}
                required
                data-testid="pod-from"
              />
              <span aria-hidden="true">–</span>
              <TimeField
                aria-label={`${pod.name} works until (24-hour)`}
                value={pod.hours.end}
                allowEndOfDay
                onChange={(value) => update(index, { hours: { ...pod.hours, end: value } })}
                required
                data-testid="pod-until"
              />
            </span>
            <fieldset className="pod-field-days" data-testid="pod-days">
              <legend className="visually-hidden">{pod.name}’s working days</legend>
              {WEEKDAYS.map((name, dayIndex) => {
                const day = dayIndex + 1;
                const days: readonly number[] = pod.days ?? DEFAULT_DAYS;
                const checked = days.includes(day);
                return (
                  <label
                    key={name}
                    className={`day-toggle ${checked ? 'checked' : ''} ${day >= 6 ? 'weekend' : ''}`}
                    title={`${pod.name} works ${WEEKDAY_NAMES[dayIndex]}`}
                  >
                    <input
                      type="checkbox"
                      checked={checked}
                      aria-label={`${pod.name} works ${WEEKDAY_NAMES[dayIndex]}`}
                      data-testid={`pod-day-${day}`}
                      onChange={(event) => {
                        const next = event.target.checked ? [...days, day].sort((a, b) => a - b) : days.filter((entry) => entry !== day);
                        update(index, { days: next.length === 0 ? [day] : next });
                      }}
                    />
                    {name.slice(0, 2)}
                  </label>
                );
              })}
            </fieldset>
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
