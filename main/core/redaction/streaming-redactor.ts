import type { RedactionOptions } from './redaction-patterns';
import type { KeywordScanner } from './keyword-scanner';
import { WrappedTokens, isTokenChar } from './redaction-patterns';
import { resolveRedactionPatterns, secretKeyNames, usableLiterals } from './redaction-patterns';
import { privateKeyBlockEnd, privateKeyBlockHeader, yamlBlockHeaderSource } from './rules/rules-generic';
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
  // (or a YAML block scalar's header, `password: |-`, whose line end has not come yet)
  new RegExp(
    String.raw`${secretKeyNames}[A-Za-z0-9_.-]{0,40}["']?[ \t]*[:=][ \t]*(?:"[^"\n]{0,512}|'[^'\n]{0,512}|[|>][-+1-9]{0,2}[ \t]*(?:#[^\n]*)?\r?)?$`,
    'i',
  ),
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
  // Inside a YAML block scalar under a secret-named key that outgrew the hold bound: the
  // header's indentation (-1: not inside one), and whether the current line is partly out.
  let yamlIndent = -1;
  let yamlMidLine = false;
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

  // Inside an outgrown YAML block: mask each line indented deeper than its key, until one is not.
  // Returns the masked part and what is left to scan normally (undefined: all used or held).
  function continueYamlBlock(text: string, final: boolean): { out: string; rest: string | undefined } {
    let out = '';
    let at = 0;
    while (at < text.length) {
      if (yamlMidLine) {
        const newline = text.indexOf('\n', at);
        if (newline < 0) {
          released += text.length - at;
          return { out, rest: undefined };
        }
        const keep = text[newline - 1] === '\r' && newline - 1 >= at ? newline - 1 : newline;
        out += text.slice(keep, newline + 1);
        released += newline + 1 - at;
        at = newline + 1;
        yamlMidLine = false;
        continue;
      }
      let position = at;
      while (position < text.length && (text[position] === ' ' || text[position] === '\t')) position += 1;
      if (position === text.length) {
        // Only indentation so far: whether the line is in the block is not known yet.
        if (final) {
          out += text.slice(at);
          released += text.length - at;
          return { out, rest: undefined };
        }
        pending = text.slice(at);
        return { out, rest: undefined };
      }
      if (text[position] === '\n' || text[position] === '\r') {
        const newline = text.indexOf('\n', position);
        const end = newline < 0 ? text.length : newline + 1;
        out += text.slice(at, end);
        released += end - at;
        at = end;
        continue;
      }
      if (position - at <= yamlIndent) {
        yamlIndent = -1;
        context = '\n';
        return { out, rest: text.slice(at) };
      }
      out += text.slice(at, position) + redactionMask('yaml-block-secret');
      matchCount += 1;
      released += position - at;
      at = position;
      yamlMidLine = true;
    }
    return { out, rest: undefined };
  }

  function scan(text: string, final: boolean): string {
    let out = '';
    let rest: string | undefined = text;
    if (yamlIndent >= 0) {
      const continued = continueYamlBlock(text, final);
      out += continued.out;
      if (continued.rest === undefined) return out;
      rest = continued.rest;
    }
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
      // A YAML block scalar under a secret-named key that no line has ended yet (its header
      // may be in the context): its value may still grow.
      // With a value line, the rule matched (a range); without one yet, the header ends the window.
      const block = final ? null : ranges.some((range) => range.pattern === 'yaml-block-secret') ? openYamlBlock(window) : yamlHeaderAtEnd(window);
      if (block !== null) hold = Math.min(hold, Math.max(0, block.start - offset));
      // A token that may go on past a line break (a terminal's wrap): held until the next line's word has ended.
      const wrap = final ? -1 : wrappedTokenHold(window, patterns.scanner);
      if (wrap >= 0) hold = Math.min(hold, Math.max(0, wrap - offset));
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
      const releasedText = rest.slice(0, hold);
      remember(releasedText);
      pending = rest.slice(hold);
      if (forced) {
        // A YAML block under a secret-named key longer than the hold bound: what is released
        // was masked line by line; the lines still to come are masked as they arrive.
        const outgrown = openYamlBlock(window.slice(0, offset + hold));
        if (outgrown !== null) {
          yamlIndent = outgrown.indent;
          yamlMidLine = !releasedText.endsWith('\n');
        }
      }
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

const yamlBlockHeader = new RegExp(yamlBlockHeaderSource, 'gi');

/**
 * The last YAML block scalar under a secret-named key (`password: |`) in the text that no
 * line has ended yet (every line after its header is blank or indented deeper, to the end
 * of the text): where its header line starts, and the header's indentation. Null if none.
 * The whole text is looked at: a block that began beyond the hold bound is still open.
 */
export function openYamlBlock(text: string): { readonly start: number; readonly indent: number } | null {
  // Cheap test first: almost no chunk of terminal output holds a block indicator after a colon.
  if (!hasBlockIndicator(text)) return null;
  yamlBlockHeader.lastIndex = 0;
  for (let match = yamlBlockHeader.exec(text); match !== null; match = yamlBlockHeader.exec(text)) {
    const indent = match[1]!.length;
    const start = match[0].startsWith('\n') || match[0].startsWith('\r') ? match.index + 1 : match.index;
    if (blockStillOpen(text, match.index + match[0].length, indent)) return { start, indent };
    // Go on after this header's line: a later header may be the open one.
    yamlBlockHeader.lastIndex = match.index + match[0].length - 1;
  }
  return null;
}

function hasBlockIndicator(text: string): boolean {
  return text.includes('|') || text.includes('>');
}

const yamlHeaderLine = new RegExp(`^${yamlBlockHeaderSource.replace(/^\(\?:\^\|\[\\n\\r\]\)/, '')}`, 'i');

/**
 * A YAML block header under a secret-named key as the last non-blank line of the text (its
 * value has not begun): where that line starts. Looks at that one line only, so that it can
 * run on every chunk (a block with a value line is found by its rule instead).
 */
export function yamlHeaderAtEnd(text: string): { readonly start: number; readonly indent: number } | null {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end -= 1;
  if (end === 0) return null;
  const last = text.charCodeAt(end - 1);
  // The header line ends with its indicator (| > - + a digit) or a comment: anything else is not one.
  if (!(last === 124 || last === 62 || last === 45 || last === 43 || (last >= 49 && last <= 57)) && !text.slice(Math.max(0, end - 200), end).includes('#'))
    return null;
  // A line starts after a line feed, or after a carriage return (`\x1b[?2004l\rpassword: |`, bash's bracketed paste).
  const start = Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('\r', end - 1)) + 1;
  const line = text.slice(start, text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end) + 1);
  const match = yamlHeaderLine.exec(line.endsWith('\n') ? line : `${line}\n`);
  return match === null ? null : { start, indent: match[1]!.length };
}

