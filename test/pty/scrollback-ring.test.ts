import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScrollbackRing } from '../../main/pty/scrollback-ring';

test('keeps the newest output within capacity, cut after a line break', () => {
  const ring = new ScrollbackRing(20);
  ring.push('first line\n');
  ring.push('second line\n');
  ring.push('third\n');
  assert.equal(ring.snapshot(), 'second line\nthird\n');
  ring.push('x'.repeat(50));
  assert.equal(ring.snapshot(), 'x'.repeat(20));
  assert.ok(ring.length <= 20);
  const small = new ScrollbackRing(8);
  small.push('aaaa\nbbbb\n');
  assert.equal(small.snapshot(), 'bbbb\n');
});

test('everything is kept below capacity', () => {
  const ring = new ScrollbackRing(100);
  ring.push('a');
  ring.push('');
  ring.push('b\n');
  assert.equal(ring.snapshot(), 'ab\n');
});
