import { useCallback, useEffect, useRef, useState } from 'react';
import type { IcsImportOutcome, WorkspaceCalendarView } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import type { Blackout, BlackoutScope, FridayRule } from './schedule-types';
import { WEEKDAYS, describeRule, describeScope } from './schedule-format';
import { ZoneSuggestions } from './WindowEditor';
import { FormError } from '../../components/FormError';
import { DateTimeField, TimeField } from '../../components/TimeFields';

/** The workspace calendar: blackouts (add, remove), the Friday rule, .ics import and export. */
export function BlackoutPanel({ defaultZone }: { defaultZone: string }) {
  const [calendar, setCalendar] = useState<WorkspaceCalendarView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    client.call('calendar.get', {}).then(setCalendar, (failure: Error) => setError(failure.message));
  }, []);
  useEffect(() => {
    load();
    return client.on('calendar.changed', load);
  }, [load]);
  const remove = (id: string) => client.call('calendar.removeBlackout', { id }).then(setCalendar, (failure: Error) => setError(failure.message));
  return (
    <div className="schedule-card blackouts" data-testid="blackout-panel">
      <h3>Workspace blackouts</h3>
      {calendar?.warnings.map((warning) => (
        <div key={warning} className="form-error" role="alert">
          {warning}
        </div>
      ))}
      <FormError message={error} />
      {calendar && calendar.blackouts.length === 0 ? <p className="empty">No blackouts yet.</p> : null}
      <ul className="blackout-list" data-testid="blackout-list">
        {calendar?.blackouts.map((blackout) => (
          <li key={blackout.id} className="blackout-item" data-testid="blackout-item">
            <div>
              <div className="blackout-title">
                {blackout.title}
                {blackout.informational ? <span className="blackout-info-tag"> information only, does not block</span> : null}
              </div>
              <div className="blackout-rule">{describeRule(blackout)}</div>
              <div className="blackout-meta">
                for {describeScope(blackout.scope)} ·{' '}
                {blackout.source?.kind === 'ics'
                  ? `imported from ${blackout.source.file?.replace(/^imports\//, '') ?? '.ics'}`
                  : `added by ${blackout.addedBy}`}
              </div>
            </div>
            <button type="button" className="button secondary small" onClick={() => void remove(blackout.id)} aria-label={`Remove blackout ${blackout.title}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <AddBlackoutForm defaultZone={defaultZone} onSaved={setCalendar} />
      {calendar ? <FridayRuleForm rule={calendar.fridayRule} onSaved={setCalendar} /> : null}
      <IcsTools defaultZone={defaultZone} />
    </div>
  );
}

type Kind = 'weekly' | 'once' | 'yearly';

function AddBlackoutForm({ defaultZone, onSaved }: { defaultZone: string; onSaved: (calendar: WorkspaceCalendarView) => void }) {
  const [kind, setKind] = useState<Kind>('weekly');
  const [title, setTitle] = useState('');
  const [zone, setZone] = useState(defaultZone);
  const [scope, setScope] = useState<'all' | 'production' | 'staging' | 'sandbox'>('all');
  const [weekly, setWeekly] = useState({ startDay: 5, startTime: '12:00', endDay: 1, endTime: '06:00' });
  const [once, setOnce] = useState({ start: '', end: '' });
  const [yearly, setYearly] = useState({ month: 12, day: 24, days: 3 });
  const [error, setError] = useState<string | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const rule: Blackout['rule'] = kind === 'weekly' ? { kind, zone, ...weekly } : kind === 'once' ? { kind, zone, ...once } : { kind, zone, ...yearly };
    const blackoutScope: BlackoutScope = scope === 'all' ? { kind: 'all' } : { kind: 'environment', environmentClass: scope };
    client.call('calendar.addBlackout', { title, scope: blackoutScope, rule }).then(
      (calendar) => {
        setError(null);
        setTitle('');
        onSaved(calendar);
      },
      (failure: Error) => setError(failure.message),
    );
  };
  return (
    <form className="form compact add-blackout" onSubmit={submit} aria-label="Add a blackout" data-testid="blackout-form">
      <h4>Add a blackout</h4>
      <div className="form-row">
        <label>
          Title
          <input value={title} onChange={(event) => setTitle(event.target.value)} required placeholder="Payments freeze" data-testid="blackout-title" />
        </label>
        <label className="narrow">
          Repeats
          <select value={kind} onChange={(event) => setKind(event.target.value as Kind)} data-testid="blackout-kind">
            <option value="weekly">weekly</option>
            <option value="once">once</option>
            <option value="yearly">yearly</option>
          </select>
        </label>
      </div>
      {kind === 'weekly' ? (
        <div className="form-row">
          <DayTime
            label="From"
            day={weekly.startDay}
            time={weekly.startTime}
            onChange={(day, time) => setWeekly({ ...weekly, startDay: day, startTime: time })}
            testId="blackout-from"
          />
          <DayTime
            label="Until"
            day={weekly.endDay}
            time={weekly.endTime}
            onChange={(day, time) => setWeekly({ ...weekly, endDay: day, endTime: time })}
            testId="blackout-until"
          />
        </div>
      ) : null}
      {kind === 'once' ? (
        <div className="form-row">
          <div className="field">
            <span className="field-label">From</span>
            <DateTimeField label="From" value={once.start} onChange={(start) => setOnce({ ...once, start })} required testId="blackout-once-from" />
          </div>
          <div className="field">
            <span className="field-label">Until</span>
            <DateTimeField label="Until" value={once.end} onChange={(end) => setOnce({ ...once, end })} required testId="blackout-once-until" />
          </div>
        </div>
      ) : null}
      {kind === 'yearly' ? (
        <div className="form-row">
          <label>
            Month
            <input type="number" min={1} max={12} value={yearly.month} onChange={(event) => setYearly({ ...yearly, month: Number(event.target.value) })} />
          </label>
          <label>
            Day
            <input type="number" min={1} max={31} value={yearly.day} onChange={(event) => setYearly({ ...yearly, day: Number(event.target.value) })} />
          </label>
          <label>
            Days
            <input type="number" min={1} max={366} value={yearly.days} onChange={(event) => setYearly({ ...yearly, days: Number(event.target.value) })} />
          </label>
        </div>
      ) : null}
      <div className="form-row">
        <label>
          Time zone
          <input
            value={zone}
            onChange={(event) => setZone(event.target.value)}
            list="zone-suggestions"
            spellCheck={false}
            required
            data-testid="blackout-zone"
          />
        </label>
        <label>
          Applies to
          <select value={scope} onChange={(event) => setScope(event.target.value as typeof scope)}>
            <option value="all">all releases</option>
            <option value="production">production targets</option>
            <option value="staging">staging targets</option>
            <option value="sandbox">sandbox targets</option>
          </select>
        </label>
      </div>
      <ZoneSuggestions />
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="blackout-add">
          Add blackout
        </button>
      </div>
    </form>
  );
}

function DayTime({
  label,
  day,
  time,
  onChange,
  testId,
}: {
  label: string;
  day: number;
  time: string;
  onChange: (day: number, time: string) => void;
  testId: string;
}) {
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <span className="day-time">
        <select value={day} onChange={(event) => onChange(Number(event.target.value), time)} aria-label={`${label} day`} data-testid={`${testId}-day`}>
          {WEEKDAYS.map((name, index) => (
            <option key={name} value={index + 1}>
              {name}
            </option>
          ))}
        </select>
        <TimeField
          value={time}
          onChange={(next) => onChange(day, next)}
          aria-label={`${label} time (24-hour)`}
          allowEndOfDay
          required
          data-testid={`${testId}-time`}
        />
      </span>
    </div>
  );
}

function FridayRuleForm({ rule, onSaved }: { rule: FridayRule | null; onSaved: (calendar: WorkspaceCalendarView) => void }) {
  const [draft, setDraft] = useState<FridayRule>(() => rule ?? offRule());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(rule ?? offRule()), [rule]);
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    client.call('calendar.setFridayRule', { rule: draft }).then(
      (calendar) => {
        setError(null);
        onSaved(calendar);
      },
      (failure: Error) => setError(failure.message),
    );
  };
  return (
    <form className="form compact friday-rule" onSubmit={save} aria-label="Friday rule" data-testid="friday-rule-form">
      <h4>Friday rule</h4>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })}
          data-testid="friday-enabled"
        />{' '}
        No releases in this weekly stretch
      </label>
      <div className="form-row">
        <DayTime
          label="From"
          day={draft.fromDay}
          time={draft.fromTime}
          onChange={(day, time) => setDraft({ ...draft, fromDay: day, fromTime: time })}
          testId="friday-from"
        />
        <DayTime
          label="Until"
          day={draft.untilDay}
          time={draft.untilTime}
          onChange={(day, time) => setDraft({ ...draft, untilDay: day, untilTime: time })}
          testId="friday-until"
        />
      </div>
      <div className="form-row">
        <label>
          Time zone
          <input
            value={draft.zone ?? ''}
            list="zone-suggestions"
            spellCheck={false}
            placeholder="each release’s own zone"
            aria-describedby="friday-zone-hint"
            data-testid="friday-zone"
            onChange={(event) => {
              const { zone: _previous, ...rest } = draft;
              setDraft(event.target.value.trim() === '' ? rest : { ...rest, zone: event.target.value });
            }}
          />
          <span className="hint" id="friday-zone-hint">
            Empty: Friday afternoon in each release’s own zone.
          </span>
        </label>
        <label>
          When broken
          <select
            value={draft.severity}
            onChange={(event) => setDraft({ ...draft, severity: event.target.value as FridayRule['severity'] })}
            data-testid="friday-severity"
          >
            <option value="warn">warn</option>
            <option value="block">block the go</option>
          </select>
        </label>
      </div>
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit" className="button" data-testid="friday-save">
          Save Friday rule
        </button>
      </div>
    </form>
  );
}

function offRule(): FridayRule {
  return { enabled: false, fromDay: 5, fromTime: '12:00', untilDay: 1, untilTime: '00:00', severity: 'warn' };
}

function IcsTools({ defaultZone }: { defaultZone: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [outcome, setOutcome] = useState<IcsImportOutcome | null>(null);
  const importFile = async (file: File) => {
    try {
      const imported = await client.call('calendar.importIcs', { fileName: file.name, text: await file.text(), zone: defaultZone });
      setMessage(null);
      setOutcome(imported);
    } catch (failure) {
      setOutcome(null);
      setMessage({ error: true, text: (failure as Error).message });
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  const exportWindows = async () => {
    try {
      const exported = await client.call('schedule.exportIcs', { mode: 'tzid' });
      const url = URL.createObjectURL(new Blob([exported.text], { type: 'text/calendar' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = exported.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setMessage({ error: false, text: `Exported ${exported.windows} release window${exported.windows === 1 ? '' : 's'} as ${exported.fileName}.` });
    } catch (failure) {
      setMessage({ error: true, text: (failure as Error).message });
    }
  };
  return (
    <div className="ics-tools">
      <h4>iCalendar</h4>
      <div className="form-actions start">
        <label className="button" data-testid="ics-import-label">
          Import .ics…
          <input
            ref={input}
            type="file"
            accept=".ics,text/calendar"
            className="visually-hidden"
            data-testid="ics-import"
            onChange={(event) => event.target.files?.[0] && void importFile(event.target.files[0])}
          />
        </label>
        <button type="button" className="button" onClick={() => void exportWindows()} data-testid="ics-export">
          Export release windows (.ics)
        </button>
      </div>
      {message ? (
        <div className={message.error ? 'form-error' : 'form-ok'} role={message.error ? 'alert' : 'status'} data-testid="ics-message">
          {message.text}
        </div>
      ) : null}
      {outcome ? <IcsImportSummaryView outcome={outcome} /> : null}
    </div>
  );
}

/** What an import did: the counts in words, the caveats, and every component not imported with its line and why. */
function IcsImportSummaryView({ outcome }: { outcome: IcsImportOutcome }) {
  const { summary, record } = outcome;
  const blocking = summary.imported - summary.informational;
  const parts = [
    `Imported ${summary.imported} of ${summary.events} event${summary.events === 1 ? '' : 's'} from ${record.file}`,
    `${blocking} block${blocking === 1 ? 's' : ''}`,
    ...(summary.informational > 0 ? [`${summary.informational} kept as information (marked free, TRANSPARENT: they do not block)`] : []),
    ...(summary.markers > 0 ? [`${summary.markers} zero-length marker${summary.markers === 1 ? '' : 's'} (a start time only)`] : []),
  ];
  return (
    <div className="ics-summary form-ok" role="status" data-testid="ics-message">
      <p className="ics-summary-line">{parts.join('; ')}.</p>
      <p className="ics-summary-zone" data-testid="ics-zone">
        Times without a zone, and all-day dates, read in {summary.floatingZone.zone}
        {summary.floatingZone.source === 'X-WR-TIMEZONE' ? ' (the calendar’s X-WR-TIMEZONE)' : ' (this calendar’s zone; the file names none)'}.
      </p>
      {outcome.skipped.length > 0 ? (
        <>
          <p className="ics-summary-heading">Not imported ({outcome.skipped.length}):</p>
          <ul className="ics-skipped" data-testid="ics-skipped">
            {outcome.skipped.map((entry) => (
              <li key={`${entry.line}-${entry.component}`}>
                <span className="mono">line {entry.line}</span> {entry.component}
                {entry.title ? ` “${entry.title}”` : ''}: {entry.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {outcome.warnings.length > 0 ? (
        <ul className="ics-warnings" data-testid="ics-warnings">
          {outcome.warnings.map((warning) => (
            <li key={`${warning.line}-${warning.message}`}>
              <span className="mono">line {warning.line}</span> {warning.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
