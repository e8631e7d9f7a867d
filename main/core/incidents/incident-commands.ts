import type { CommandContext } from '../../../contract/domain/release/domain-event';
import type { IncidentEvent } from '../../../contract/domain/incidents/incident-events';
import { WarRoomError } from '../../../contract/domain/errors';
import { INCIDENT_EVENTS, type IncidentsState } from '../../../contract/domain/incidents/incident-model';
import type { ActionItemAddInput, ActionItemUpdateInput, IncidentOpenInput, IncidentUpdateInput } from '../../../contract/domain/incidents/incident-schemas';

/** Open an incident: one `incident.opened` event with the next id. */
export function openIncident(state: IncidentsState, input: IncidentOpenInput, context: CommandContext): IncidentEvent[] {
  return [
    {
      type: INCIDENT_EVENTS.opened,
      data: {
        id: `INC-${state.nextIncident}`,
        title: input.title,
        severity: input.severity,
        owner: input.owner,
        summary: input.summary,
        startedAt: input.startedAt ?? context.now,
      },
    },
  ];
}

/** Change an incident; only the fields that differ are journaled (before and after). */
export function updateIncident(state: IncidentsState, input: IncidentUpdateInput): IncidentEvent[] {
  const incident = state.incidents.find((candidate) => candidate.id === input.id);
  if (!incident) throw new WarRoomError('not-found', `There is no incident ${input.id} in this release.`, [{ field: 'id' }]);
  const fields = ['title', 'severity', 'owner', 'status', 'summary'] as const;
  const after: Record<string, string> = {};
  const before: Record<string, string> = {};
  for (const field of fields) {
    const value = input[field];
    if (value !== undefined && value !== incident[field]) {
      after[field] = value;
      before[field] = incident[field];
    }
  }
  if (Object.keys(after).length === 0) return [];
  return [{ type: INCIDENT_EVENTS.updated, data: { id: incident.id, before, after } }];
}

export function addActionItem(state: IncidentsState, input: ActionItemAddInput): IncidentEvent[] {
  if (input.incidentId && !state.incidents.some((incident) => incident.id === input.incidentId)) {
    throw new WarRoomError('not-found', `There is no incident ${input.incidentId} in this release.`, [{ field: 'incidentId' }]);
  }
  return [
    { type: INCIDENT_EVENTS.actionAdded, data: { id: `AI-${state.nextActionItem}`, text: input.text, owner: input.owner, incidentId: input.incidentId } },
  ];
}

export function updateActionItem(state: IncidentsState, input: ActionItemUpdateInput): IncidentEvent[] {
  const item = state.actionItems.find((candidate) => candidate.id === input.id);
  if (!item) throw new WarRoomError('not-found', `There is no action item ${input.id} in this release.`, [{ field: 'id' }]);
  if (item.status === input.status) return [];
  return [{ type: INCIDENT_EVENTS.actionUpdated, data: { id: item.id, status: input.status } }];
}
