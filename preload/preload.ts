import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS } from '../contract/channels';
import type { TerminalChannelPort, WarRoomBridge } from '../contract/bridge';
import type { WarRoomEvent } from '../contract/events';
import type { Result } from '../contract/result';

/**
 * The sandboxed preload: exposes the contract to the renderer as `window.warroom`,
 * named functions and nothing else (no ipcRenderer, no Node, no raw MessagePort).
 */
const bridge: WarRoomBridge = {
  request(name: string, input: unknown): Promise<Result<unknown>> {
    return ipcRenderer.invoke(CHANNELS.request, String(name), input) as Promise<Result<unknown>>;
  },
  subscribe(listener: (event: WarRoomEvent) => void): () => void {
    const handler = (_event: IpcRendererEvent, payload: WarRoomEvent) => listener(payload);
    ipcRenderer.on(CHANNELS.event, handler);
    return () => {
      ipcRenderer.removeListener(CHANNELS.event, handler);
    };
  },
  /**
   * One MessagePort per terminal attachment: this end stays here, the other is transferred
   * to main (which checks the sender as it does for requests). The page gets functions
   * that send and receive bytes, never the port itself.
   */
  openTerminalChannel(sessionId: string, attachmentId: string): TerminalChannelPort {
    const { port1, port2 } = new MessageChannel();
    ipcRenderer.postMessage(CHANNELS.terminalPort, { sessionId: String(sessionId), attachmentId: String(attachmentId) }, [port2]);
    const early: Uint8Array[] = [];
    let listener: ((frame: Uint8Array) => void) | null = null;
    let onClose: (() => void) | null = null;
    let closed = false;
    port1.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : event.data;
      if (!(data instanceof Uint8Array)) return;
      if (listener) listener(data);
      else early.push(data);
    };
    // Chromium fires 'close' on a port whose other end was closed (main detached, or the window's channels ended).
    port1.addEventListener('close', () => {
      if (!closed) onClose?.();
      closed = true;
    });
    return {
      send(frame: Uint8Array) {
        if (!closed && frame instanceof Uint8Array) port1.postMessage(frame);
      },
      onMessage(next: (frame: Uint8Array) => void) {
        listener = next;
        for (const frame of early.splice(0)) next(frame);
      },
      onClose(next: () => void) {
        onClose = next;
      },
      close() {
        closed = true;
        port1.close();
      },
    };
  },
};

contextBridge.exposeInMainWorld('warroom', bridge);
