import type { terminalRequests } from '../../../contract/requests/terminal-requests';
import type { HandlerGroup } from '../handler-types';

export const terminalHandlers: HandlerGroup<keyof typeof terminalRequests> = {};
