import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StreamingRedactionLimits, createStreamingRedactor } from '../../../main/core/redaction/streaming-redactor';
import { redactText } from '../../../main/core/redaction/redact-text';
import type { RedactionOptions } from '../../../main/core/redaction/redaction-patterns';
import { secretSamples } from './secret-samples';

function streamThrough(chunks: readonly string[], options: RedactionOptions = {}): string {
  const redactor = createStreamingRedactor(options);
  return chunks.map((chunk) => redactor.push(chunk)).join('') + redactor.flush();
}

function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let previous = 0;
  for (const point of points) {
    chunks.push(text.slice(previous, point));
    previous = point;
  }
  chunks.push(text.slice(previous));
  return chunks;
}

test('a secret split in two at every possible point never leaks', () => {
  for (const sample of secretSamples) {
    const text = `prompt$ ls\r\n${sample.line}done\r\n`;
    for (let cut = 0; cut <= text.length; cut += 1) {
      const out = streamThrough([text.slice(0, cut), text.slice(cut)]);
      assert.ok(!out.includes(sample.secret), `${sample.pattern} leaked when cut at ${cut}: ${JSON.stringify(out)}`);
      assert.ok(out.includes('done\r\n'));
    }
  }
});

test('a secret typed one character at a time never leaks', () => {
  for (const sample of secretSamples) {
    const out = streamThrough([...`$ ${sample.line}`]);
    assert.ok(!out.includes(sample.secret), `${sample.pattern} leaked: ${JSON.stringify(out)}`);
  }
});

test('random chunkings of mixed output leak nothing and keep the harmless text', () => {
  const literal = 'Blue Whale 42';
  const text = `${secretSamples.map((sample) => sample.line).join('plain output line\r\n')}customer ${literal} ok\r\n`;
  fc.assert(
    fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
      const out = streamThrough(splitAt(text, cuts), { literals: [literal] });
      for (const sample of secretSamples) assert.ok(!out.includes(sample.secret), `${sample.pattern}: ${JSON.stringify(out)}`);
      assert.ok(!out.includes(literal));
      assert.equal(out.split('plain output line').length, secretSamples.length);
    }),
    { numRuns: 150 },
  );
});

test('without cuts, the stream result equals the one-shot result', () => {
  const text = secretSamples.map((sample) => sample.line).join('');
  assert.equal(streamThrough([text]), redactText(text).text);
});

test('matches are listed with their offset in the stream', () => {
  const redactor = createStreamingRedactor();
  redactor.push('0123456789 AKIAIOSF');
  redactor.push('ODNN7EXAMPLE\n');
  redactor.flush();
  assert.deepEqual(redactor.matches, [{ pattern: 'aws-access-key-id', index: 11, preview: 'AKIA…(20 chars)' }]);
  assert.equal(redactor.matchCount, 1);
});

test('held-back text is bounded: a long run without spaces is released', () => {
  const redactor = createStreamingRedactor();
  const out = redactor.push('x'.repeat(3 * StreamingRedactionLimits.MaxHeldChars));
  assert.ok(out.length >= 2 * StreamingRedactionLimits.MaxHeldChars, `released only ${out.length}`);
  assert.equal(out + redactor.flush(), 'x'.repeat(3 * StreamingRedactionLimits.MaxHeldChars));
});

test('a prompt ending in a space is released at once (recordings keep their timing)', () => {
  const redactor = createStreamingRedactor();
  assert.equal(redactor.push('user@host:~$ '), 'user@host:~$ ');
  assert.equal(redactor.push('ls'), '');
  assert.equal(redactor.push('\r\n'), 'ls\r\n');
});

test('a private key block longer than the hold bound is masked whole', () => {
  const body = Array.from({ length: 400 }, (_, index) => `MIIEowIBAAKCAQEAu1SU1LfVLPHCozMx${String(index).padStart(4, '0')}`).join('\n');
  const text = `before\n-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\nafter\n`;
  const out = streamThrough(splitAt(text, [100, 5000, 9000, 13000, 17000]));
  assert.equal(out, 'before\n[REDACTED:private-key-block]\nafter\n');
});
