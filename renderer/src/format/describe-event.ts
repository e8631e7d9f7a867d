import type { JournalEvent } from '../../../contract/models';
import { describeChecklistEvent } from './events/checklist-events';
import { describePollEvent } from './events/poll-events';
import { describeRiskEvent } from './events/risk-events';
import { describePlaybookEvent } from './events/playbook-events';
import { describeScheduleEvent } from './events/schedule-events';
import { describeTerminalEvent } from './events/terminal-events';
import { describeReportEvent } from './events/report-events';

export type { EventKind } from '../../../contract/event-kinds';
import { eventKindOf } from '../../../contract/event-kinds';

export type { EventDescription } from './events/event-description';
import type { EventDescription } from './events/event-description';

const areaDescribers = [
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
  const data = (event.data ?? {}) as Record<string, unknown>;
  const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  switch (event.type) {
    case 'release.created':
      return { kind: 'release', text: `Release created: ${str('name')}${str('version') ? ` v${str('version')}` : ''} (${str('mode')})` };
    case 'release.updated':
      return { kind: 'release', text: `Release changed: ${Object.keys((data.after ?? {}) as object).join(', ')}` };
    case 'target.saved':
      return { kind: 'release', text: `Target saved: ${str('name')} (${str('environment')})` };
    case 'note.added':
      return { kind: str('kind') === 'decision' ? 'decision' : 'note', text: str('text') };
    case 'journal.repaired':
      return { kind: 'release', text: str('text') || 'Journal repaired' };
    case 'approval.requested':
      return {
        kind: 'decision',
        text: `Four-eyes ${str('id')}: asks for ${str('summary')} (${String(data['required'])} approver(s) needed): ${str('reason')}`,
      };
    case 'approval.approved':
      return {
        kind: 'decision',
        text: `Four-eyes ${str('id')}: approved (${String(data['count'])} of ${String(data['required'])})${str('note') ? `: ${str('note')}` : ''}`,
      };
    case 'approval.refused':
      return { kind: 'decision', text: `Four-eyes ${str('id')}: refused: ${str('note')}` };
    case 'approval.carried-out':
      return {
        kind: 'decision',
        text: `Four-eyes ${str('id')}: carried out, approved by ${Array.isArray(data['approvedBy']) ? data['approvedBy'].join(', ') : ''}`,
      };
    case 'approval.failed':
      return { kind: 'decision', text: `Four-eyes ${str('id')}: approved but failed: ${str('error')}` };
  }
  for (const describe of areaDescribers) {
    try {
      const description = describe(event);
      if (description) return description;
    } catch (error) {
      // Main read every line through its area's schema; a line that still does not fit is shown, not a crash of the page.
      return { kind: 'other', text: `${event.type} (not readable here: ${error instanceof Error ? error.message : String(error)})` };
    }
  }
  const prefix = event.type.split('.')[0] ?? '';
  const kind =
    (['checklist', 'poll', 'risk', 'playbook', 'terminal', 'schedule', 'incident'] as const).find((candidate) => prefix.startsWith(candidate)) ??
    (prefix === 'run' ? 'playbook' : 'other');
  const summary = str('title') || str('text') || str('summary') || str('name');
  return { kind, text: summary ? `${event.type}: ${summary}` : event.type };
}
