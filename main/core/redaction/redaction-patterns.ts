/**
 * The secret patterns War Room masks in recordings, run logs, the timeline and reports.
 *
 * One table (rules/rule-table.ts), shared by the terminal recorder (streaming) and the
 * report (one shot), so that what the redaction review lists is exactly what was masked
 * at source. Patterns lean towards masking too much: a masked harmless word costs a
 * reader a second, a leaked production token costs a rotation at 3 a.m.
 */
import { KeywordScanner } from './keyword-scanner';
import { escapeRegExp } from './rules/rule-kit';
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
export const builtinRedactionPatterns: readonly RedactionPattern[] = secretRules.map((rule) => ({ name: rule.id, regex: rule.regex, keywords: rule.keywords }));

/** The patterns of a redactor, compiled once: keyword-gated built-ins, then patterns that always run. */
export interface PatternSet {
  /** Patterns gated by keywords, in table order. */
  readonly gated: readonly RedactionPattern[];
  /** Finds where the keywords of `gated` occur in a text. */
  readonly scanner: KeywordScanner;
  /** Per keyword of the scanner: the indices (into `gated`) of its patterns. */
  readonly patternsOfKeyword: readonly (readonly number[])[];
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
const wholeTextRules = new Set(['private-key-block']);

function compile(patterns: readonly RedactionPattern[]): Pick<PatternSet, 'scanner' | 'patternsOfKeyword'> {
  const scanner = new KeywordScanner(patterns.flatMap((pattern) => pattern.keywords ?? []));
  const index = new Map(scanner.keywords.map((keyword, position) => [keyword, position]));
  const patternsOfKeyword: number[][] = scanner.keywords.map(() => []);
  patterns.forEach((pattern, position) => {
    for (const keyword of pattern.keywords ?? []) patternsOfKeyword[index.get(keyword.toLowerCase())!]!.push(position);
  });
  return { scanner, patternsOfKeyword };
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
export function patternRuns(set: PatternSet, text: string): PatternRun[] {
  const runs: PatternRun[] = [];
  if (set.gated.length > 0) {
    const pending = new Uint8Array(set.gated.length);
    const whole = new Uint8Array(set.gated.length);
    let from = -1;
    let to = -1;
    let members: number[] = [];
    const close = () => {
      if (from < 0) return;
      members.sort((a, b) => a - b);
      for (const member of members) {
        pending[member] = 0;
        runs.push({ pattern: set.gated[member]!, from, to });
      }
      members = [];
    };
    set.scanner.forEach(text, (keyword, start) => {
      const lineEnd = text.indexOf('\n', start);
      const end = Math.min(lineEnd < 0 ? text.length : lineEnd, start + KeywordWindow.ForwardChars);
      if (start >= to) {
        close();
        const lineStart = text.lastIndexOf('\n', start) + 1;
        from = Math.max(lineStart, start - KeywordWindow.BackChars, to < 0 ? 0 : to);
        to = end;
      } else {
        to = Math.max(to, end);
      }
      for (const member of set.patternsOfKeyword[keyword]!) {
        if (wholeTextRules.has(set.gated[member]!.name)) {
          whole[member] = 1;
        } else if (pending[member] === 0) {
          pending[member] = 1;
          members.push(member);
        }
      }
    });
    close();
    whole.forEach((flag, member) => {
      if (flag === 1) runs.push({ pattern: set.gated[member]!, from: 0, to: text.length });
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
