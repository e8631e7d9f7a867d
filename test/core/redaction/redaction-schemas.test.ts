import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRedactionSettings } from '../../../main/core/redaction/redaction-schemas';
import { redactText } from '../../../main/core/redaction/redact-text';
import { WarRoomError } from '../../../contract/domain/errors';

test('operator patterns and literals are compiled and used', () => {
  const options = compileRedactionSettings({ literals: ['Blue Whale 42'], patterns: [{ name: 'customer-id', source: 'CUST-\\d{6}', caseInsensitive: true }] });
  assert.equal(redactText('cust-123456 of Blue Whale 42', options).text, '[REDACTED:customer-id] of [REDACTED:literal]');
});

test('a broken or empty-matching pattern is refused with its name and field', () => {
  for (const source of ['(unclosed', 'a*']) {
    assert.throws(
      () => compileRedactionSettings({ patterns: [{ name: 'bad-one', source }] }),
      (error: unknown) =>
        error instanceof WarRoomError &&
        error.code === 'invalid-input' &&
        error.message.includes("'bad-one'") &&
        error.locations[0]?.field === 'patterns.0.source',
    );
  }
});

test('too short literals are refused by the schema', () => {
  assert.throws(() => compileRedactionSettings({ literals: ['ab'] }), /at least 4 characters/);
});
