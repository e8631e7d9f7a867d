/** The journal event types of the four-eyes approval area, apart from their schemas: the renderer names them without carrying zod. */
export const APPROVAL_EVENTS = {
  requested: 'approval.requested',
  approved: 'approval.approved',
  refused: 'approval.refused',
  carriedOut: 'approval.carried-out',
  failed: 'approval.failed',
} as const;
