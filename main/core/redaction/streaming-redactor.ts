import type { RedactionOptions } from './redaction-patterns';
import { resolveRedactionPatterns, secretKeyNames, usableLiterals } from './redaction-patterns';
import { privateKeyBlockEnd, privateKeyBlockHeader } from './rules/rules-generic';
import type { RedactionMatch, SecretRange } from './redact-text';
import { findSecrets, redactionMask, toMatch } from './redact-text';

/** Tuning of the streaming redactor: how much it holds back and remembers. */
export const StreamingRedactionLimits = {
  /**
   * Longest trailing word held back while it may still be the start of a token. A JWT
   * with many claims reaches ~2-3k chars; beyond this, the word is released (its
   * complete secrets masked) so that a minified file without spaces cannot pile up.
   */
  MaxHeldWordChars: 4096,
  /** Upper bound of everything held back (a word plus a `password = "...` prefix). */
  MaxHeldChars: 8192,
  /**
   * Released text remembered as context, so that `password: ` released in one chunk
   * still masks `hunter2` arriving in the next: key name (~40) + separators + value (512).
   */
  ContextChars: 640,
  /** Most matches kept for the review; the count goes on beyond it. */
  MaxListedMatches: 1000,
} as const;

/** A redactor for one stream (a terminal recording, a run log). */
export interface StreamingRedactor {
  /** Feed the next chunk; returns the text that is now safe to write (maybe empty). */
  push(chunk: string): string;
  /** Release everything held back (end of stream, or before a resize is recorded). */
  flush(): string;
  /** Matches so far (at most MaxListedMatches), indices in the original stream. */
  readonly matches: readonly RedactionMatch[];
  /** How many secrets were masked in total. */
  readonly matchCount: number;
}

// Ends of text that announce a secret still to come: hold them back until it has arrived.
const pendingAnnouncers: readonly RegExp[] = [
  // `password = `, `"api_key": "par` (the value, possibly quoted, has not ended yet)
  new RegExp(String.raw`${secretKeyNames}[A-Za-z0-9_.-]{0,40}["']?[ \t]*[:=][ \t]*(?:"[^"\n]{0,512}|'[^'\n]{0,512})?$`, 'i'),
  // `--password ` (a flag whose value comes next)
  new RegExp(String.raw`-${secretKeyNames}[A-Za-z0-9_-]{0,40}[ \t]*$`, 'i'),
  // A private key header being written (`https://user:pa` and tokens are one word, held anyway).
  /-----BEGIN[A-Z0-9 ]{0,40}-{0,4}$/,
];

const blockHeader = privateKeyBlockHeader;
const blockEnd = privateKeyBlockEnd;
// Longest tail kept while looking for the end line of a private key block.
const blockEndProbeChars = 64;

/**
 * Create a redactor that masks secrets in a stream, also when a secret is split across
 * chunks (a token cut by a 4k read, a key typed one character at a time).
 *
 * It holds back the shortest tail that could still grow into a secret (the trailing
 * word, a `password=` waiting for its value, a private key header being written), bounded
 * by StreamingRedactionLimits, and remembers recent released text as context. A private
 * key block is masked whole, however it is cut, until its END line.
 */
