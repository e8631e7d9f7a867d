/** The journal event types the report area owns (apart, so that its schemas and its types both name them without a cycle). */
export const REPORT_EVENTS = {
  redactionSaved: 'redaction.settings-saved',
  literalAdded: 'redaction.literal-added',
  findingAllowed: 'redaction.finding-allowed',
  exported: 'report.exported',
} as const;
