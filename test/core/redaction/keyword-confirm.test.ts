// The secret-named key family skips its regexes at keyword hits that cannot match (prose), and secret-assignment is tried
// at the separators its hits lead to instead of over their lines: speed-ups that must never skip a match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findSecrets } from '../../../main/core/redaction/redact-text';
import { resolveRedactionPatterns, type PatternSet } from '../../../main/core/redaction/redaction-patterns';

const withChecks = resolveRedactionPatterns();
const withoutChecks: PatternSet = { ...withChecks, gated: withChecks.gated.map(({ confirm: _confirm, ...pattern }) => pattern) };

const fragments = [
  'password',
  'PASSWD',
  'token',
  'api_key',
  'secret',
  'auth',
  'credentials',
  'key',
  ':',
  '=',
  ':=',
  ' ',
  '\t',
  '"',
  "'",
  '\\',
  '-',
  '--',
  '<',
  '>',
  '</',
  'x9Qv3Lm',
  '_id',
  '.',
  'publickey',
  'for',
  '\n',
  // secret-assignment is tried at its separators alone: names it must refuse, repeated separators, values
  'existing',
  'Name',
  'DB_PASS',
  'oldpwd',
  '=>',
  'x=y:z',
  'kms_key_id',
];

test('with the keyword checks, the secret-named key family finds exactly what it finds without them', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 24 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(findSecrets(text, withChecks), findSecrets(text, withoutChecks), JSON.stringify(text));
    }),
    { numRuns: 4000, seed: 13 },
  );
  for (const line of [
    '{ "password" :  "hunter2x" }',
    '--client-secret=abc123',
    'vault login --token s.abc',
    '<apiKey>abc123</apiKey>',
    'export DB_PASSWORD="x y"',
    'stripeToken := "sk"',
  ]) {
    assert.deepEqual(findSecrets(line, withChecks), findSecrets(line, withoutChecks), line);
    assert.ok(findSecrets(line, withChecks).length > 0, line);
  }
});
