/** The journal event types the risks area owns (apart, so that its schemas and its types both name them without a cycle). */
/** The event types the risks slice owns. */
export const RISK_EVENT_TYPES = {
  added: 'risks.added',
  updated: 'risks.updated',
  statusChanged: 'risks.status-changed',
  /** A status change to occurred: the timeline shows it as an incident marker. */
  occurred: 'risks.occurred',
  deleted: 'risks.deleted',
  imported: 'risks.imported',
} as const;
