import type { WarRoomEvent } from '../../contract/events';

type Listener = (event: WarRoomEvent) => void;

/**
 * Events on their way to every connected renderer (the Electron window, browser tabs).
 * Transports subscribe; services publish. A listener that throws does not stop the others.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  publish(event: WarRoomEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('warroom: an event listener failed', error);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
