import type { JournalEvent } from '../../../../contract/models';
import { INCIDENT_EVENTS } from '../../../../contract/domain/incidents/incident-model';
import type { IncidentEvent } from '../../../../contract/domain/incidents/incident-events';
import { REPORT_EVENTS, type ReportEvent } from '../../../../contract/domain/report/report-events';
import { eventOfArea } from '../../../../contract/domain/journal/typed-events';
import type { EventDescription } from './event-description';

/** Timeline lines for incidents, action items, redaction settings and exports; null for other areas. */
export function describeReportEvent(event: JournalEvent): EventDescription | null {
  return describeIncident(event) ?? describeReport(event);
}

function describeIncident(journalEvent: JournalEvent): EventDescription | null {
  const event = eventOfArea<IncidentEvent>(journalEvent, INCIDENT_EVENTS);
  if (event === null) return null;
  switch (event.type) {
    case INCIDENT_EVENTS.opened: {
      const { id, severity, owner, title } = event.data;
      return { kind: 'incident', text: `${id} opened (${severity.toUpperCase()}, owner ${owner}): ${title}` };
    }
    case INCIDENT_EVENTS.updated: {
      const changes = Object.entries(event.data.after).map(([key, value]) => `${key} → ${String(value)}`);
      return { kind: 'incident', text: `${event.data.id} changed: ${changes.join(', ')}` };
    }
    case INCIDENT_EVENTS.actionAdded: {
      const { id, owner, text } = event.data;
      return { kind: 'action-item', text: `${id}${owner ? ` (${owner})` : ''}: ${text}` };
    }
    case INCIDENT_EVENTS.actionUpdated:
      return { kind: 'action-item', text: `${event.data.id} ${event.data.status === 'done' ? 'done' : 'reopened'}` };
  }
}

function describeReport(journalEvent: JournalEvent): EventDescription | null {
  const event = eventOfArea<ReportEvent>(journalEvent, REPORT_EVENTS);
  if (event === null) return null;
  switch (event.type) {
    case REPORT_EVENTS.redactionSaved:
      return { kind: 'report', text: `Redaction settings saved: ${event.data.literals.length} literal(s), ${event.data.patterns.length} pattern(s)` };
    case REPORT_EVENTS.exported:
      return { kind: 'report', text: `Exported ${event.data.format.toUpperCase()}: ${event.data.file}` };
    case REPORT_EVENTS.literalAdded:
      // The journal keeps a salted hash and the length, never the text.
      return { kind: 'report', text: `Redaction literal added (${event.data.length} characters)` };
    case REPORT_EVENTS.findingAllowed:
      return { kind: 'report', text: `Export finding allowed: ${event.data.reason}` };
  }
}
