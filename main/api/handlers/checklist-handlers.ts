import type { checklistRequests } from '../../../contract/requests/checklist-requests';
import type { HandlerGroup } from '../handler-types';

export const checklistHandlers: HandlerGroup<keyof typeof checklistRequests> = {};
