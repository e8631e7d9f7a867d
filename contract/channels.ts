/** Names that cross a process boundary, in one place (IPC channels, WebSocket path). */
export const CHANNELS = {
  /** Renderer -> main: { name, input } -> Result. */
  request: 'warroom:request',
  /** Main -> renderer: WarRoomEvent. */
  event: 'warroom:event',
  /**
   * Renderer -> main (ipcRenderer.postMessage): `{ sessionId, attachmentId }` with one
   * transferred MessagePort, that attachment's terminal data channel (contract/terminal-frames.ts).
   */
  terminalPort: 'warroom:terminal-port',
} as const;

export const WEBSOCKET_PATH = '/ws';
