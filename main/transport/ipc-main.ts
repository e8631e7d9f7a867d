import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS } from '../../contract/channels';
import { dispatch } from '../api/dispatch';
import type { Services } from '../api/services';
import type { ClientConnection } from '../api/release-terminals';

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
    return dispatch(services, name, input, { actor: services.workspace.settings.operator, transport: 'ipc', connection: connectionOf(event.sender) });
  });
  const unsubscribe = services.events.subscribe((event) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(CHANNELS.event, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CHANNELS.request);
  };
}

const connections = new WeakMap<WebContents, ClientConnection>();

/**
 * A window as a client: its terminal panels detach when it reloads, navigates or closes,
 * so a panel that is gone never holds a session's flow control.
 */
function connectionOf(contents: WebContents): ClientConnection {
  let connection = connections.get(contents);
  if (connection) return connection;
  let listeners: (() => void)[] = [];
  const end = (): void => {
    const ending = listeners;
    listeners = [];
    connections.delete(contents);
    for (const listener of ending) listener();
  };
  contents.once('destroyed', end);
  contents.once('did-navigate', end);
  connection = { id: String(contents.id), onClose: (listener) => void listeners.push(listener) };
  connections.set(contents, connection);
  return connection;
}
