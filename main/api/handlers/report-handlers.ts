import type { reportRequests } from '../../../contract/requests/report-requests';
import type { HandlerGroup } from '../handler-types';

export const reportHandlers: HandlerGroup<keyof typeof reportRequests> = {};
