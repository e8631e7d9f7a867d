import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overlap } from '../../../../renderer/src/views/playbooks/output-overlap';

test('output that arrived while the log was read is shown once: none, part or all of it may be in the log', () => {
  const shown = (log: string, chunks: string[]) => log + chunks.join('').slice(overlap(log, chunks.join('')));
  // Two chunks both already in the log: the old chunk-by-chunk check wrote the first again.
  assert.equal(shown('start\nmigration starting\nstep 2\n', ['migration starting\n', 'step 2\n']), 'start\nmigration starting\nstep 2\n');
  assert.equal(shown('start\nmigration starting\n', ['migration starting\n', 'step 2\n']), 'start\nmigration starting\nstep 2\n');
  assert.equal(shown('start\n', ['migration starting\n', 'step 2\n']), 'start\nmigration starting\nstep 2\n');
  assert.equal(shown('', ['a', 'b']), 'ab');
  assert.equal(overlap('abc', ''), 0);
});
