import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS } from '../contract/channels';
import type { WarRoomBridge } from '../contract/bridge';
import type { WarRoomEvent } from '../contract/events';
import type { Result } from '../contract/result';

/**
 * The sandboxed preload: exposes the contract to the renderer as `window.warroom`,
 * two named functions and nothing else (no ipcRenderer, no Node).
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
};

contextBridge.exposeInMainWorld('warroom', bridge);
