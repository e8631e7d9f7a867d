import type { Result } from './result';
import type { WarRoomEvent } from './events';

/**
 * What the preload exposes as `window.warroom` (and what browser mode's WebSocket
 * client implements): two named functions, nothing else.
 */
export interface WarRoomBridge {
  request(name: string, input: unknown): Promise<Result<unknown>>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: WarRoomEvent) => void): () => void;
}
