import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeWindowLength, formatLength } from '../../../../renderer/src/views/schedule/window-length';
import { resolveWindow } from '../../../../main/core/schedule/release-window';

test('the window length is the real one, and says when the clocks change', () => {
  const length = (start: string, end: string, zone = 'Europe/Berlin') => describeWindowLength({ start, end }, resolveWindow({ start, end, zone }));
  assert.deepEqual(length('2026-03-31T22:00', '2026-04-01T02:00'), { text: '4 h', clockChange: null });
  // Spring forward in Berlin: 02:00 becomes 03:00.
  assert.deepEqual(length('2026-03-29T01:00', '2026-03-29T04:00'), { text: '2 h, clocks go forward (3 h on the wall clock)', clockChange: 'forward' });
  // Fall back: 03:00 becomes 02:00 again.
  assert.deepEqual(length('2026-10-25T01:00', '2026-10-25T04:00'), { text: '4 h, clocks go back (3 h on the wall clock)', clockChange: 'back' });
  assert.equal(formatLength(150), '2 h 30 min');
  assert.equal(formatLength(45), '45 min');
  assert.equal(formatLength(1680), '1 d 4 h');
});
