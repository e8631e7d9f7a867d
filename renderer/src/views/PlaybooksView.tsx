import type { ViewProps } from './view-props';

/** The playbooks of the release. */
export function PlaybooksView(_props: ViewProps) {
  return (
    <section className="view" aria-label="Playbooks">
      <p className="empty">Nothing here yet for this release.</p>
    </section>
  );
}
