/**
 * The incidents slice of a release: incidents (sev1..sev4) and action items.
 *
 * Plain readonly JSON projected from the journal. Action items live here (not in the
 * notes) because they carry an owner and a done state, and are often born from an
 * incident; the report lists them in their own section.
 */

export const INCIDENT_SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** open: still hurting; mitigated: the bleeding stopped; resolved: the cause is fixed. */
export const INCIDENT_STATUSES = ['open', 'mitigated', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const ACTION_ITEM_STATUSES = ['open', 'done'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** The risk an incident was opened from, and its plan B as it stood when the risk occurred. */
export interface IncidentRiskLink {
  readonly id: string;
  readonly plan: string;
  readonly playbook: string | null;
  readonly step: string | null;
}

export interface Incident {
  /** INC-1, INC-2...: never reused. */
  readonly id: string;
  readonly title: string;
  readonly severity: IncidentSeverity;
  readonly owner: string;
  readonly status: IncidentStatus;
  readonly summary: string;
  /** When it started (may be before it was logged). */
  readonly startedAt: string;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly mitigatedAt: string | null;
  readonly resolvedAt: string | null;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** Set when the incident was opened by a risk marked occurred. */
  readonly risk: IncidentRiskLink | null;
}

export interface ActionItem {
  /** AI-1, AI-2... */
  readonly id: string;
  readonly text: string;
  readonly owner: string;
  readonly status: ActionItemStatus;
  /** The incident it follows from, if any. */
  readonly incidentId: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly doneAt: string | null;
}

export interface IncidentsState {
  readonly incidents: readonly Incident[];
  readonly actionItems: readonly ActionItem[];
  readonly nextIncident: number;
  readonly nextActionItem: number;
}

/** The journal event types of this slice. */
export const INCIDENT_EVENTS = {
  opened: 'incident.opened',
  updated: 'incident.updated',
  actionAdded: 'action-item.added',
  actionUpdated: 'action-item.updated',
} as const;

export function initialIncidentsState(): IncidentsState {
  return { incidents: [], actionItems: [], nextIncident: 1, nextActionItem: 1 };
}
