import type { WarRoomBridge } from '../../../contract/bridge';
import type { EventName, EventPayloads, WarRoomEvent } from '../../../contract/events';
import type { RequestInput, RequestName, RequestOutput } from '../../../contract/requests';
import type { ContractError, Result } from '../../../contract/result';
import { createWebSocketBridge } from './websocket-bridge';
import { openTerminalChannel, type TerminalChannel, type TerminalChannelOptions } from './terminal-channel';

declare global {
  interface Window {
    warroom?: WarRoomBridge;
  }
}

/** A failed request, as an Error the UI can show: the main side's message, unchanged. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(readonly detail: ContractError) {
    super(detail.message);
  }
}

/** Where the link to the main side stands. `refused`: the server answers but not to this page's token. */
export interface ConnectionState {
  readonly connected: boolean;
  readonly refused: boolean;
}

type ConnectionListener = (state: ConnectionState) => void;
const connectionListeners = new Set<ConnectionListener>();
let connection: ConnectionState = { connected: true, refused: false };

function pickBridge(): WarRoomBridge {
  if (window.warroom) return window.warroom;
  // The host's page carries #token=; a participant's personal link #invite=<secret>&fp=<fingerprint>.
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromHash = fragment.get('token') ?? fragment.get('invite');
  const fingerprint = fragment.get('fp');
  if (fingerprint) sessionStorage.setItem('warroom-fingerprint', fingerprint);
  if (fromHash) {
    sessionStorage.setItem('warroom-token', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = fromHash ?? sessionStorage.getItem('warroom-token') ?? '';
  // Opening the address a (re)started server printed in this tab changes only the hash:
  // take its token and start over, rather than keep knocking with the old one.
  window.addEventListener('hashchange', () => {
    const nextFragment = new URLSearchParams(location.hash.slice(1));
    const next = nextFragment.get('token') ?? nextFragment.get('invite');
    if (!next) return;
    sessionStorage.setItem('warroom-token', next);
    history.replaceState(null, '', location.pathname + location.search);
    location.reload();
  });
  return createWebSocketBridge(token, (now, refused) => {
    connection = { connected: now, refused };
    for (const listener of connectionListeners) listener(connection);
  });
}

const bridge = pickBridge();

/**
 * The renderer's only way to the main side: typed requests and events of the contract,
 * over IPC (desktop) or a WebSocket (browser mode).
 */
export const client = {
  /** Resolves with the value; rejects with a RequestError carrying the main side's message. */
  async call<Name extends RequestName>(name: Name, input: RequestInput<Name>): Promise<RequestOutput<Name>> {
    const result = (await bridge.request(name, input)) as Result<RequestOutput<Name>>;
    if (!result.ok) throw new RequestError(result.error);
    return result.value;
  },

  on<Name extends EventName>(name: Name, listener: (payload: EventPayloads[Name]) => void): () => void {
    return bridge.subscribe((event: WarRoomEvent) => {
      if (event.type === name) listener(event.payload as EventPayloads[Name]);
    });
  },

  onConnection(listener: ConnectionListener): () => void {
    connectionListeners.add(listener);
    listener(connection);
    return () => connectionListeners.delete(listener);
  },
};

/**
 * Attach a terminal panel over its own data channel (a MessagePort in the desktop app,
 * this page's WebSocket in browser mode): see terminal-channel.ts.
 */
export function attachTerminal(options: TerminalChannelOptions): TerminalChannel {
  return openTerminalChannel(
    {
      bridge,
      requests: { attach: (input) => client.call('terminal.attach', input), detach: (input) => client.call('terminal.detach', input) },
      newId: () => crypto.randomUUID(),
    },
    options,
  );
}
