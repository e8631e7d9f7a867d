import type { ViewProps } from './view-props';

/** The checklist of the release. */
export function ChecklistView(_props: ViewProps) {
  return (
    <section className="view" aria-label="Checklist">
      <p className="empty">Nothing here yet for this release.</p>
    </section>
  );
}
