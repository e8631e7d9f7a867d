// `warroom playbook lint` as authors run it in their CI: a real process, real files, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir';

const cli = new URL('../../main/cli.ts', import.meta.url).pathname;
const fixtures = new URL('../core/playbooks/fixtures/runbooks/', import.meta.url).pathname;

function warroom(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  file: string;
  format: string | null;
  ok: boolean;
  playbook: { name: string; description: string; target: string | null; metadata: Record<string, unknown> } | null;
  steps: {
    index: number;
    id: string;
    kind: string;
    name: string;
    command: string | null;
    expectedOutput: string | null;
    url: string | null;
    target: string | null;
    line: number;
    column: number;
  }[];
  warnings: { line: number; column: number; message: string }[];
  errors: { line: number | null; column: number | null; field: string | null; message: string }[];
}

test('lint lists the steps of a Markdown runbook (kind, line, name, command, expected output) and its warnings; exit 0', () => {
  const result = warroom('playbook', 'lint', join(fixtures, 'default-storage-class-k8s.md'));
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.split('\n');
  assert.match(lines[0] ?? '', /default-storage-class-k8s\.md: Markdown runbook "Change the default StorageClass": 3 steps, 2 warnings$/);
  assert.match(result.stdout, /^ {2}1 {2}run {7}24 {2}Changing the default StorageClass \(1\/3\)\n {19}\$ kubectl get storageclass\n {19}\| NAME/m);
  assert.match(
    result.stdout,
    /^warning: .*default-storage-class-k8s\.md line 30, column 5: the ```bash block after "The output is similar to this:" shows output/m,
  );
  assert.equal(result.stderr, '');
});

test('lint of a YAML playbook with an error prints it with line and column and exits 1', () => {
  const result = warroom('playbook', 'lint', join(fixtures, 'unterminated-quote.yaml'));
  assert.equal(result.code, 1);
  assert.match(result.stdout, /unterminated-quote\.yaml line 9, column 10: is not valid YAML: the double quote opened here is never closed\n/);
  assert.match(result.stdout, /1 error; nothing would run from it\.\n$/);
});

test('lint --json: the report for machines, steps and warnings, or errors with line and column', () => {
  const ok = warroom('playbook', 'lint', join(fixtures, 'pv-filling-up-prometheus-operator.md'), '--json');
  assert.equal(ok.code, 0, ok.stderr);
  const report = JSON.parse(ok.stdout) as JsonReport;
  assert.equal(report.ok, true);
  assert.equal(report.format, 'markdown');
  assert.equal(report.playbook?.name, 'Volume nearly full');
  assert.deepEqual(report.playbook?.metadata, { title: 'Volume nearly full', weight: 20 });
  assert.deepEqual(
    report.steps.map((step) => [step.index, step.kind, step.line, step.command?.slice(0, 24) ?? null]),
    [
      [1, 'run', 24, 'kubectl get storageclass'],
      [2, 'run', 32, 'kubectl -n shop edit pvc'],
      [3, 'run', 38, 'kubectl -n shop get pvc '],
      [4, 'manual', 42, null],
    ],
  );
  assert.match(report.steps[0]?.expectedOutput ?? '', /^NAME/);
  assert.deepEqual(report.warnings, []);
  assert.deepEqual(report.errors, []);

  const bad = warroom('playbook', 'lint', join(fixtures, 'toml-front-matter-invalid.md'), '--json');
  assert.equal(bad.code, 1);
  const failed = JSON.parse(bad.stdout) as JsonReport;
  assert.equal(failed.ok, false);
  assert.deepEqual(failed.steps, []);
  assert.deepEqual(failed.errors, [{ line: 2, column: 9, field: null, message: 'front matter is not valid TOML: invalid value' }]);

  const yaml = warroom('playbook', 'lint', join(fixtures, 'ansible-site.yaml'), '--json');
  assert.equal(yaml.code, 1);
  assert.deepEqual((JSON.parse(yaml.stdout) as JsonReport).errors, [{ line: 4, column: 1, field: null, message: 'must be a mapping with name and steps' }]);
});

test('a cut-off runbook lints with its warning and exit 0: it would import', () => {
  const result = warroom('playbook', 'lint', join(fixtures, 'cut-off-mid-paragraph.md'), '--json');
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as JsonReport;
  assert.equal(report.warnings.length, 1);
  assert.match(report.warnings[0]?.message ?? '', /the file may be cut off/);
});

test('a missing file, a folder, a FIFO and a device are refused in one line, exit 1, without hanging', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'folder.md'));
  const fifo = join(dir, 'pipe.md');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  for (const [file, what] of [
    [join(dir, 'missing.md'), /missing\.md does not exist; give the path of a \.yaml, \.yml or \.md playbook\./],
    [join(dir, 'folder.md'), /folder\.md is a folder, not a playbook file/],
    [fifo, /pipe\.md is a FIFO \(named pipe\), not a playbook file/],
    ['/dev/null', /\/dev\/null is a device, not a playbook file/],
  ] as const) {
    const result = warroom('playbook', 'lint', file);
    assert.equal(result.code, 1, `${file}: ${result.stderr}`); // null would mean it hung until the timeout
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^warroom: /);
    assert.match(result.stderr, what);
  }
  // A symlink to a FIFO is a FIFO too; --json reports it as an error with no line.
  symlinkSync(fifo, join(dir, 'link.md'));
  const json = warroom('playbook', 'lint', join(dir, 'link.md'), '--json');
  assert.equal(json.code, 1);
  const report = JSON.parse(json.stdout) as JsonReport;
  assert.equal(report.ok, false);
  assert.equal(report.errors[0]?.line, null);
  assert.match(report.errors[0]?.message ?? '', /is a FIFO/);
});

test('lint refuses a file that is neither YAML nor Markdown, and a wrong command line, with the usage', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'notes.txt'), 'hello\n');
  const text = warroom('playbook', 'lint', join(dir, 'notes.txt'));
  assert.equal(text.code, 1);
  assert.match(text.stderr, /notes\.txt is neither \.yaml, \.yml nor \.md/);
  for (const args of [['playbook'], ['playbook', 'frob'], ['playbook', 'lint', 'a.md', '--bogus']]) {
    const result = warroom(...args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, /warroom playbook lint FILE \[--json\]/);
  }
});

test('lint never runs a command and shows escape sequences instead of sending them to the terminal', () => {
  const dir = tempDir();
  const marker = join(dir, 'ran');
  writeFileSync(join(dir, 'hostile.md'), `# Hostile \u001b]0;pwned\u0007\n\n## Touch\n\`\`\`sh\ntouch ${marker}\n\`\`\`\n`);
  const result = warroom('playbook', 'lint', join(dir, 'hostile.md'));
  assert.equal(result.code, 0, result.stderr);
  assert.ok(!result.stdout.includes('\u001b'), 'an escape sequence reached the terminal');
  assert.match(result.stdout, /\\x1b\]0;pwned\\x07/);
  assert.equal(spawnSync('test', ['-e', marker]).status, 1, 'the command was run');
});
