import type { JournalEvent } from '../../../contract/models';
import { describeChecklistEvent } from './events/checklist-events';
import { describePollEvent } from './events/poll-events';
import { describeRiskEvent } from './events/risk-events';
import { describePlaybookEvent } from './events/playbook-events';
import { describeScheduleEvent } from './events/schedule-events';
import { describeTerminalEvent } from './events/terminal-events';
import { describeReportEvent } from './events/report-events';
import { describeApprovalEvent, describeReleaseEvent } from './events/release-events';

export type { EventKind } from '../../../contract/event-kinds';
import { eventKindOf } from '../../../contract/event-kinds';

export type { EventDescription } from './events/event-description';
import type { EventDescription } from './events/event-description';

const areaDescribers = [
  describeReleaseEvent,
  describeApprovalEvent,
  describeChecklistEvent,
  describePollEvent,
  describeRiskEvent,
  describePlaybookEvent,
  describeScheduleEvent,
  describeTerminalEvent,
  describeReportEvent,
];

/** How the timeline shows an event: its kind (for colour and filters) and one line of text. */
export function describeEvent(event: JournalEvent): EventDescription {
  // The kind is the contract's rule, the one main filters the timeline with; the text is ours.
  return { kind: eventKindOf(event.type, event.data), text: describeText(event).text };
}

function describeText(event: JournalEvent): EventDescription {
  for (const describe of areaDescribers) {
    try {
      const description = describe(event);
      if (description) return description;
    } catch (error) {
      // Main read every line through its area's schema; a line that still does not fit is shown, not a crash of the page.
      return { kind: 'other', text: `${event.type} (not readable here: ${error instanceof Error ? error.message : String(error)})` };
    }
  }
  // A type this version does not know (a newer version wrote it): shown as such, with its headline if it has one.
  const data = event.data;
  const str = (key: string): string => {
    const value: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, key) : undefined;
    return typeof value === 'string' ? value : '';
  };
  const prefix = event.type.split('.')[0] ?? '';
  const kind =
    (['checklist', 'poll', 'risk', 'playbook', 'terminal', 'schedule', 'incident'] as const).find((candidate) => prefix.startsWith(candidate)) ??
    (prefix === 'run' ? 'playbook' : 'other');
  const summary = str('title') || str('text') || str('summary') || str('name');
  return { kind, text: summary ? `${event.type}: ${summary}` : event.type };
}
