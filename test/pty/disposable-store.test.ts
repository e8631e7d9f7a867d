import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisposableStore } from '../../main/pty/disposable-store';

test('a store releases everything once, last added first, even when one release throws', () => {
  const store = new DisposableStore();
  const order: string[] = [];
  store.add({ dispose: () => order.push('listener') });
  store.add(() => order.push('timer'));
  store.add(() => {
    order.push('broken');
    throw new Error('boom');
  });
  store.add({ dispose: () => order.push('port') });
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args);
  try {
    store.dispose();
    store.dispose();
  } finally {
    console.error = original;
  }
  assert.deepEqual(order, ['port', 'broken', 'timer', 'listener']);
  assert.equal(errors.length, 1, 'the failure is reported, not swallowed');
  assert.equal(store.isDisposed, true);
});

test('a resource added after the store was disposed is released at once (an attach that lost the race with a close)', () => {
  const store = new DisposableStore();
  store.dispose();
  let released = false;
  const returned = store.add({ dispose: () => (released = true) });
  assert.equal(released, true);
  assert.equal(typeof returned.dispose, 'function', 'add returns what it was given');
});
