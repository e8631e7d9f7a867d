import type { PatternSet, RedactionOptions } from './redaction-patterns';
import { patternRuns, perLineRules, resolveRedactionPatterns } from './redaction-patterns';

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
  const found: SecretRange[] = [];
  for (const { pattern, from, to } of patternRuns(set, text)) {
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    // exec in a loop, not matchAll: matchAll constructs a copy of the regex on every call,
    // and this runs once per keyword window (thousands of times per MB of terminal output).
    const regex = pattern.regex;
    regex.lastIndex = 0;
    for (let match = regex.exec(part); match !== null; match = regex.exec(part)) {
      if (match[0].length === 0) regex.lastIndex += 1;
      const group = match.indices?.groups?.['secret'];
      const [start, end] = group ?? [match.index, match.index + match[0].length];
      if (end <= start) continue;
      if (perLineRules.has(pattern.name)) pushPerLine(found, pattern.name, part, start, end, from);
      else found.push({ pattern: pattern.name, start: from + start, end: from + end });
    }
    regex.lastIndex = 0;
  }
  if (found.length <= 1) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretRange[] = [];
  for (const range of found) {
    const last = merged.at(-1);
    if (last !== undefined && range.start < last.end) {
      if (range.end > last.end) merged[merged.length - 1] = { ...last, end: range.end };
    } else {
      merged.push(range);
    }
  }
  return merged;
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
