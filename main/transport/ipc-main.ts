import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS } from '../../contract/channels';
import { dispatch } from '../api/dispatch';
import type { Services } from '../api/services';

/**
 * The contract over Electron IPC: one invoke channel for requests, one channel for
 * events. Every request's sender is checked (the main frame of our own page, see
 * `isTrustedSender`) before anything is parsed; then `dispatch` validates the payload.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  services: Services,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  windows: () => readonly WebContents[],
): () => void {
  ipcMain.handle(CHANNELS.request, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Requests are accepted only from the War Room window.' } };
    }
    return dispatch(services, name, input, { actor: services.workspace.settings.operator, transport: 'ipc' });
  });
  const unsubscribe = services.events.subscribe((event) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(CHANNELS.event, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CHANNELS.request);
  };
}
