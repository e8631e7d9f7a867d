import type { ViewProps } from './view-props';

/** The report of the release. */
export function ReportView(_props: ViewProps) {
  return (
    <section className="view" aria-label="Report">
      <p className="empty">Nothing here yet for this release.</p>
    </section>
  );
}
