import type { Disposable } from './emitter';

/**
 * Everything one owner holds (a session's listeners, an attachment's channel and timers),
 * released by one call (VS Code's DisposableStore). Disposed in reverse order of adding,
 * each at most once; one that throws does not keep the others alive. Added after the
 * store is disposed, a resource is released at once (an attach that lost the race with a
 * close leaks nothing).
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Keep `item` (a Disposable or a function that releases) until the store is disposed; returns it. */
  add<T extends Disposable>(item: T): T;
  add(item: () => void): () => void;
  add(item: Disposable | (() => void)): Disposable | (() => void) {
    const disposable: Disposable = typeof item === 'function' ? { dispose: item } : item;
    if (this.disposed) release(disposable);
    else this.items.push(disposable);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) release(item);
  }
}

function release(item: Disposable): void {
  try {
    item.dispose();
  } catch (error) {
    console.error('warroom: releasing a terminal resource failed', error);
  }
}
