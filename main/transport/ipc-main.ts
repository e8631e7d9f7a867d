import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, MessagePortMain, WebContents } from 'electron';

/** The parts of an IPC event the sender check reads (main/electron/trusted-sender.ts; testable without Electron). */
export type SenderFacts = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
import { CHANNELS } from '../../contract/channels';
import { dispatch } from '../api/dispatch';
import type { Services } from '../api/services';
import type { ClientConnection } from '../api/client-connection';
import { transportEndpoint, type TransportEndpoint } from './terminal-endpoint';

/** What registerIpc uses of ipcMain (tests pass a stand-in: the Electron binary is not available to them). */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;

/** The parts of a MessagePortMain a terminal channel uses. */
export type PortLike = Pick<MessagePortMain, 'on' | 'postMessage' | 'start' | 'close'>;

const ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * The contract over Electron IPC: one invoke channel for requests, one channel for
 * events, and one MessagePort per attached terminal panel for its output, input and
 * acknowledgements (sent by the preload with ipcRenderer.postMessage before it attaches).
 * Every request's and every port's sender is checked (the main frame of our own page,
 * see `isTrustedSender`) before anything is parsed; then `dispatch` validates the payload.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  services: Services,
  isTrustedSender: (event: SenderFacts) => boolean,
  windows: () => readonly WebContents[],
): () => void {
  ipcMain.handle(CHANNELS.request, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Requests are accepted only from the War Room window.' } };
    }
    return dispatch(services, name, input, { actor: services.workspace.settings.operator, transport: 'ipc', connection: connectionOf(event.sender) });
  });
  const onPort = (event: IpcMainEvent, message: unknown): void => {
    const ports: readonly PortLike[] = event.ports;
    const refuse = (): void => {
      for (const port of ports) port.close();
    };
    if (!isTrustedSender(event) || ports.length !== 1) return refuse();
    const { sessionId, attachmentId } = (typeof message === 'object' && message !== null ? message : {}) as { sessionId?: unknown; attachmentId?: unknown };
    if (typeof sessionId !== 'string' || typeof attachmentId !== 'string' || !ID.test(sessionId) || !ID.test(attachmentId)) return refuse();
    if (!channelsOf(event.sender).offer(sessionId, attachmentId, ports[0]!)) refuse();
  };
  ipcMain.on(CHANNELS.terminalPort, onPort);
  const unsubscribe = services.events.subscribe((event) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(CHANNELS.event, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CHANNELS.request);
    ipcMain.removeListener(CHANNELS.terminalPort, onPort);
  };
}

/** A window's terminal ports, by attachment: offered by the preload, taken by `terminal.attach`. */
class WindowChannels {
  private readonly offered = new Map<string, { readonly sessionId: string; readonly endpoint: TransportEndpoint }>();

  offer(sessionId: string, attachmentId: string, port: PortLike): boolean {
    if (this.offered.has(attachmentId)) return false;
    const endpoint = transportEndpoint(sessionId, attachmentId, {
      send: (bytes) => port.postMessage(bytes),
      close: () => {
        this.offered.delete(attachmentId);
        port.close();
      },
    });
    port.on('message', (message) => endpoint.receive(message.data));
    port.on('close', () => {
      this.offered.delete(attachmentId);
      endpoint.remoteClosed();
    });
    port.start();
    this.offered.set(attachmentId, { sessionId, endpoint });
    return true;
  }

  take(sessionId: string, attachmentId: string): TransportEndpoint | undefined {
    const offer = this.offered.get(attachmentId);
    return offer?.sessionId === sessionId ? offer.endpoint : undefined;
  }

  /** The window reloaded, navigated or closed: every port of its panels ends. */
  end(): void {
    for (const { endpoint } of [...this.offered.values()]) endpoint.close();
    this.offered.clear();
  }
}

const connections = new WeakMap<WebContents, { readonly connection: ClientConnection; readonly channels: WindowChannels }>();

function channelsOf(contents: WebContents): WindowChannels {
  connectionOf(contents);
  return connections.get(contents)!.channels;
}

/**
 * A window as a client: its terminal panels detach when it reloads, navigates or closes,
 * so a panel that is gone never holds a session's flow control.
 */
function connectionOf(contents: WebContents): ClientConnection {
  const known = connections.get(contents);
  if (known) return known.connection;
  let listeners: (() => void)[] = [];
  const channels = new WindowChannels();
  const end = (): void => {
    const ending = listeners;
    listeners = [];
    connections.delete(contents);
    channels.end();
    for (const listener of ending) listener();
  };
  contents.once('destroyed', end);
  contents.once('did-navigate', end);
  const connection: ClientConnection = {
    id: String(contents.id),
    host: true,
    onClose: (listener) => void listeners.push(listener),
    terminalChannel: (sessionId, attachmentId) => channels.take(sessionId, attachmentId),
  };
  connections.set(contents, { connection, channels });
  return connection;
}
