import type { Handlers } from './handler-types';
import { appHandlers } from './handlers/app-handlers';
import { releaseHandlers } from './handlers/release-handlers';
import { checklistHandlers } from './handlers/checklist-handlers';
import { riskHandlers } from './handlers/risk-handlers';
import { playbookHandlers } from './handlers/playbook-handlers';
import { scheduleHandlers } from './handlers/schedule-handlers';
import { terminalHandlers } from './handlers/terminal-handlers';
import { reportHandlers } from './handlers/report-handlers';
import { participantHandlers } from './handlers/participant-handlers';
import { followHandlers } from './handlers/follow-handlers';
import { followAppHandlers } from './handlers/follow-app-handlers';
import { telemetryHandlers } from './handlers/telemetry-handlers';
import { hypercareHandlers } from './handlers/hypercare-handlers';
import { commsHandlers } from './handlers/comms-handlers';
import { planHandlers } from './handlers/plan-handlers';
import { approvalHandlers } from './handlers/approval-handlers';
import { hostingHandlers } from './handlers/hosting-handlers';

/** Every handler of the contract. Each area adds its group here. */
export const handlers: Handlers = {
  ...appHandlers,
  ...releaseHandlers,
  ...checklistHandlers,
  ...riskHandlers,
  ...playbookHandlers,
  ...scheduleHandlers,
  ...terminalHandlers,
  ...reportHandlers,
  ...participantHandlers,
  ...followHandlers,
  ...followAppHandlers,
  ...telemetryHandlers,
  ...hypercareHandlers,
  ...commsHandlers,
  ...planHandlers,
  ...approvalHandlers,
  ...hostingHandlers,
};