export function createStreamingRedactor(options: RedactionOptions = {}): StreamingRedactor {
  const patterns = resolveRedactionPatterns(options);
  const literals = usableLiterals(options.literals ?? []);
  let context = '';
  let pending = '';
  let inBlock = false;
  let released = 0; // chars of original text released (or dropped) so far
  let matchCount = 0;
  const matches: RedactionMatch[] = [];

  function record(window: string, range: SecretRange, windowOffset: number): void {
    matchCount += 1;
    if (matches.length < StreamingRedactionLimits.MaxListedMatches) matches.push(toMatch(window, range, windowOffset));
  }

  function remember(original: string): void {
    // A long chunk is its own context: no copy of the whole chunk to keep its tail.
    context =
      original.length >= StreamingRedactionLimits.ContextChars
        ? original.slice(-StreamingRedactionLimits.ContextChars)
        : (context + original).slice(-StreamingRedactionLimits.ContextChars);
    released += original.length;
  }

  // Inside a private key block: drop everything up to its END line.
  function skipBlock(text: string): string | undefined {
    const end = blockEnd.exec(text);
    if (end === null) {
      const keep = Math.min(text.length, blockEndProbeChars);
      released += text.length - keep;
      pending = text.slice(text.length - keep);
      context = '';
      return undefined;
    }
    const after = end.index + end[0].length;
    released += after;
    inBlock = false;
    context = '';
    return text.slice(after);
  }

  function scan(text: string, final: boolean): string {
    let out = '';
    let rest: string | undefined = text;
    for (;;) {
      if (inBlock) {
        rest = skipBlock(rest);
        if (rest === undefined) return out;
      }
      // Every rule but the private key block (handled here) stays within a line: after a
      // line end, the context cannot change what matches, and the chunk is scanned as it is.
      const lineStart = context.length === 0 || context.endsWith('\n');
      const window = lineStart ? rest : context + rest;
      const offset = lineStart ? 0 : context.length;
      const ranges = findSecrets(window, patterns);
      let hold = final ? rest.length : holdPoint(rest, literals);
      if (!final) hold = Math.max(hold, rest.length - StreamingRedactionLimits.MaxHeldChars);
      // A secret that crosses the hold point is held back whole, unless the bound is hit:
      // then it is released whole and masked (fail closed).
      const forced = !final && hold === rest.length - StreamingRedactionLimits.MaxHeldChars;
      for (const range of ranges) {
        const start = range.start - offset;
        const end = range.end - offset;
        if (start < hold && end > hold) hold = forced ? end : Math.max(0, start);
      }
      // An unterminated private key block: mask from its header on, then skip to its END.
      const header = mayHoldBlock(rest) ? blockHeader.exec(rest) : null;
      if (header !== null && header.index < hold && !blockEnd.test(rest.slice(header.index))) {
        const before = rest.slice(0, header.index);
        out += maskReleased(window, ranges, offset, before.length);
        out += redactionMask('private-key-block');
        record(window, { pattern: 'private-key-block', start: offset + header.index, end: window.length }, released - offset);
        remember(before);
        inBlock = true;
        rest = rest.slice(header.index);
        continue;
      }
      out += maskReleased(window, ranges, offset, hold);
      remember(rest.slice(0, hold));
      pending = rest.slice(hold);
      return out;
    }
  }

  // The masked text of rest[0, length), given ranges found in the window (context + rest).
  function maskReleased(window: string, ranges: readonly SecretRange[], offset: number, length: number): string {
    let out = '';
    let position = offset;
    const limit = offset + length;
    const base = released - offset;
    for (const range of ranges) {
      if (range.end <= offset || range.start >= limit) continue;
      const start = Math.max(range.start, position);
      out += window.slice(position, start) + redactionMask(range.pattern);
      position = Math.min(range.end, limit);
      record(window, range, base);
    }
    return out + window.slice(position, limit);
  }

  return {
    push(chunk: string): string {
      if (pending.length === 0) return scan(chunk, false);
      // The held tail and the chunk's first line are scanned together (a small copy); the
      // rest of the chunk then starts at a line start and is scanned in place: joining a
      // 64 KB chunk to the tail would copy it, which costs more than the keyword scan.
      const lineEnd = chunk.indexOf('\n');
      const text = pending + (lineEnd < 0 ? chunk : chunk.slice(0, lineEnd + 1));
      pending = '';
      let out = scan(text, false);
      if (lineEnd >= 0 && lineEnd + 1 < chunk.length) {
        const after = chunk.slice(lineEnd + 1);
        const held = pending;
        pending = '';
        out += scan(held.length === 0 ? after : held + after, false);
      }
      return out;
    },
    flush(): string {
      const text = pending;
      pending = '';
      if (inBlock) {
        released += text.length;
        return '';
      }
      return scan(text, true);
    },
    get matches() {
      return matches;
    },
    get matchCount() {
      return matchCount;
    },
  };
}

/** Where the tail that could still become (part of) a secret begins. */
function holdPoint(text: string, literals: readonly string[]): number {
  let hold = text.length;
  // The trailing word: a token may still be growing.
  let wordStart = text.length;
  const floor = Math.max(0, text.length - StreamingRedactionLimits.MaxHeldWordChars);
  while (wordStart > floor && !isSpace(text.charCodeAt(wordStart - 1))) wordStart -= 1;
  hold = Math.min(hold, wordStart);
  // The last line announcing a secret to come.
  const lineStart = Math.max(text.lastIndexOf('\n') + 1, text.length - 700);
  const lastLine = text.slice(lineStart);
  for (const announcer of pendingAnnouncers) {
    const found = announcer.exec(lastLine);
    if (found !== null) hold = Math.min(hold, lineStart + found.index);
  }
  // A literal (which may contain spaces) whose beginning ends the text.
  for (const literal of literals) {
    for (let size = Math.min(literal.length - 1, text.length); size > 0; size -= 1) {
      if (text.endsWith(literal.slice(0, size))) {
        hold = Math.min(hold, text.length - size);
        break;
      }
    }
  }
  return hold;
}

/** The characters that end a word (what /\s/ matches in terminal output). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0x3000;
}

/** Whether a text may hold a private key block header (a cheap test before the block regex runs). */
function mayHoldBlock(text: string): boolean {
  return text.includes('BEGIN') || text.includes('Private-Lines');
}
