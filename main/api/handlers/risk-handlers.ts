import type { riskRequests } from '../../../contract/requests/risk-requests';
import type { HandlerGroup } from '../handler-types';

export const riskHandlers: HandlerGroup<keyof typeof riskRequests> = {};
