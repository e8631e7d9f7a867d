import type { ReleaseMetaState, ReleaseState } from '../../../contract/models';
import { TimelineView } from '../views/TimelineView';
import { TargetsList } from '../views/OverviewPlaceholders';
import type { ViewId } from './views';

interface Props {
  readonly view: ViewId;
  readonly slug: string;
  readonly meta: ReleaseMetaState;
  readonly state: ReleaseState;
  readonly noteFocusToken: number;
}

/** The view behind the selected tab. */
export function ViewContent({ view, slug, meta, noteFocusToken }: Props) {
  switch (view) {
    case 'timeline':
      return <TimelineView slug={slug} meta={meta} noteFocusToken={noteFocusToken} />;
    case 'terminals':
      return (
        <section className="view" aria-label="Terminals">
          <h2 className="view-title">Targets</h2>
          <TargetsList meta={meta} />
        </section>
      );
    case 'checklist':
    case 'risks':
    case 'playbooks':
    case 'report':
      return (
        <section className="view" aria-label={view}>
          <p className="empty">Nothing here yet for this release.</p>
        </section>
      );
  }
}
