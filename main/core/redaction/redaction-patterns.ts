/**
 * The secret patterns War Room masks in recordings, run logs, the timeline and reports.
 *
 * One table (rules/rule-table.ts), shared by the terminal recorder (streaming) and the
 * report (one shot), so that what the redaction review lists is exactly what was masked
 * at source. Patterns lean towards masking too much: a masked harmless word costs a
 * reader a second, a leaked production token costs a rotation at 3 a.m.
 */
import { KeywordScanner } from './keyword-scanner';
import { escapeRegExp, type KeywordConfirm } from './rules/rule-kit';
import { secretRules } from './rules/rule-table';
export { RedactionLimits } from '../../../contract/domain/redaction/redaction-settings';
import { RedactionLimits } from '../../../contract/domain/redaction/redaction-settings';

export { escapeRegExp };
export { secretKeyNames } from './rules/rules-generic';

export interface RedactionPattern {
  /** Stable name shown in the redaction review ("github-pat"). */
  readonly name: string;
  /** Global regular expression. When it has a `secret` named group, only that group is masked. */
  readonly regex: RegExp;
  /**
   * Lowercase strings of which one must occur in a text for the pattern to match at all;
   * the scan skips the pattern when none does. None: the pattern always runs.
   */
  readonly keywords?: readonly string[];
  /** A cheap check at a keyword hit that the pattern can match there (see SecretRule.confirm). */
  readonly confirm?: KeywordConfirm;
}

/** Options every redactor accepts: extra literals (the workspace's) and extra patterns (the release's). */
export interface RedactionOptions {
  /** Exact strings to mask (a database password of this release, a customer name...). */
  readonly literals?: readonly string[];
  /** Extra patterns added by the operator in the redaction review. */
  readonly patterns?: readonly RedactionPattern[];
  /** Leave the built-in patterns out (tests of literals alone). Default false. */
  readonly withoutBuiltins?: boolean;
}

/** The built-in patterns (one per rule of the table), in the order they are tried. */
export const builtinRedactionPatterns: readonly RedactionPattern[] = secretRules.map((rule) => ({
  name: rule.id,
  regex: rule.regex,
  keywords: rule.keywords,
  ...(rule.confirm ? { confirm: rule.confirm } : {}),
}));

/** The patterns of a redactor, compiled once: keyword-gated built-ins, then patterns that always run. */
export interface PatternSet {
  /** Patterns gated by keywords, in table order. */
  readonly gated: readonly RedactionPattern[];
  /** Finds where the keywords of `gated` occur in a text. */
  readonly scanner: KeywordScanner;
  /** Per keyword of the scanner: the indices (into `gated`) of its patterns. */
  readonly patternsOfKeyword: readonly (readonly number[])[];
  /** Per pattern of `gated`: 1 when it runs on the whole text (its matches span lines), else 0. */
  readonly wholeText: Uint8Array;
  /** Per keyword of the scanner: its length. */
  readonly keywordLengths: Uint16Array;
  /** The operator's patterns and literals: no keywords, tried on every whole text. */
  readonly always: readonly RedactionPattern[];
}

/** Where a pattern must run: a part of a text [from, to). */
export interface PatternRun {
  readonly pattern: RedactionPattern;
  readonly from: number;
  readonly to: number;
}

/** How far around a keyword its rules look (within its line): a key name before its value, a value after its key. */
export const KeywordWindow = {
  /** Longest distance from a match's start back to its keyword (a mysql lookbehind is 200, an Azure DevOps marker 76). */
  BackChars: 640,
  /** Longest match after its keyword (an Authorization value or a cookie is bounded at 4096). */
  ForwardChars: 4800,
} as const;

/** Rules whose matches span lines: they run on the whole text when their keyword occurs. */
const wholeTextRules = new Set(['private-key-block', 'yaml-block-secret']);

/** Rules whose match spans lines but is masked line by line (a YAML block's value keeps its layout). */
export const perLineRules: ReadonlySet<string> = new Set(['yaml-block-secret']);

