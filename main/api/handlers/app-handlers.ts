import type { AppInfo } from '../../../contract/requests/app-requests';
import type { HandlerGroup } from '../handler-types';
import type { CallContext, Services } from '../services';

/** A participant learns their own name and nothing of the host's folders or warnings. */
function appInfo(services: Services, context?: CallContext): AppInfo {
  const participant = context?.participant;
  if (participant?.participantId !== undefined) {
    return { version: services.version, runtime: services.runtime, workspaceDir: '', operator: participant.name, operatorNamed: true, warnings: [] };
  }
  return {
    version: services.version,
    runtime: services.runtime,
    workspaceDir: services.workspace.dir,
    operator: services.workspace.settings.operator,
    operatorNamed: services.workspace.settings.operatorNamed === true,
    warnings: services.workspace.warnings,
  };
}

export const appHandlers: HandlerGroup<'app.info' | 'app.setOperator'> = {
  'app.info': async (_input, services, context) => appInfo(services, context),
  'app.setOperator': async (input, services, context) => {
    await services.workspace.setOperator(input.name);
    return appInfo(services, context);
  },
};
