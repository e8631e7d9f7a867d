/** The journal event types of the terminal area, apart from their schemas: the renderer names them without carrying zod. */
export const TerminalEventTypes = {
  opened: 'terminal.session-opened',
  command: 'terminal.command-finished',
  closed: 'terminal.session-closed',
  /** A production terminal opened although the schedule holds it: the written reason. */
  policyOverridden: 'terminal.policy-overridden',
} as const;
