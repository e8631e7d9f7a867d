import type { Handlers } from './handler-types';
import { appHandlers } from './handlers/app-handlers';
import { releaseHandlers } from './handlers/release-handlers';

/** Every handler of the contract. Each area adds its group here. */
export const handlers: Handlers = {
  ...appHandlers,
  ...releaseHandlers,
};
