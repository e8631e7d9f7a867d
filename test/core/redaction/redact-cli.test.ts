import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addWorkspaceLiterals } from '../../../main/core/redaction/workspace-literals';
import { tempDir } from '../../support/temp-dir';

const cli = new URL('../../../main/cli.ts', import.meta.url).pathname;

function warroom(args: readonly string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const token = 'glpat-Ab3dE6gH9jK2mN5pQ8sT';
const log = `02:10 deploying\nAuthorization: Bearer ${token}\nDB=postgres://app:Sup3rSecretPw@db/orders\ncustomer Blue Whale Corp called\n`;

test('warroom redact prints a file or stdin with the rules and the workspace literals applied', async () => {
  const workspace = tempDir();
  await addWorkspaceLiterals(workspace, ['Blue Whale Corp']);
  const file = join(tempDir(), 'incident.log');
  writeFileSync(file, log);
  for (const result of [warroom(['redact', file, '--workspace', workspace]), warroom(['redact', '--workspace', workspace], log)]) {
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes(token) && !result.stdout.includes('Sup3rSecretPw') && !result.stdout.includes('Blue Whale Corp'), result.stdout);
    assert.ok(result.stdout.includes('Authorization: Bearer [REDACTED:') && result.stdout.includes('02:10 deploying'), result.stdout);
  }
});

test('warroom redact --json lists rule, line and column of each finding, never the secret', async () => {
  const workspace = tempDir();
  await addWorkspaceLiterals(workspace, ['Blue Whale Corp']);
  const result = warroom(['redact', '--json', '--workspace', workspace], log);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(!result.stdout.includes(token) && !result.stdout.includes('Sup3rSecretPw') && !result.stdout.includes('Blue Whale'));
  const parsed = JSON.parse(result.stdout) as { findings: { rule: string; line: number; column: number }[] };
  assert.ok(
    parsed.findings.some((finding) => finding.rule === 'gitlab-pat' && finding.line === 2 && finding.column === 23),
    result.stdout,
  );
  assert.ok(parsed.findings.some((finding) => finding.rule === 'url-credentials' && finding.line === 3));
  assert.ok(parsed.findings.some((finding) => finding.rule === 'literal' && finding.line === 4 && finding.column === 10));
});

test('warroom redact on a missing file: one line naming it, no stack trace', () => {
  const result = warroom(['redact', '/nonexistent/x.log']);
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /\/nonexistent\/x\.log/);
});
