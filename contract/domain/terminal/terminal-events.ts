/** Journal event types of the terminal area (beside the other areas' event types in contract/domain). */
export const TerminalEventTypes = {
  opened: 'terminal.session-opened',
  command: 'terminal.command-finished',
  closed: 'terminal.session-closed',
  /** A production terminal opened although the schedule holds it: the written reason. */
  policyOverridden: 'terminal.policy-overridden',
} as const;
