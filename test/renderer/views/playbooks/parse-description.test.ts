import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDescription } from '../../../../renderer/src/views/playbooks/parse-description';

test('a dry run description splits into command, target, folder and environment', () => {
  const parts = parseDescription('[sandbox (sandbox)] in /tmp/x y with A="1: two" B="$(rm -rf ~)": echo "$A": done');
  assert.deepEqual(parts, {
    target: 'sandbox (sandbox)',
    cwd: '/tmp/x y',
    env: [
      { name: 'A', value: '1: two' },
      { name: 'B', value: '$(rm -rf ~)' },
    ],
    command: 'echo "$A": done',
  });
  assert.equal(parseDescription('GET http://x'), null);
});
