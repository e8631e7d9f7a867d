/** Something that holds a resource (a listener, a process, a file) until disposed. */
export interface Disposable {
  dispose(): void;
}

/** A subscription function: call it with a listener, dispose the result to unsubscribe. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/**
 * A private event source with a public `event` to subscribe to (VS Code's pattern).
 *
 * Listeners that throw do not stop the others: one broken consumer of terminal output
 * must not starve the recorder. The error is reported through `onListenerError`.
 */
export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>();
  private disposed = false;

  constructor(private readonly onListenerError: (error: unknown) => void = reportListenerError) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    const wrapped = (value: T): void => listener(value);
    this.listeners.add(wrapped);
    return { dispose: () => void this.listeners.delete(wrapped) };
  };

  /** Deliver a value to every current listener. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** How many listeners are subscribed (tests check that nothing leaks). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}

function reportListenerError(error: unknown): void {
  console.error('A terminal event listener failed:', error);
}
