import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { INCIDENT_EVENTS, type ActionItem, type Incident, type IncidentsState } from '../../../contract/domain/incidents/incident-model';
import { parseIncidentEvent } from '../../../contract/domain/incidents/incident-events';

/** Apply one journal event to the incidents slice; other events leave it unchanged. */
export function reduceIncidents(state: IncidentsState, journalEvent: AppliedEvent): IncidentsState {
  const event = parseIncidentEvent(journalEvent);
  if (!event) return state;
  switch (event.type) {
    case INCIDENT_EVENTS.opened: {
      const data = event.data;
      const incident: Incident = {
        ...data,
        risk: data.risk ?? null,
        status: 'open',
        openedBy: event.actor,
        openedAt: event.ts,
        mitigatedAt: null,
        resolvedAt: null,
        updatedAt: event.ts,
        updatedBy: event.actor,
      };
      return { ...state, incidents: [...state.incidents, incident], nextIncident: Math.max(state.nextIncident, numberOf(data.id) + 1) };
    }
    case INCIDENT_EVENTS.updated: {
      const data = event.data;
      return {
        ...state,
        incidents: state.incidents.map((incident) => {
          if (incident.id !== data.id) return incident;
          const next: Incident = { ...incident, ...data.after, updatedAt: event.ts, updatedBy: event.actor };
          if (data.after.status === 'mitigated') return { ...next, mitigatedAt: incident.mitigatedAt ?? event.ts };
          if (data.after.status === 'resolved') return { ...next, mitigatedAt: incident.mitigatedAt ?? event.ts, resolvedAt: event.ts };
          if (data.after.status === 'open') return { ...next, resolvedAt: null };
          return next;
        }),
      };
    }
    case INCIDENT_EVENTS.actionAdded: {
      const data = event.data;
      const item: ActionItem = { ...data, status: 'open', createdBy: event.actor, createdAt: event.ts, doneAt: null };
      return { ...state, actionItems: [...state.actionItems, item], nextActionItem: Math.max(state.nextActionItem, numberOf(data.id) + 1) };
    }
    case INCIDENT_EVENTS.actionUpdated: {
      const data = event.data;
      return {
        ...state,
        actionItems: state.actionItems.map((item) =>
          item.id === data.id ? { ...item, status: data.status, doneAt: data.status === 'done' ? event.ts : null } : item,
        ),
      };
    }
    default:
      return state;
  }
}

function numberOf(id: string): number {
  const value = Number(id.split('-')[1]);
  return Number.isFinite(value) ? value : 0;
}