function compile(patterns: readonly RedactionPattern[]): Pick<PatternSet, 'scanner' | 'patternsOfKeyword' | 'wholeText' | 'keywordLengths'> {
  const scanner = new KeywordScanner(patterns.flatMap((pattern) => pattern.keywords ?? []));
  const index = new Map(scanner.keywords.map((keyword, position) => [keyword, position]));
  const patternsOfKeyword: number[][] = scanner.keywords.map(() => []);
  patterns.forEach((pattern, position) => {
    for (const keyword of pattern.keywords ?? []) patternsOfKeyword[index.get(keyword.toLowerCase())!]!.push(position);
  });
  const wholeText = Uint8Array.from(patterns, (pattern) => (wholeTextRules.has(pattern.name) ? 1 : 0));
  const keywordLengths = Uint16Array.from(scanner.keywords, (keyword) => keyword.length);
  return { scanner, patternsOfKeyword, wholeText, keywordLengths };
}

const builtinCompiled = compile(builtinRedactionPatterns);
const emptyCompiled = compile([]);

/** The patterns to use for given options: built-ins, the operator's extras, then literals. */
export function resolveRedactionPatterns(options: RedactionOptions = {}): PatternSet {
  const always: RedactionPattern[] = [];
  for (const pattern of options.patterns ?? []) always.push({ name: pattern.name, regex: withScanFlags(pattern.regex) });
  const literals = usableLiterals(options.literals ?? []);
  if (literals.length > 0) {
    // Longest first, so that a literal containing another is masked whole.
    const sorted = [...literals].sort((a, b) => b.length - a.length);
    always.push({ name: 'literal', regex: new RegExp(sorted.map(escapeRegExp).join('|'), 'gd') });
  }
  const without = options.withoutBuiltins === true;
  return { gated: without ? [] : builtinRedactionPatterns, ...(without ? emptyCompiled : builtinCompiled), always };
}

/**
 * Where each pattern must run in a text: the gated patterns only in windows around their
 * keywords (the keyword's line, bounded by KeywordWindow; windows that touch are merged),
 * whole-text rules and the operator's patterns over the whole text. A text with no
 * keyword costs one pass of the scanner.
 */
export function patternRuns(set: PatternSet, text: string, wrapped?: number[]): PatternRun[] {
  const runs: PatternRun[] = [];
  if (set.gated.length > 0) {
    const { gated, patternsOfKeyword, wholeText } = set;
    const keywordLengths = set.keywordLengths;
    const pending = new Uint8Array(gated.length);
    const whole = new Uint8Array(gated.length);
    let anyWhole = false;
    let from = -1;
    let to = -1;
    // The line end of the last keyword's line: keywords on the same line (most of them,
    // terminal lines are short) need no search for it. This runs once per keyword hit.
    let lineEnd = -1;
    let members: number[] = [];
    const close = () => {
      if (from < 0) return;
      if (members.length > 1) members.sort((a, b) => a - b);
      for (const member of members) {
        pending[member] = 0;
        runs.push({ pattern: gated[member]!, from, to });
      }
      members = [];
    };
    set.scanner.forEach(text, (keyword, start) => {
      const ofKeyword = patternsOfKeyword[keyword]!;
      // Patterns that cannot match at this hit (a common word in prose) are skipped; a hit
      // left with none opens no window. Patterns of one family share one shape: computed once.
      let shapeOf: KeywordConfirm['shape'] | undefined;
      let shape = 0;
      let confirmed = 0;
      for (const member of ofKeyword) {
        const confirm = gated[member]!.confirm;
        if (confirm === undefined) {
          confirmed += 1;
          continue;
        }
        if (confirm.shape !== shapeOf) {
          shapeOf = confirm.shape;
          shape = confirm.shape(text, start, start + keywordLengths[keyword]!);
        }
        if ((shape & confirm.bit) !== 0) confirmed += 1;
      }
      if (confirmed === 0) return;
      if (start >= lineEnd) {
        lineEnd = text.indexOf('\n', start);
        if (lineEnd < 0) lineEnd = text.length;
      }
      const end = Math.min(lineEnd, start + KeywordWindow.ForwardChars);
      // A token that runs into its line's end, the next line going on with token chars: it
      // may have been wrapped by the terminal (or a paste). Its start is noted for findSecrets.
      if (wrapped !== undefined && lineEnd < text.length && runsToLineEnd(text, start, lineEnd) && isTokenChar(text.charCodeAt(lineEnd + 1)))
        wrapped.push(start);
      if (start >= to) {
        close();
        const lineStart = text.lastIndexOf('\n', start) + 1;
        from = Math.max(lineStart, start - KeywordWindow.BackChars, to < 0 ? 0 : to);
        to = end;
      } else if (end > to) {
        to = end;
      }
      for (const member of ofKeyword) {
        const confirm = confirmed < ofKeyword.length ? gated[member]!.confirm : undefined;
        if (confirm !== undefined && ((confirm.shape === shapeOf ? shape : confirm.shape(text, start, start + keywordLengths[keyword]!)) & confirm.bit) === 0)
          continue;
        if (wholeText[member] === 1) {
          whole[member] = 1;
          anyWhole = true;
        } else if (pending[member] === 0) {
          pending[member] = 1;
          members.push(member);
        }
      }
    });
    close();
    if (anyWhole)
      whole.forEach((flag, member) => {
        if (flag === 1) runs.push({ pattern: gated[member]!, from: 0, to: text.length });
      });
  }
  for (const pattern of set.always) runs.push({ pattern, from: 0, to: text.length });
  return runs;
}

