import type { ViewProps } from './view-props';
import { BlackoutPanel } from './schedule/BlackoutPanel';
import { CalendarGrid } from './schedule/CalendarGrid';
import { FollowTheSunPanel } from './schedule/FollowTheSunPanel';
import { WindowEditor } from './schedule/WindowEditor';
import { useScheduleStatus } from './schedule/use-schedule-status';
import '../styles/schedule.css';
import { FormError } from '../components/FormError';

/**
 * The calendar of the workspace seen from a release: every release's window and the
 * blackouts in week and month views, this release's window, pods and follow-the-sun plan,
 * and the workspace blackouts with .ics import and export.
 */
export function CalendarView({ slug, meta, state }: ViewProps) {
  const { status, error } = useScheduleStatus(slug, state.seq);
  const zone = status?.window.zone ?? meta.zone;
  return (
    <section className="view calendar-view" aria-label="Calendar, window and blackouts">
      <FormError message={error} />
      <CalendarGrid slug={slug} zone={zone} seq={state.seq} />
      {status ? (
        <div className="schedule-columns">
          <div className="schedule-column">
            <WindowEditor slug={slug} status={status} />
            <FollowTheSunPanel status={status} />
          </div>
          <div className="schedule-column">
            <BlackoutPanel defaultZone={zone} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
