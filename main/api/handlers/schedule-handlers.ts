import type { scheduleRequests } from '../../../contract/requests/schedule-requests';
import type { HandlerGroup } from '../handler-types';

export const scheduleHandlers: HandlerGroup<keyof typeof scheduleRequests> = {};
