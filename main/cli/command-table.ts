import type { CliCommand } from './cli-support';
import { webCommand } from './commands/web-command';
import { inviteCommand } from './commands/invite-command';
import { verifyCommand } from './commands/verify-command';
import { reportCommand } from './commands/report-command';
import { exportCommand } from './commands/export-command';
import { importCommand } from './commands/import-command';
import { playbookLintCommand } from './commands/playbook-lint-command';
import { repairCommand } from './commands/repair-command';
import { calendarCommand } from './commands/calendar-command';
import { redactCommand } from './commands/redact-command';
import { followCommand } from './commands/follow-command';
import { handoverCommand } from './commands/handover-command';

/** Every `warroom` command, in the order --help lists them. A new command is one file in commands/ and one line here. */
export const COMMANDS: readonly CliCommand[] = [
  webCommand,
  inviteCommand,
  verifyCommand,
  reportCommand,
  exportCommand,
  importCommand,
  repairCommand,
  playbookLintCommand,
  calendarCommand,
  redactCommand,
  followCommand,
  handoverCommand,
];
