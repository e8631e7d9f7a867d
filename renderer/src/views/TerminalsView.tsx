import type { ViewProps } from './view-props';
import { TargetsList } from './OverviewPlaceholders';

/** The terminals of the release: its targets for now. */
export function TerminalsView({ meta }: ViewProps) {
  return (
    <section className="view" aria-label="Terminals">
      <h2 className="view-title">Targets</h2>
      <TargetsList meta={meta} />
    </section>
  );
}
