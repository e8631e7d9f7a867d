import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WarRoomError } from '../../../contract/domain/errors';
import { parseMarkdownRunbook } from '../../../main/core/playbooks/markdown-runbook-parser';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import { readFrontMatter } from '../../../main/core/playbooks/front-matter';
import { readShellBlock } from '../../../main/core/playbooks/shell-transcript';

/** A parser either returns a playbook or throws a WarRoomError whose every location has line and column. */
function assertParsesOrRejectsWell(parse: () => unknown, text: string): void {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof WarRoomError)) throw new Error(`crashed with ${String(error)} on ${JSON.stringify(text)}`, { cause: error });
    assert.ok(error.locations.length > 0, `no location for ${JSON.stringify(text)}`);
    for (const location of error.locations) {
      assert.ok(Number.isInteger(location.line) && (location.line ?? 0) >= 1, `bad line in ${error.message}`);
      assert.ok(Number.isInteger(location.column) && (location.column ?? 0) >= 1, `bad column in ${error.message}`);
    }
    assert.match(error.message, /line \d+, column \d+: /);
  }
  assert.equal(Object.getOwnPropertyNames(Object.prototype).includes('polluted'), false);
}

const yamlKeys = [
  'name',
  'description',
  'target',
  'variables',
  'steps',
  'run',
  'check',
  'manual',
  'approval',
  'wait',
  'prompt',
  'timeout',
  'exit_codes',
  'env',
  'cwd',
  'on_failure',
  'retries',
  'interval',
  'command',
  'http',
  'roles',
  'variable',
  'default',
  '__proto__',
  'constructor',
  'polluted',
  'id',
];
const yamlScalars = [
  '5m',
  '30s',
  '1h',
  '0',
  '-1',
  'true',
  'null',
  '~',
  '"x"',
  "'y'",
  'ask',
  'abort',
  '[0, 1]',
  '{}',
  '[]',
  '&a x',
  '*a',
  '!!binary aGk=',
  '|',
  '>',
  '"unterminated',
  'http://127.0.0.1/',
  '$(rm -rf ~)',
  '@',
  '`',
  '%',
  '- ',
  ':',
  '? x',
];

const yamlLine = fc
  .tuple(fc.nat({ max: 6 }), fc.constantFrom(...yamlKeys), fc.constantFrom(...yamlScalars), fc.boolean())
  .map(([indent, key, value, dash]) => `${' '.repeat(indent)}${dash ? '- ' : ''}${key}: ${value}`);
const yamlDocument = fc.oneof(
  fc.array(yamlLine, { maxLength: 12 }).map((lines) => lines.join('\n')),
  fc
    .array(fc.oneof(yamlLine, fc.string({ maxLength: 20 })), { maxLength: 8 })
    .map((lines) => `name: fuzz\nsteps:\n${lines.map((line) => `  ${line}`).join('\n')}`),
  fc.string({ maxLength: 200 }),
);

const markdownPieces = [
  '# Title',
  '## Step',
  '### Sub',
  'Some prose.',
  '- item',
  '1. first',
  '```sh',
  '```bash name="x" timeout=5m',
  '```sh check retries=3 interval=1s',
  '```sh timout=5m',
  '```sh name="unterminated',
  '```shell {name=y}',
  '```console',
  '$ ls',
  '```',
  '~~~sh',
  '~~~',
  'echo "$(rm -rf ~)"',
  '> quote',
  '    indented code',
  '<div>html</div>',
  '---',
  '+++',
  'title: "Fuzz',
  'title = "Fuzz"',
  'tags: [a, b]',
  '__proto__: x',
  '# root prompt',
  '$ kubectl get pods \\',
  '    --all-namespaces',
  '$ cat <<EOF',
  'EOF',
  "$ echo 'open",
  'NAME   READY   STATUS',
  'The output is similar to this:',
  '<!-- comment',
  '-->',
  '\uFFFD',
  '',
];
const markdownDocument = fc.oneof(
  fc.array(fc.constantFrom(...markdownPieces), { maxLength: 20 }).map((lines) => lines.join('\n')),
  fc.array(fc.oneof(fc.constantFrom(...markdownPieces), fc.string({ maxLength: 30 })), { maxLength: 12 }).map((lines) => lines.join('\n')),
);

test('thousands of generated YAML playbooks never crash the parser', () => {
  fc.assert(
    fc.property(yamlDocument, (text) => assertParsesOrRejectsWell(() => parseYamlPlaybook(text, 'fuzz.yaml'), text)),
    { numRuns: 2500 },
  );
});

test('thousands of generated Markdown runbooks never crash the parser', () => {
  fc.assert(
    fc.property(markdownDocument, (text) => assertParsesOrRejectsWell(() => parseMarkdownRunbook(text, 'fuzz.md'), text)),
    { numRuns: 2500 },
  );
});

test('hostile runbooks of a megabyte parse in linear time (no quadratic scans)', { timeout: 300_000 }, () => {
  // A quadratic scan over ~900 kB is ~10^11 steps: this test would hang, not merely slow down.
  const size = 900_000;
  const hostile = [
    '---\n' + 'a'.repeat(size) + ' x\n',
    '+++\n' + ' '.repeat(size),
    '## Step\n' + '<!--'.repeat(size / 4),
    '## Step\n```sh\n' + 'A  '.repeat(size / 3) + 'a\n```\n',
  ];
  for (const text of hostile) assertParsesOrRejectsWell(() => parseMarkdownRunbook(text, 'hostile.md'), text.slice(0, 40));
  // The parts that scan line by line, at the same size (Markdown itself is slower per byte).
  assert.equal(readFrontMatter('---\n' + '\n'.repeat(size)).frontMatter, undefined);
  assert.equal(readShellBlock('$ echo "open\n' + 'x\n'.repeat(size / 2), 'console').command.length, size + 10);
  assert.equal(readShellBlock('$ echo \\\n' + 'x \\\n'.repeat(size / 4), 'console').command.length, 4 + (size / 4) * 2);
  assert.equal(readShellBlock('$ cat <<EOF\n' + 'x\n'.repeat(size / 2), 'console').command.split('\n').length, size / 2 + 1);
});
