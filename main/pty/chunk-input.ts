/**
 * Input for a pty in small pieces, written one per InputChunkIntervalMs (VS Code's
 * terminalProcess does the same: a large paste written at once can be corrupted or cut by
 * the tty, microsoft/vscode#38137). A chunk never ends inside an escape sequence's start
 * (a chunk ends before an ESC) nor between the two halves of a surrogate pair.
 */
export const InputChunking = {
  MaxChunkChars: 50,
  IntervalMs: 5,
} as const;

export function chunkInput(data: string, maxChars: number = InputChunking.MaxChunkChars): string[] {
  const chunks: string[] = [];
  let start = 0;
  for (let index = 0; index < data.length; index += 1) {
    const next = index + 1;
    if (next >= data.length) break;
    const full = next - start >= maxChars;
    const escapeNext = data.charCodeAt(next) === 0x1b && next > start;
    if (!full && !escapeNext) continue;
    // Never split a surrogate pair: the high half stays with its low half.
    const code = data.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) continue;
    chunks.push(data.slice(start, next));
    start = next;
  }
  if (start < data.length) chunks.push(data.slice(start));
  return chunks;
}
