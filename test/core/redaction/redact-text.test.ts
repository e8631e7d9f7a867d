import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskedPreview, redactText } from '../../../main/core/redaction/redact-text';
import { secretSamples } from './secret-samples';

test('every built-in kind of secret is masked and listed under its pattern', () => {
  for (const sample of secretSamples) {
    const result = redactText(sample.line);
    assert.ok(!result.text.includes(sample.secret), `${sample.pattern} leaked: ${result.text}`);
    assert.ok(result.text.includes(`[REDACTED:${sample.pattern}]`), `${sample.pattern} not named: ${result.text}`);
    assert.ok(
      result.matches.some((match) => match.pattern === sample.pattern),
      sample.pattern,
    );
    for (const match of result.matches) assert.ok(!match.preview.includes(sample.secret));
  }
});

test('a key=value pair keeps its key readable and masks only the value', () => {
  const result = redactText('connecting with password=hunter2hunter to db');
  assert.equal(result.text, 'connecting with password=[REDACTED:secret-assignment] to db');
  assert.deepEqual(result.matches, [{ pattern: 'secret-assignment', index: 25, preview: 'hun…(13 chars)' }]);
});

test('URL credentials: user and host stay, the password goes', () => {
  assert.equal(redactText('https://deploy:pa55word@example.com/x').text, 'https://deploy:[REDACTED:url-credentials]@example.com/x');
});

test('per-release literals are masked, longest first; too short literals are ignored', () => {
  const result = redactText('customer Blue Whale 42 and Blue Whale, ok', { literals: ['Blue Whale', 'Blue Whale 42', 'ok'], withoutBuiltins: true });
  assert.equal(result.text, 'customer [REDACTED:literal] and [REDACTED:literal], ok');
  assert.equal(result.matches.length, 2);
});

test('ordinary output is left alone', () => {
  const text = 'deployment.apps/web configured\r\nREADY   STATUS    RESTARTS   AGE\r\n1/1     Running   0          5m\r\n';
  assert.deepEqual(redactText(text), { text, matches: [] });
});

test('an unterminated private key block is masked to the end', () => {
  const result = redactText('key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nMIIEvQIBAD');
  assert.equal(result.text, 'key:\n[REDACTED:private-key-block]');
});

test('the preview shows at most a quarter of the secret', () => {
  assert.equal(maskedPreview('AKIAIOSFODNN7EXAMPLE'), 'AKIA…(20 chars)');
  assert.equal(maskedPreview('abc'), '…(3 chars)');
});
