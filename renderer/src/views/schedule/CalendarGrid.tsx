import { useCallback, useEffect, useState } from 'react';
import { DateTime } from 'luxon';
import type { CalendarDay, CalendarDayEntry, ScheduleCalendar } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { FormError } from '../../components/FormError';

const GRID = {
  /** Height of one real hour in the week view: a 25-hour day is one hour taller than a 24-hour one. */
  pxPerHour: 22,
} as const;

/**
 * Week and month views of the releases' windows and the workspace's blackouts, on local
 * days of `zone`. Days are laid out by real elapsed time, so a spring-forward day is 23
 * hours tall and a fall-back day 25; entries are placed by their instants.
 */
export function CalendarGrid({ slug, zone, seq }: { slug: string; zone: string; seq: number }) {
  const [view, setView] = useState<'week' | 'month'>('week');
  const [anchor, setAnchor] = useState(() => DateTime.now().setZone(zone).toFormat('yyyy-MM-dd'));
  const [calendar, setCalendar] = useState<ScheduleCalendar | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    client.call('schedule.calendar', { view, date: anchor, zone }).then(
      (loaded) => {
        setCalendar(loaded);
        setError(null);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [view, anchor, zone]);
  useEffect(() => {
    load();
  }, [load, seq]);
  useEffect(() => client.on('calendar.changed', load), [load]);

  const move = (step: number) =>
    setAnchor((current) =>
      DateTime.fromISO(current, { zone })
        .plus(view === 'week' ? { weeks: step } : { months: step })
        .toFormat('yyyy-MM-dd'),
    );
  const onKey = (event: React.KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    if (event.key === 'ArrowLeft') move(-1);
    else if (event.key === 'ArrowRight') move(1);
    else if (event.key === 't') setAnchor(DateTime.now().setZone(zone).toFormat('yyyy-MM-dd'));
    else return;
    event.preventDefault();
  };
  const title = DateTime.fromISO(anchor, { zone });
  const today = DateTime.now().setZone(zone).toFormat('yyyy-MM-dd');
  return (
    <section className="calendar-panel" aria-label="Calendar" tabIndex={0} onKeyDown={onKey} data-testid="calendar-grid">
      <div className="calendar-toolbar">
        <div className="segmented-buttons" role="group" aria-label="View">
          {(['week', 'month'] as const).map((option) => (
            <button
              key={option}
              type="button"
              className={`button ${view === option ? 'selected' : 'secondary'}`}
              aria-pressed={view === option}
              onClick={() => setView(option)}
              data-testid={`calendar-${option}`}
            >
              {option === 'week' ? 'Week' : 'Month'}
            </button>
          ))}
        </div>
        <div className="calendar-nav">
          <button type="button" className="button secondary" onClick={() => move(-1)} aria-label={`Previous ${view}`} data-testid="calendar-prev">
            ‹
          </button>
          <button type="button" className="button secondary" onClick={() => setAnchor(today)} data-testid="calendar-today">
            Today
          </button>
          <button type="button" className="button secondary" onClick={() => move(1)} aria-label={`Next ${view}`} data-testid="calendar-next">
            ›
          </button>
        </div>
        <h2 className="calendar-title" data-testid="calendar-title">
          {view === 'week' && calendar ? weekTitle(calendar) : title.toFormat('LLLL yyyy')}
        </h2>
        <span className="calendar-zone">{zone}</span>
        <span className="calendar-legend">
          <span className="legend window">release window</span>
          <span className="legend blackout">blackout</span>
          <span className="legend friday">Friday rule</span>
        </span>
      </div>
      <FormError message={error} />
      {calendar && calendar.view === 'week' ? <WeekView days={calendar.days} zone={zone} slug={slug} today={today} /> : null}
      {calendar && calendar.view === 'month' ? <MonthView days={calendar.days} slug={slug} today={today} month={title.month} /> : null}
    </section>
  );
}

function weekTitle(calendar: ScheduleCalendar): string {
  const first = DateTime.fromISO(calendar.days[0]!.date);
  const last = DateTime.fromISO(calendar.days[calendar.days.length - 1]!.date);
  return first.month === last.month
    ? `${first.toFormat('d')} – ${last.toFormat('d LLLL yyyy')}`
    : `${first.toFormat('d LLL')} – ${last.toFormat('d LLL yyyy')}`;
}

function entryClass(entry: CalendarDayEntry, slug: string): string {
  if (entry.kind === 'window') return `cal-entry window ${entry.id === slug ? 'mine' : 'other'}`;
  return `cal-entry blackout ${entry.id.startsWith('friday-rule@') ? 'friday' : ''} ${entry.informational ? 'info' : ''}`;
}

function entryTitle(entry: CalendarDayEntry): string {
  return `${entry.kind === 'window' ? 'Release window' : entry.informational ? 'Information (does not block)' : 'Blackout'}: ${entry.title} (${entry.localFrom}–${entry.localTo}${entry.continuesAfter ? ', continues' : ''})`;
}

function dayLabel(day: CalendarDay): string | null {
  if (day.hours === 24) return null;
  return day.hours < 24 ? `${day.hours} h · clocks forward` : `${day.hours} h · clocks back`;
}

function WeekView({ days, zone, slug, today }: { days: readonly CalendarDay[]; zone: string; slug: string; today: string }) {
  const tallest = Math.max(...days.map((day) => day.hours));
  return (
    <div className="week-view" data-testid="week-view">
      <div className="week-axis" style={{ height: tallest * GRID.pxPerHour }}>
        {Array.from({ length: 24 }, (_, hour) => (
          <span key={hour} style={{ top: hour * GRID.pxPerHour }}>
            {hour % 3 === 0 ? `${String(hour).padStart(2, '0')}:00` : ''}
          </span>
        ))}
      </div>
      {days.map((day) => {
        const midnight = DateTime.fromISO(day.date, { zone }).startOf('day');
        const lines = hourLines(midnight, day.hours);
        const note = dayLabel(day);
        return (
          <div
            key={day.date}
            className={`week-day ${day.date === today ? 'today' : ''}`}
            data-testid="calendar-day"
            data-date={day.date}
            data-hours={day.hours}
          >
            <div className="week-day-head">
              <span>{midnight.toFormat('ccc d')}</span>
              {note ? <span className="dst-badge">{note}</span> : null}
            </div>
            <div className="week-day-body" style={{ height: day.hours * GRID.pxPerHour }}>
              {lines.map((line) => (
                <div
                  key={line.top}
                  className={`hour-line ${line.changed ? 'changed' : ''}`}
                  style={{ top: line.top }}
                  title={line.changed ? `${line.label}: the clocks change here` : undefined}
                />
              ))}
              {day.entries.map((entry) => {
                const top = ((DateTime.fromISO(entry.dayStart).toMillis() - midnight.toMillis()) / 3_600_000) * GRID.pxPerHour;
                const height = Math.max(
                  ((DateTime.fromISO(entry.dayEnd).toMillis() - DateTime.fromISO(entry.dayStart).toMillis()) / 3_600_000) * GRID.pxPerHour,
                  16,
                );
                return (
                  <div
                    key={entry.id}
                    className={entryClass(entry, slug)}
                    style={{ top, height }}
                    title={entryTitle(entry)}
                    data-testid="calendar-entry"
                    data-kind={entry.kind}
                  >
                    <span className="cal-entry-time">
                      {entry.continuesFromBefore ? '…' : ''}
                      {entry.localFrom}–{entry.localTo}
                      {entry.continuesAfter ? '…' : ''}
                    </span>
                    <span className="cal-entry-title">{entry.title}</span>
                  </div>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** Each local hour's line within a day, at its real distance from midnight; `changed` marks where the offset jumps. */
function hourLines(midnight: DateTime, hours: number): { top: number; label: string; changed: boolean }[] {
  const lines: { top: number; label: string; changed: boolean }[] = [];
  for (let hour = 1; hour < hours; hour += 1) {
    const at = midnight.plus({ milliseconds: hour * 3_600_000 });
    const before = midnight.plus({ milliseconds: (hour - 1) * 3_600_000 });
    lines.push({ top: hour * GRID.pxPerHour, label: at.toFormat('HH:mm ZZZZ'), changed: at.offset !== before.offset });
  }
  return lines;
}

function MonthView({ days, slug, today, month }: { days: readonly CalendarDay[]; slug: string; today: string; month: number }) {
  return (
    <div className="month-view" data-testid="month-view">
      {['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((name) => (
        <div key={name} className="month-head">
          {name}
        </div>
      ))}
      {days.map((day) => {
        const date = DateTime.fromISO(day.date);
        const note = dayLabel(day);
        return (
          <div
            key={day.date}
            className={`month-day ${date.month === month ? '' : 'outside'} ${day.date === today ? 'today' : ''}`}
            data-testid="calendar-day"
            data-date={day.date}
            data-hours={day.hours}
          >
            <div className="month-day-head">
              <span className="month-day-number">{date.day === 1 ? date.toFormat('d LLL') : date.day}</span>
              {note ? <span className="dst-badge">{note}</span> : null}
            </div>
            {day.entries.map((entry) => (
              <div
                key={entry.id}
                className={`${entryClass(entry, slug)} bar ${entry.continuesFromBefore ? 'from-before' : ''} ${entry.continuesAfter ? 'to-after' : ''}`}
                title={entryTitle(entry)}
                data-testid="calendar-entry"
                data-kind={entry.kind}
              >
                <span className="cal-entry-time">{entry.continuesFromBefore ? '…' : entry.localFrom}</span>{' '}
                <span className="cal-entry-title">{entry.title}</span>
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
