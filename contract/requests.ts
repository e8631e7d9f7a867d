import type { z } from 'zod';
import type { RequestDefinition } from './define';
import { appRequests } from './requests/app-requests';
import { releaseRequests } from './requests/release-requests';
import { checklistRequests } from './requests/checklist-requests';
import { riskRequests } from './requests/risk-requests';
import { playbookRequests } from './requests/playbook-requests';
import { scheduleRequests } from './requests/schedule-requests';
import { terminalRequests } from './requests/terminal-requests';
import { reportRequests } from './requests/report-requests';
import { participantRequests } from './requests/participant-requests';
import { followRequests } from './requests/follow-requests';
import { followAppRequests } from './requests/follow-app-requests';
import { telemetryRequests } from './requests/telemetry-requests';
import { hypercareRequests } from './requests/hypercare-requests';
import { commsRequests } from './requests/comms-requests';
import { planRequests } from './requests/plan-requests';
import { approvalRequests } from './requests/approval-requests';
import { hostingRequests } from './requests/hosting-requests';

/**
 * Every request the renderer can make, in one map: name -> input schema (+ output type).
 *
 * This is the single definition of what crosses a process boundary. The main side
 * validates every input with these schemas (the renderer is untrusted); the preload and
 * the renderer's client are typed by them.
 */
export const requestDefinitions = {
  ...appRequests,
  ...releaseRequests,
  ...checklistRequests,
  ...riskRequests,
  ...playbookRequests,
  ...scheduleRequests,
  ...terminalRequests,
  ...reportRequests,
  ...participantRequests,
  ...followRequests,
  ...followAppRequests,
  ...telemetryRequests,
  ...hypercareRequests,
  ...commsRequests,
  ...planRequests,
  ...approvalRequests,
  ...hostingRequests,
};

export type RequestDefinitions = typeof requestDefinitions;
export type RequestName = keyof RequestDefinitions;
/** What the caller sends (before defaults are applied). */
export type RequestInput<Name extends RequestName> = z.input<RequestDefinitions[Name]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<Name extends RequestName> = z.output<RequestDefinitions[Name]['input']>;
export type RequestOutput<Name extends RequestName> = RequestDefinitions[Name] extends RequestDefinition<z.ZodType, infer Output> ? Output : never;

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestDefinitions, name);
}
