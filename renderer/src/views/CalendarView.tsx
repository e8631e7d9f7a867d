import type { ViewProps } from './view-props';

/** The calendar of the release. */
export function CalendarView(_props: ViewProps) {
  return (
    <section className="view" aria-label="Calendar">
      <p className="empty">Nothing here yet for this release.</p>
    </section>
  );
}
