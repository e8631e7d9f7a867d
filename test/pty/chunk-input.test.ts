import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkInput, InputChunking } from '../../main/pty/chunk-input';

test('input is cut into chunks of at most 50 characters, in order, nothing lost', () => {
  const paste = 'x'.repeat(10) + 'y'.repeat(120);
  const chunks = chunkInput(paste);
  assert.deepEqual(
    chunks.map((chunk) => chunk.length),
    [50, 50, 30],
  );
  assert.equal(chunks.join(''), paste);
  assert.ok(chunks.every((chunk) => chunk.length <= InputChunking.MaxChunkChars));
});

test('a keystroke and a short line are one chunk; an empty write is none', () => {
  assert.deepEqual(chunkInput('l'), ['l']);
  assert.deepEqual(chunkInput('ls -la\r'), ['ls -la\r']);
  assert.deepEqual(chunkInput(''), []);
});

test('a chunk ends before an escape, so a sequence is never split from its ESC', () => {
  const input = 'abc\x1b[Adef\x1b[200~pasted\x1b[201~';
  const chunks = chunkInput(input);
  assert.deepEqual(chunks, ['abc', '\x1b[Adef', '\x1b[200~pasted', '\x1b[201~']);
  assert.equal(chunks.join(''), input);
});

test('a surrogate pair (an emoji) is never cut in half at the size limit', () => {
  const input = 'a'.repeat(49) + '🚀' + 'b'.repeat(10);
  const chunks = chunkInput(input);
  assert.equal(chunks.join(''), input);
  for (const chunk of chunks) {
    const last = chunk.charCodeAt(chunk.length - 1);
    assert.ok(!(last >= 0xd800 && last <= 0xdbff), `chunk ends with a lone high surrogate: ${JSON.stringify(chunk)}`);
  }
  assert.ok(chunks[0]!.endsWith('🚀'));
});
