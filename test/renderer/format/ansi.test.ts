import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnsiDocument } from '../../../renderer/src/format/ansi';

test('colours survive as styled spans, other escapes are dropped, markup stays text', () => {
  const document = new AnsiDocument();
  document.write('\x1b[1;31mFAIL\x1b[0m health \x1b]0;title\x07<b>x</b>\r\n\x1b[38;5;46mgreen\x1b[39m \x1b[38;2;1;2;3mrgb\x1b[m\n');
  const [first, second] = document.content;
  assert.deepEqual(first?.[0], { text: 'FAIL', style: { bold: true, fg: '#ff6b6b' } });
  assert.equal(first?.map((span) => span.text).join(''), 'FAIL health <b>x</b>');
  assert.equal(second?.[0]?.style.fg, 'rgb(0, 255, 0)');
  assert.equal(second?.[2]?.style.fg, 'rgb(1, 2, 3)');
});

test('a sequence split across chunks renders as if whole; a carriage return starts the line over', () => {
  const whole = new AnsiDocument();
  whole.write('a\x1b[32mgreen\x1b[0m\n');
  const split = new AnsiDocument();
  for (const chunk of ['a\x1b', '[3', '2mgr', 'een\x1b[0', 'm\n']) split.write(chunk);
  assert.deepEqual(split.content, whole.content);
  const progress = new AnsiDocument();
  progress.write('10%\r50%\r100%\n');
  assert.equal(progress.text, '100%\n');
});
