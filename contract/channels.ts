/** Names that cross a process boundary, in one place (IPC channels, WebSocket path). */
export const CHANNELS = {
  /** Renderer -> main: { name, input } -> Result. */
  request: 'warroom:request',
  /** Main -> renderer: WarRoomEvent. */
  event: 'warroom:event',
} as const;

export const WEBSOCKET_PATH = '/ws';
