import type { PatternSet, RedactionOptions } from './redaction-patterns';
import { WrappedTokens, isTokenChar, patternRuns, perLineRules, resolveRedactionPatterns } from './redaction-patterns';

/** A secret found in a text: which pattern, and the masked range [start, end). */
export interface SecretRange {
  readonly pattern: string;
  readonly start: number;
  readonly end: number;
}

/** One masked secret as listed in the redaction review: never the secret itself. */
export interface RedactionMatch {
  readonly pattern: string;
  /** Offset of the secret in the original text. */
  readonly index: number;
  /** A masked preview ("ghp_…(40 chars)") that lets a reviewer recognise it without leaking it. */
  readonly preview: string;
}

export interface RedactedText {
  readonly text: string;
  readonly matches: readonly RedactionMatch[];
}

/** What a masked secret is replaced with: says that something was there, and what kind. */
export function redactionMask(pattern: string): string {
  return `[REDACTED:${pattern}]`;
}

/**
 * Mask every secret in a text (one shot: a command line, a note, a report section).
 *
 * Streams (terminal output, run logs) use createStreamingRedactor instead, which finds
 * the same secrets also when they are split across chunks.
 */
export function redactText(text: string, options: RedactionOptions = {}): RedactedText {
  const ranges = findSecrets(text, resolveRedactionPatterns(options));
  return { text: applyMasks(text, ranges), matches: ranges.map((range) => toMatch(text, range, 0)) };
}

/**
 * Find the secrets in a text: non-overlapping ranges in text order. Only the patterns
 * whose keywords occur in the text run (see KeywordScanner).
 *
 * Overlapping finds of different patterns are merged into one range (the earlier one's
 * name), so that masking one never leaves part of the other readable.
 */
export function findSecrets(text: string, set: PatternSet): readonly SecretRange[] {
  if (!text.includes('\x1b')) return findSecretsIn(text, set);
  // Terminal output: colour and cursor codes (grep --color, a prompt, a diff) may stand
  // right before a token or in its middle. Match what the terminal shows (the text
  // without escape sequences), then mask the original range, the escapes within it too.
  const escapes = [...text.matchAll(ansiEscape)];
  if (escapes.length === 0) return findSecretsIn(text, set);
  let shown = '';
  // Per escape: its position in the shown text and the original chars removed up to its end.
  const cuts: { readonly at: number; readonly removed: number }[] = [];
  let position = 0;
  let removed = 0;
  for (const escape of escapes) {
    shown += text.slice(position, escape.index);
    removed += escape[0].length;
    cuts.push({ at: shown.length, removed });
    position = escape.index + escape[0].length;
  }
  shown += text.slice(position);
  // The original index of the shown char at `index` (escapes just before it are skipped).
  const original = (index: number): number => {
    let low = 0;
    let high = cuts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cuts[middle]!.at <= index) low = middle + 1;
      else high = middle;
    }
    return index + (low === 0 ? 0 : cuts[low - 1]!.removed);
  };
  return findSecretsIn(shown, set).map((range) => ({ ...range, start: original(range.start), end: original(range.end - 1) + 1 }));
}

// A CSI sequence (colours, cursor moves, `\x1b[K`), an OSC sequence (window title,
// hyperlink) ended by BEL or ST, or a two-char escape.
// eslint-disable-next-line no-control-regex -- escape sequences are what this matches
const ansiEscape = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