/** Whether every line from `at` on is blank or indented deeper than `indent` (the block goes on to the end of the text). */
function blockStillOpen(text: string, at: number, indent: number): boolean {
  for (let lineStart = at; lineStart < text.length;) {
    let position = lineStart;
    while (position < text.length && (text[position] === ' ' || text[position] === '\t')) position += 1;
    const lineEnd = text.indexOf('\n', lineStart);
    const blank = position === text.length || text[position] === '\n' || text[position] === '\r';
    if (!blank && position - lineStart <= indent) return false;
    if (lineEnd < 0) return true;
    lineStart = lineEnd + 1;
  }
  return true;
}

/**
 * Where a token starts that the end of the text may still continue on a next line (a
 * terminal wraps a long token with a real line break): the earliest word holding a
 * keyword in a chain of words that each end their line, the last one ending the text
 * (`…ghp_Zq8X\r\n`, `…ghp_Zq8X\r\nu0Vw`). -1 if there is none.
 */
export function wrappedTokenHold(text: string, scanner: KeywordScanner): number {
  let position = text.length;
  if (text.charCodeAt(position - 1) === 13) position -= 1;
  let candidate = -1;
  for (let line = 0; line < WrappedTokens.MaxLines; line += 1) {
    let start = position;
    const floor = Math.max(0, position - WrappedTokens.MaxLineChars);
    while (start > floor && isTokenChar(text.charCodeAt(start - 1))) start -= 1;
    if (position - start >= WrappedTokens.MinFirstPartChars && holdsKeyword(text.slice(start, position), scanner)) candidate = start;
    // The word began its line: the token may have begun on the line before.
    if (start === 0 || text.charCodeAt(start - 1) !== 10) break;
    position = start - 1;
    if (text.charCodeAt(position - 1) === 13) position -= 1;
  }
  return candidate;
}

function holdsKeyword(word: string, scanner: KeywordScanner): boolean {
  return scanner.collect(word) > 0;
}