/** A copy of the regex with the flags a scan needs: g (all matches) and d (group indices). */
function withScanFlags(regex: RegExp): RegExp {
  const missing = ['g', 'd'].filter((flag) => !regex.flags.includes(flag)).join('');
  return new RegExp(regex.source, regex.flags + missing);
}

/**
 * Literals long enough to mask (shorter ones would mask ordinary words), each also in its
 * other Unicode forms: "Kündé" saved as typed (NFC) is written decomposed (NFD) in a
 * macOS file name, and the two never match as plain strings.
 */
export function usableLiterals(literals: readonly string[]): readonly string[] {
  const forms = literals.flatMap((literal) => [literal, literal.normalize('NFC'), literal.normalize('NFD')]);
  return [...new Set(forms)].filter((literal) => literal.length >= RedactionLimits.MinLiteralLength);
}

/** Chars of a token body: letters, digits and the punctuation token formats use (`_-+/.`); with `orPadding`, `=` too (base64 padding ends one). */
export function isTokenChar(code: number, orPadding = false): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 45 ||
    code === 43 ||
    code === 47 ||
    code === 46 ||
    (orPadding && code === 61)
  );
}

/** Whether text[start, lineEnd) is token chars only (a `\r` before the line end aside), and long enough to be a wrapped token. */
function runsToLineEnd(text: string, start: number, lineEnd: number): boolean {
  let end = lineEnd;
  if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
  if (end - start < WrappedTokens.MinFirstPartChars || end - start > WrappedTokens.MaxLineChars) return false;
  for (let at = start; at < end; at += 1) if (!isTokenChar(text.charCodeAt(at))) return false;
  return true;
}

/** Tuning of wrapped-token matching. */
export const WrappedTokens = {
  /** A token's first part before a line break: shorter is a word at a line's end, not a wrap. */
  MinFirstPartChars: 4,
  /** Longest line of token chars taken as one wrapped line (a wide terminal). */
  MaxLineChars: 1024,
  /**
   * A line at least this long ending in a complete token is taken as wrapped (few
   * terminals are narrower, and programs that wrap, like base64, use 64 or 76 columns)...
   */
  MinFullLineChars: 60,
  /** ...and when the next line goes on with at least this many token chars (not a word like "done"). */
  MinContinuationChars: 24,
  /** Most lines a token is joined across (a 200-char key at 80 columns spans 3). */
  MaxLines: 4,
} as const;
