import type { AppInfo } from '../../../contract/requests/app-requests';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../services';

function appInfo(services: Services): AppInfo {
  return {
    version: services.version,
    runtime: services.runtime,
    workspaceDir: services.workspace.dir,
    operator: services.workspace.settings.operator,
    warnings: services.workspace.warnings,
  };
}

export const appHandlers: HandlerGroup<'app.info' | 'app.setOperator'> = {
  'app.info': async (_input, services) => appInfo(services),
  'app.setOperator': async (input, services) => {
    await services.workspace.setOperator(input.name);
    return appInfo(services);
  },
};
