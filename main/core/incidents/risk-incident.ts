import type { CommandContext, DomainEvent } from '../../../contract/domain/release/domain-event';
import type { RiskBand } from '../../../contract/domain/risks/risk-model';
import { RISK_EVENT_TYPES, type RiskOccurredData, type RisksState } from '../risks/risks-reducer';
import { transitionRisk } from '../risks/risks-commands';
import { INCIDENT_EVENTS, type IncidentRiskLink, type IncidentSeverity, type IncidentsState } from '../../../contract/domain/incidents/incident-model';

/** How bad an incident starts, from the band of the risk that occurred (the owner can change it). */
const SEVERITY_OF_BAND: Readonly<Record<RiskBand, IncidentSeverity>> = { critical: 'sev1', high: 'sev2', medium: 'sev3', low: 'sev4' };

/**
 * Move a risk in its lifecycle; when it occurs, open the incident in the same command.
 *
 * Why: a risk that happened is an incident the room has to work (owner, severity,
 * mitigated, resolved, action items), not only a banner. Both events are journaled
 * together, so the register never shows an occurred risk without its INC-n; the incident
 * carries the risk's id and its plan B as it stood at that moment.
 */
export function transitionRiskWithIncident(
  state: { readonly risks: RisksState; readonly incidents: IncidentsState },
  input: unknown,
  context: CommandContext,
): DomainEvent[] {
  const events = transitionRisk(state.risks, input, context);
  for (const event of events) if (event.type === RISK_EVENT_TYPES.occurred) return [...events, incidentForOccurredRisk(state.incidents, event.data, context)];
  return events;
}

/** The `incident.opened` event for a risk that occurred: next INC-n, linked to the risk and its plan B. */
export function incidentForOccurredRisk(state: IncidentsState, occurred: RiskOccurredData, context: CommandContext): DomainEvent {
  const risk: IncidentRiskLink = { id: occurred.id, plan: occurred.contingency.plan, playbook: occurred.contingency.playbook, step: occurred.contingency.step };
  const planB = occurred.contingency.playbook
    ? ` Plan B: ${occurred.contingency.playbook}${occurred.contingency.step ? ` from ${occurred.contingency.step}` : ''}.`
    : '';
  return {
    type: INCIDENT_EVENTS.opened,
    data: {
      id: `INC-${state.nextIncident}`,
      title: `${occurred.id} occurred: ${occurred.title}`,
      severity: SEVERITY_OF_BAND[occurred.band],
      owner: occurred.owner || context.actor,
      summary: `${occurred.contingency.plan}${planB}`.trim(),
      startedAt: context.now,
      risk,
    },
  };
}
