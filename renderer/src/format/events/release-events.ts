import type { JournalEvent } from '../../../../contract/models';
import { RELEASE_EVENTS, parseReleaseMetaEvent } from '../../../../contract/domain/release/release-meta';
import { APPROVAL_EVENTS, parseApprovalEvent } from '../../../../contract/domain/release/approval-events';
import { readForTimeline, type EventDescription } from './event-description';

/** Timeline lines for the release's own events (definition, targets, notes, repairs); null for other areas. */
export function describeReleaseEvent(journalEvent: JournalEvent): EventDescription | null {
  const read = readForTimeline(parseReleaseMetaEvent, journalEvent, journalEvent.type === RELEASE_EVENTS.noteAdded ? 'note' : 'release');
  if (read === null) return null;
  if ('unreadable' in read) return read.unreadable;
  const event = read.typed;
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
  const read = readForTimeline(parseApprovalEvent, journalEvent, 'decision');
  if (read === null) return null;
  if ('unreadable' in read) return read.unreadable;
  const event = read.typed;
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
