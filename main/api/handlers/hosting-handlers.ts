import type { hostingRequests } from '../../../contract/requests/hosting-requests';
import type { SharingStatus } from '../../../contract/requests/hosting-requests';
import { WarRoomError } from '../../../contract/domain/errors';
import type { HandlerGroup } from '../handler-types';
import type { CallContext, Services } from '../services';

function status(services: Services): SharingStatus {
  return { origin: services.hosting.origin, fingerprint: services.hosting.fingerprint, switchable: services.hosting.control !== undefined };
}

/** Only the host's own window switches sharing (an invited release manager would cut their own link). */
function control(services: Services, context: CallContext) {
  if (context.participant?.participantId !== undefined)
    throw new WarRoomError('refused', `${context.participant.name} is a participant: only the host's own window starts or stops sharing.`);
  const switchable = services.hosting.control;
  if (!switchable)
    throw new WarRoomError('refused', 'This War Room shares from its command line (`warroom web --listen HOST:PORT`); stop it there.', [{ field: 'share' }]);
  return switchable;
}

/** "Share this war room...": the desktop app starts and stops hosting (main/transport/hosting.ts). */
export const hostingHandlers: HandlerGroup<keyof typeof hostingRequests> = {
  'share.start': async (_input, services, context) => {
    await control(services, context).start();
    return status(services);
  },
  'share.stop': async (_input, services, context) => {
    await control(services, context).stop();
    return status(services);
  },
};
