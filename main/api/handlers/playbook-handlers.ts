import type { playbookRequests } from '../../../contract/requests/playbook-requests';
import type { HandlerGroup } from '../handler-types';

export const playbookHandlers: HandlerGroup<keyof typeof playbookRequests> = {};