function findSecretsIn(text: string, set: PatternSet): readonly SecretRange[] {
  const secrets: SecretRange[] = [];
  const wrapped: number[] = [];
  for (const { pattern, from, to, anchors } of patternRuns(set, text, wrapped)) {
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    if (anchors !== undefined) {
      // Tried at its anchors alone (in the same part, so that its lookbehinds see what they
      // would): what a global scan of the part finds, as every match starts at an anchor.
      const sticky = stickyOf(pattern.regex);
      let next = 0;
      for (const anchor of anchors) {
        if (anchor - from < next) continue;
        sticky.lastIndex = anchor - from;
        const match = sticky.exec(part);
        if (match === null) continue;
        next = match.index + Math.max(1, match[0].length);
        pushMatch(secrets, pattern.name, part, from, match);
      }
      continue;
    }
    // exec in a loop, not matchAll: matchAll constructs a copy of the regex on every call,
    // and this runs once per keyword window (thousands of times per MB of terminal output).
    const regex = pattern.regex;
    regex.lastIndex = 0;
    for (let match = regex.exec(part); match !== null; match = regex.exec(part)) {
      if (match[0].length === 0) regex.lastIndex += 1;
      pushMatch(secrets, pattern.name, part, from, match);
    }
    regex.lastIndex = 0;
  }
  for (const start of wrapped) secrets.push(...wrappedTokenRanges(text, start, set));
  if (secrets.length <= 1) return secrets;
  secrets.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretRange[] = [];
  for (const range of secrets) {
    const last = merged.at(-1);
    if (last !== undefined && range.start < last.end) {
      if (range.end > last.end) merged[merged.length - 1] = { ...last, end: range.end };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/** The range of a match in `part` (its `secret` group when it has one), in the text `part` starts at `from` of. */
function pushMatch(secrets: SecretRange[], pattern: string, part: string, from: number, match: RegExpExecArray): void {
  const group = match.indices?.groups?.['secret'];
  const [start, end] = group ?? [match.index, match.index + match[0].length];
  if (end <= start) return;
  if (perLineRules.has(pattern)) pushPerLine(secrets, pattern, part, start, end, from);
  else secrets.push({ pattern, start: from + start, end: from + end });
}

const stickyCopies = new WeakMap<RegExp, RegExp>();

/** A sticky copy of a pattern's regex (tried at one place), made once. */
function stickyOf(regex: RegExp): RegExp {
  let sticky = stickyCopies.get(regex);
  if (sticky === undefined) {
    sticky = new RegExp(regex.source, regex.flags.replace('g', '') + 'y');
    stickyCopies.set(regex, sticky);
  }
  return sticky;
}

/**
 * A token the terminal wrapped (or a paste cut) with a real line break: `ghp_Zq8Xk2…` at
 * the end of one line, the rest at the start of the next (up to WrappedTokens.MaxLines).
 * The lines are joined, the rules run on the join, and a secret that crosses a break is
 * masked in each of its parts; the line breaks stay. `start` is where a keyword's token
 * runs into its line's end.
 */
function wrappedTokenRanges(text: string, start: number, set: PatternSet): SecretRange[] {
  // The token's parts: [from, to) in the text, one per line.
  const parts: { from: number; to: number }[] = [];
  let from = start;
  while (from > 0 && isTokenChar(text.charCodeAt(from - 1))) from -= 1;
  let lineEnd = text.indexOf('\n', start);
  parts.push({ from, to: text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd });
  while (parts.length < WrappedTokens.MaxLines && lineEnd >= 0 && lineEnd + 1 < text.length && isTokenChar(text.charCodeAt(lineEnd + 1))) {
    const next = lineEnd + 1;
    let end = next;
    while (end < text.length && end - next <= WrappedTokens.MaxLineChars && isTokenChar(text.charCodeAt(end), true)) end += 1;
    parts.push({ from: next, to: end });
    const atLineEnd = text.charCodeAt(end) === 10 || (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10);
    // Only a full line goes on to the next one: a wrap fills every line but the last.
    const firstLine = parts[0]!.to - (text.lastIndexOf('\n', parts[0]!.from - 1) + 1);
    if (!atLineEnd || end - next !== firstLine) break;
    lineEnd = text.indexOf('\n', end);
  }
  if (parts.length < 2) return [];
  // A token's last part ends at a blank or the end (`Merge: 7f3e`, `NAME: redis` go on with
  // punctuation: a word, not the rest of a token).
  const after = text.charCodeAt(parts.at(-1)!.to);
  if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 13 || after === 10)) return [];
  const joined = parts.map((part) => text.slice(part.from, part.to)).join('');
  const out: SecretRange[] = [];
  // The join holds no line break: it has no wrapped token of its own.
  for (const range of findSecretsIn(joined, set)) {
    let offset = 0;
    const pieces: SecretRange[] = [];
    for (const part of parts) {
      const length = part.to - part.from;
      const start = Math.max(range.start, offset);
      const end = Math.min(range.end, offset + length);
      if (end > start) pieces.push({ pattern: range.pattern, start: part.from + start - offset, end: part.from + end - offset });
      offset += length;
    }
    // Only a secret that crosses a break is new: one within a line is found without the join.
    if (pieces.length > 1) out.push(...pieces);
  }
  if (out.length === 0) return out;
  // A token complete on its own line may be whole, the next line other output (`ghp_…\r\ndone`):
  // it is taken as wrapped only when its line is as long as a terminal's and the next line
  // goes on with a long run of token chars (an open-length key cut at 80 columns). A paste
  // cut in two leaves an incomplete first part, and is always joined.
  const first = text.slice(parts[0]!.from, parts[0]!.to);
  const lineLength = parts[0]!.to - (text.lastIndexOf('\n', parts[0]!.from - 1) + 1);
  const looksWrapped = lineLength >= WrappedTokens.MinFullLineChars && parts[1]!.to - parts[1]!.from >= WrappedTokens.MinContinuationChars;
  if (!looksWrapped && findSecretsIn(first, set).some((range) => range.end === first.length)) return [];
  return out;
}

/** A multi-line match as one range per line: from the line's first non-blank char to its end (before \r\n). */
function pushPerLine(found: SecretRange[], pattern: string, text: string, start: number, end: number, offset: number): void {
  for (let lineStart = start; lineStart < end;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    let from = lineStart;
    while (from < lineEnd && (text[from] === ' ' || text[from] === '\t')) from += 1;
    let to = lineEnd;
    while (to > from && text[to - 1] === '\r') to -= 1;
    if (to > from) found.push({ pattern, start: offset + from, end: offset + to });
    lineStart = lineEnd + 1;
  }
}

/** Replace the given ranges (sorted, non-overlapping) with their masks. */
export function applyMasks(text: string, ranges: readonly SecretRange[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let position = 0;
  for (const range of ranges) {
    out += text.slice(position, range.start) + redactionMask(range.pattern);
    position = range.end;
  }
  return out + text.slice(position);
}

/** The review entry for one range; `offset` shifts the index into a larger stream. */
export function toMatch(text: string, range: SecretRange, offset: number): RedactionMatch {
  return { pattern: range.pattern, index: offset + range.start, preview: maskedPreview(text.slice(range.start, range.end)) };
}

/** A preview that shows at most a quarter of the secret (at most 4 chars), then its length. */
export function maskedPreview(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}…(${secret.length} chars)`;
}
