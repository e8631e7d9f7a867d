import type { JournalEvent } from '../../../../contract/models';
import type { ReleaseMetaEvent } from '../../../../contract/domain/release/release-meta';
import { RELEASE_EVENTS } from '../../../../contract/domain/release/release-event-types';
import type { ApprovalEvent } from '../../../../contract/domain/release/approval-events';
import { APPROVAL_EVENTS } from '../../../../contract/domain/release/approval-event-types';
import { eventOfArea } from '../../../../contract/domain/journal/typed-events';
import type { EventDescription } from './event-description';

/** Timeline lines for the release's own events (definition, targets, notes, repairs); null for other areas. */
export function describeReleaseEvent(journalEvent: JournalEvent): EventDescription | null {
  const event = eventOfArea<ReleaseMetaEvent>(journalEvent, RELEASE_EVENTS);
  if (event === null) return null;
  switch (event.type) {
    case RELEASE_EVENTS.created: {
      const { name, version, mode } = event.data;
      return { kind: 'release', text: `Release created: ${name}${version ? ` v${version}` : ''} (${mode})` };
    }
    case RELEASE_EVENTS.updated:
      return { kind: 'release', text: `Release changed: ${Object.keys(event.data.after).join(', ')}` };
    case RELEASE_EVENTS.targetSaved:
      return { kind: 'release', text: `Target saved: ${event.data.name} (${event.data.environment})` };
    case RELEASE_EVENTS.noteAdded:
      return { kind: event.data.kind === 'decision' ? 'decision' : 'note', text: event.data.text };
    case RELEASE_EVENTS.journalRepaired:
      return { kind: 'release', text: event.data.text || 'Journal repaired' };
  }
}

/** Timeline lines for four-eyes approvals; null for other areas. */
export function describeApprovalEvent(journalEvent: JournalEvent): EventDescription | null {
  const event = eventOfArea<ApprovalEvent>(journalEvent, APPROVAL_EVENTS);
  if (event === null) return null;
  const who = `Four-eyes ${event.data.id}`;
  switch (event.type) {
    case APPROVAL_EVENTS.requested:
      return { kind: 'decision', text: `${who}: asks for ${event.data.summary} (${event.data.required} approver(s) needed): ${event.data.reason}` };
    case APPROVAL_EVENTS.approved:
      return { kind: 'decision', text: `${who}: approved (${event.data.count} of ${event.data.required})${event.data.note ? `: ${event.data.note}` : ''}` };
    case APPROVAL_EVENTS.refused:
      return { kind: 'decision', text: `${who}: refused: ${event.data.note}` };
    case APPROVAL_EVENTS.carriedOut:
      return { kind: 'decision', text: `${who}: carried out, approved by ${event.data.approvedBy.join(', ')}` };
    case APPROVAL_EVENTS.failed:
      return { kind: 'decision', text: `${who}: approved but failed: ${event.data.error}` };
  }
}
