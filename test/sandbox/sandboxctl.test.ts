import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir';

const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;

function sandbox(dir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [ctl, ...args, '--dir', dir], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

test('the demo sandbox service really breaks on v2 and recovers by rolling back to v1', () => {
  const dir = tempDir();
  try {
    assert.equal(sandbox(dir, 'init', 'v2').code, 0);
    assert.equal(sandbox(dir, 'start').code, 0);
    const broken = sandbox(dir, 'health');
    assert.equal(broken.code, 1);
    assert.match(broken.out, /HTTP 503 .*"version":"v2"/);
    assert.equal(sandbox(dir, 'switch', 'v1').code, 0);
    assert.equal(sandbox(dir, 'health').code, 1, 'a switch takes effect only after a restart');
    assert.equal(sandbox(dir, 'restart').code, 0);
    const healthy = sandbox(dir, 'health');
    assert.equal(healthy.code, 0);
    assert.match(healthy.out, /HTTP 200 .*"version":"v1"/);
    assert.equal(sandbox(dir, 'switch', 'v9').code, 1);
  } finally {
    const pid = Number(readFileSync(join(dir, 'service.pid'), 'utf8'));
    assert.equal(sandbox(dir, 'stop').code, 0);
    assert.throws(() => process.kill(pid, 0), 'the service process is gone');
  }
  assert.equal(sandbox(dir, 'bogus').code, 2);
});
