import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_TOKEN_FILE, workspaceWebToken } from '../../main/transport/web-token';
import { tempDir } from '../support/temp-dir';

test('the browser-mode token is kept in the workspace (0600), the same across starts, replaced on demand', () => {
  const workspace = tempDir();
  const file = join(workspace, WEB_TOKEN_FILE);
  const first = workspaceWebToken(workspace);
  assert.match(first, /^[A-Za-z0-9_-]{32}$/);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(workspaceWebToken(workspace), first, 'a restart keeps the token');
  const rotated = workspaceWebToken(workspace, { rotate: true });
  assert.notEqual(rotated, first);
  assert.equal(readFileSync(file, 'utf8').trim(), rotated);

  // Loosened by a copy or a restore: tightened again, token kept.
  chmodSync(file, 0o644);
  assert.equal(workspaceWebToken(workspace), rotated);
  assert.equal(statSync(file).mode & 0o777, 0o600);

  // Damaged (empty, or not a token): replaced by a fresh one, never used as a key.
  for (const junk of ['', 'short', 'x'.repeat(40) + ' spaces inside', '<script>']) {
    writeFileSync(file, junk);
    const fresh = workspaceWebToken(workspace);
    assert.match(fresh, /^[A-Za-z0-9_-]{32}$/, `after ${JSON.stringify(junk)}`);
  }
});

test('a token path that cannot be read is an error naming the file and the way out', () => {
  const workspace = tempDir();
  mkdirSync(join(workspace, WEB_TOKEN_FILE));
  assert.throws(() => workspaceWebToken(workspace), /web-token.*warroom web --new-token/);
});
