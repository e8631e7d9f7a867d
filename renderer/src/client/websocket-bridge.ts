import type { TerminalChannelPort, WarRoomBridge } from '../../../contract/bridge';
import { frameTag } from '../../../contract/terminal-frames';
import type { WarRoomEvent } from '../../../contract/events';
import type { Result } from '../../../contract/result';

const RECONNECT = {
  /** First retry soon (a server restart), then back off to spare a laptop on battery. */
  initialDelayMs: 250,
  maxDelayMs: 5000,
} as const;

/**
 * Browser mode's bridge: the contract over a WebSocket to the local server, with the
 * per-start token from the page's fragment. Requests wait while (re)connecting; events
 * fan out to subscribers. A lost connection is retried with back-off, and requests in
 * flight at that moment fail with a clear message rather than hang.
 */
export function createWebSocketBridge(token: string, onConnectionChange: (connected: boolean, refused: boolean) => void): WarRoomBridge {
  const listeners = new Set<(event: WarRoomEvent) => void>();
  const channels = new Map<string, { deliver(frame: Uint8Array): void; lost(): void }>();
  const inFlight = new Map<number, (result: Result<unknown>) => void>();
  const waiting: (() => void)[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let delay: number = RECONNECT.initialDelayMs;
  let refused = false;

  function connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      refused = false;
      delay = RECONNECT.initialDelayMs;
      onConnectionChange(true, false);
      for (const resume of waiting.splice(0)) resume();
    };
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (message) => {
      if (message.data instanceof ArrayBuffer) {
        // A terminal frame: only to the attachment it names (its channel decodes it).
        const tag = frameTag(message.data);
        if (tag) channels.get(tag.attachmentId)?.deliver(new Uint8Array(message.data));
        return;
      }
      let parsed: { id?: number; result?: Result<unknown>; event?: WarRoomEvent };
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (parsed.event) for (const listener of listeners) listener(parsed.event);
      if (typeof parsed.id === 'number' && parsed.result) {
        inFlight.get(parsed.id)?.(parsed.result);
        inFlight.delete(parsed.id);
      }
    };
    ws.onclose = () => {
      // Main let go of every attachment of this socket: their channels end (a panel attaches again).
      for (const channel of [...channels.values()]) channel.lost();
      channels.clear();
      if (opened) refused = false;
      onConnectionChange(false, refused);
      // A socket that never opened while the page itself is still served: the server is up
      // but refuses this page's token (restarted with --new-token). Say so, keep trying.
      if (!opened)
        void fetch(location.pathname, { method: 'HEAD', cache: 'no-store' }).then(
          (response) => {
            if (!response.ok || socket?.readyState === WebSocket.OPEN) return;
            refused = true;
            onConnectionChange(false, true);
          },
          () => undefined,
        );
      for (const [id, resolve] of inFlight) {
        resolve({ ok: false, error: { code: 'io', message: 'The connection to War Room was lost before it answered; check the result before retrying.' } });
        inFlight.delete(id);
      }
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, RECONNECT.maxDelayMs);
    };
  }
  connect();

  function whenOpen(): Promise<void> {
    if (socket?.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve) => waiting.push(resolve));
  }

  return {
    async request(name, input) {
      await whenOpen();
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        inFlight.set(id, resolve);
        socket!.send(JSON.stringify({ id, name, input }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openTerminalChannel(_sessionId, attachmentId): TerminalChannelPort {
      // The socket of this moment: a channel does not survive a reconnect (main detached it).
      const bound = socket;
      const early: Uint8Array[] = [];
      let listener: ((frame: Uint8Array) => void) | null = null;
      let onClose: (() => void) | null = null;
      let open = true;
      const end = (): void => {
        open = false;
        channels.delete(attachmentId);
      };
      channels.set(attachmentId, {
        deliver: (frame) => (listener ? listener(frame) : early.push(frame)),
        lost: () => {
          end();
          onClose?.();
        },
      });
      return {
        send(frame) {
          if (open && bound === socket && bound?.readyState === WebSocket.OPEN) bound.send(frame);
        },
        onMessage(next) {
          listener = next;
          for (const frame of early.splice(0)) next(frame);
        },
        onClose(next) {
          onClose = next;
        },
        close: end,
      };
    },
  };
}
