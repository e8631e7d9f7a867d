import type { ViewProps } from './view-props';

/** The risks of the release. */
export function RisksView(_props: ViewProps) {
  return (
    <section className="view" aria-label="Risks">
      <p className="empty">Nothing here yet for this release.</p>
    </section>
  );
}
