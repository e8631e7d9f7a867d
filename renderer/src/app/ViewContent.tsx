import type { ReleaseMetaState, ReleaseState } from '../../../contract/models';
import { TimelineView } from '../views/TimelineView';
import { ChecklistView } from '../views/ChecklistView';
import { TerminalsView } from '../views/TerminalsView';
import { RisksView } from '../views/RisksView';
import { PlaybooksView } from '../views/PlaybooksView';
import { ReportView } from '../views/ReportView';
import { CalendarView } from '../views/CalendarView';
import { HealthBoardView } from '../views/telemetry/HealthBoardView';
import { HypercareView } from '../views/HypercareView';
import { PlanView } from '../views/PlanView';
import type { ViewId } from './views';

interface Props {
  readonly view: ViewId;
  readonly slug: string;
  readonly meta: ReleaseMetaState;
  readonly state: ReleaseState;
  readonly noteFocusToken: number;
}

/** The view behind the selected tab. */
export function ViewContent({ view, slug, meta, state, noteFocusToken }: Props) {
  const props = { slug, meta, state };
  switch (view) {
    case 'checklist':
      return <ChecklistView {...props} />;
    case 'terminals':
      return <TerminalsView {...props} />;
    case 'risks':
      return <RisksView {...props} />;
    case 'playbooks':
      return <PlaybooksView {...props} />;
    case 'timeline':
      return <TimelineView slug={slug} meta={meta} state={state} noteFocusToken={noteFocusToken} />;
    case 'calendar':
      return <CalendarView {...props} />;
    case 'report':
      return <ReportView {...props} />;
    case 'health':
      return <HealthBoardView {...props} />;
    case 'hypercare':
      return <HypercareView {...props} />;
    case 'plan':
      return <PlanView {...props} />;
  }
}
