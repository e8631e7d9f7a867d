import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';

/**
 * A deterministic corpus of terminal output: log lines like a deploy or `kubectl logs`
 * prints, with some colour (SGR) sequences and some UTF-8 (accents, CJK, emoji), and no
 * secrets. Written once per size into `file`.
 */
export function ensureCorpus(file: string, bytes: number): string {
  if (existsSync(file) && statSync(file).size === bytes) return file;
  const fd = openSync(file, 'w');
  try {
    const paths = ['/api/orders', '/api/checkout', '/health', '/api/users/42', '/static/app.js', '/api/payments/refund'];
    const words = ['Zürich', '東京', 'São Paulo', 'ok ✅', 'retry', 'canary', 'rollout'];
    let written = 0;
    let line = 0;
    const block: string[] = [];
    let blockBytes = 0;
    while (written < bytes) {
      const status = line % 37 === 0 ? 500 : line % 11 === 0 ? 404 : 200;
      const colour = status === 200 ? '\x1b[32m' : status === 404 ? '\x1b[33m' : '\x1b[31m';
      const text = `2026-11-22T02:${String(line % 60).padStart(2, '0')}:${String((line * 7) % 60).padStart(2, '0')}.${String(line % 1000).padStart(3, '0')}Z pod/checkout-7d9f${line % 10} ${colour}${status}\x1b[0m GET ${paths[line % paths.length]} ${(line * 13) % 900}ms region=${words[line % words.length]} trace=${((line * 2654435761) >>> 0).toString(16)}\r\n`;
      block.push(text);
      blockBytes += Buffer.byteLength(text);
      line += 1;
      if (blockBytes >= 1 << 20 || written + blockBytes >= bytes) {
        let buffer: Buffer = Buffer.from(block.join(''));
        if (written + buffer.length > bytes) buffer = cutAtCharacter(buffer, bytes - written);
        writeSync(fd, buffer);
        written += buffer.length;
        block.length = 0;
        blockBytes = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Cut to at most `length` bytes, then pad with spaces so a UTF-8 character is never split. */
function cutAtCharacter(buffer: Buffer, length: number): Buffer {
  let end = length;
  while (end > 0 && (buffer[end]! & 0xc0) === 0x80) end -= 1;
  return Buffer.concat([buffer.subarray(0, end), Buffer.alloc(length - end, 0x20)]);
}
