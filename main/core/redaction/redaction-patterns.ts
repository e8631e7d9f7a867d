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
  /** Per pattern of `gated`: the window it was last added to, then the last window's number (scratch of patternRuns, which is not re-entered). */
  readonly windowOfPattern: Int32Array;
  /** The operator's patterns and literals: no keywords, tried on every whole text. */
  readonly always: readonly RedactionPattern[];
}

/** Where a pattern must run: a part of a text [from, to); with `anchors`, only at those places of the text (see KeywordConfirm.anchor). */
export interface PatternRun {
  readonly pattern: RedactionPattern;
  readonly from: number;
  readonly to: number;
  readonly anchors?: readonly number[];
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

function compile(
  patterns: readonly RedactionPattern[],
): Pick<PatternSet, 'scanner' | 'patternsOfKeyword' | 'wholeText' | 'keywordLengths' | 'windowOfPattern'> {
  const scanner = new KeywordScanner(patterns.flatMap((pattern) => pattern.keywords ?? []));
  const index = new Map(scanner.keywords.map((keyword, position) => [keyword, position]));
  const patternsOfKeyword: number[][] = scanner.keywords.map(() => []);
  patterns.forEach((pattern, position) => {
    for (const keyword of pattern.keywords ?? []) patternsOfKeyword[index.get(keyword.toLowerCase())!]!.push(position);
  });
  const wholeText = Uint8Array.from(patterns, (pattern) => (wholeTextRules.has(pattern.name) ? 1 : 0));
  const keywordLengths = Uint16Array.from(scanner.keywords, (keyword) => keyword.length);
  return { scanner, patternsOfKeyword, wholeText, keywordLengths, windowOfPattern: new Int32Array(patterns.length + 1) };
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
    const { gated, patternsOfKeyword, wholeText, keywordLengths, windowOfPattern } = set;
    const plan = hitPlanOf(gated, patternsOfKeyword);
    // The hits in one array (no call per hit): this loop is the redactor's cost beyond the scan.
    const count = set.scanner.collect(text);
    const hits = set.scanner.hits;
    let whole: number[] | undefined;
    let from = -1;
    let to = -1;
    // The line end of the last keyword's line: keywords on the same line (most of them,
    // terminal lines are short) need no search for it.
    let lineEnd = -1;
    // The current window's patterns (members[0, memberCount)); a pattern is in it when windowOfPattern[member] === window.
    const members = plan.members;
    let memberCount = 0;
    let window = 0;
    for (let hit = 0; hit < count; hit += 1) {
      const keyword = hits[hit * 2]!;
      const start = hits[hit * 2 + 1]!;
      const keywordEnd = start + keywordLengths[keyword]!;
      const ofKeyword = patternsOfKeyword[keyword]!;
      // Patterns that cannot match at this hit (a common word in prose) are skipped; a hit
      // left with none opens no window. Patterns of one family share one shape: computed once.
      let shapeOf = plan.shapeOfKeyword[keyword];
      let shape = 0;
      let confirmed = 0;
      if (shapeOf !== undefined) {
        // Every pattern of the keyword is checked by this one shape (the secret-named key family).
        shape = shapeOf(text, start, keywordEnd);
        if ((shape & plan.bitsOfKeyword[keyword]!) === 0) continue;
      } else {
        for (const member of ofKeyword) {
          const confirm = gated[member]!.confirm;
          if (confirm === undefined) {
            confirmed += 1;
            continue;
          }
          if (confirm.shape !== shapeOf) {
            shapeOf = confirm.shape;
            shape = confirm.shape(text, start, keywordEnd);
          }
          if ((shape & confirm.bit) !== 0) confirmed += 1;
        }
        if (confirmed === 0) continue;
      }
      if (start >= lineEnd) {
        lineEnd = text.indexOf('\n', start);
        if (lineEnd < 0) lineEnd = text.length;
      }
      const end = Math.min(lineEnd, start + KeywordWindow.ForwardChars);
      // A token that runs into its line's end, the next line going on with token chars: it
      // may have been wrapped by the terminal (or a paste). Its start is noted for findSecrets.
      if (wrapped !== undefined && lineEnd < text.length && isTokenChar(text.charCodeAt(lineEnd + 1)) && runsToLineEnd(text, start, lineEnd))
        wrapped.push(start);
      if (start >= to) {
        closeWindow(runs, gated, members, memberCount, plan.anchors, from, to);
        memberCount = 0;
        window = nextWindow(windowOfPattern);
        const lineStart = text.lastIndexOf('\n', start) + 1;
        from = Math.max(lineStart, start - KeywordWindow.BackChars, to < 0 ? 0 : to);
        to = end;
      } else if (end > to) {
        to = end;
      }
      for (const member of ofKeyword) {
        const confirm = gated[member]!.confirm;
        if (confirm !== undefined && ((confirm.shape === shapeOf ? shape : confirm.shape(text, start, keywordEnd)) & confirm.bit) === 0) continue;
        if (wholeText[member] === 1) {
          whole ??= [];
          if (!whole.includes(member)) whole.push(member);
          continue;
        }
        const anchor = confirm?.anchor === undefined ? -1 : confirm.anchor(text, start, keywordEnd);
        if (windowOfPattern[member] !== window) {
          windowOfPattern[member] = window;
          members[memberCount++] = member;
          if (anchor >= 0) plan.anchors[member] = [anchor];
        } else if (anchor >= 0) {
          // Hits come in text order, and so do their anchors (a name's separator follows it): equal ones once.
          const anchors = plan.anchors[member]!;
          if (anchor !== anchors[anchors.length - 1]) anchors.push(anchor);
        }
      }
    }
    closeWindow(runs, gated, members, memberCount, plan.anchors, from, to);
    if (whole !== undefined) for (const member of whole.sort((a, b) => a - b)) runs.push({ pattern: gated[member]!, from: 0, to: text.length });
  }
  for (const pattern of set.always) runs.push({ pattern, from: 0, to: text.length });
  return runs;
}

/** The runs of a window [from, to): its patterns (members[0, count)) in table order, anchored ones at their anchors. */
function closeWindow(
  runs: PatternRun[],
  gated: readonly RedactionPattern[],
  members: Int32Array,
  count: number,
  anchors: (number[] | undefined)[],
  from: number,
  to: number,
): void {
  // Insertion sort: a window holds one to a few patterns.
  for (let next = 1; next < count; next += 1) {
    const member = members[next]!;
    let at = next;
    for (; at > 0 && members[at - 1]! > member; at -= 1) members[at] = members[at - 1]!;
    members[at] = member;
  }
  for (let index = 0; index < count; index += 1) {
    const member = members[index]!;
    const pattern = gated[member]!;
    if (pattern.confirm?.anchor === undefined) {
      runs.push({ pattern, from, to });
      continue;
    }
    const at = anchors[member];
    anchors[member] = undefined;
    if (at === undefined) continue;
    // Out of order only if a rule's anchor is not after its keyword: sorted then.
    let sorted = true;
    for (let index = 1; index < at.length; index += 1) if (at[index - 1]! > at[index]!) sorted = false;
    runs.push({ pattern, from, to, anchors: sorted ? at : [...new Set(at)].sort((a, b) => a - b) });
  }
}

/** What patternRuns derives once per table of gated patterns. */
interface HitPlan {
  /** Per keyword: the shape that confirms every one of its patterns, when they share one (else undefined). */
  readonly shapeOfKeyword: readonly (KeywordConfirm['shape'] | undefined)[];
  /** Per keyword with a shape: the bits of its patterns, or-ed (a hit without any opens no window). */
  readonly bitsOfKeyword: Int32Array;
  /** Per anchored pattern: the anchors of the current window (scratch). */
  readonly anchors: (number[] | undefined)[];
  /** The patterns of the current window (scratch). */
  readonly members: Int32Array;
}

// Keyed by the gated array, not the set: a set built from another's parts (a test without the checks) gets its own.
const hitPlans = new WeakMap<readonly RedactionPattern[], HitPlan>();

function hitPlanOf(gated: readonly RedactionPattern[], patternsOfKeyword: readonly (readonly number[])[]): HitPlan {
  let plan = hitPlans.get(gated);
  if (plan !== undefined) return plan;
  const shapeOfKeyword = patternsOfKeyword.map((members) => {
    const first = gated[members[0]!]?.confirm;
    return first !== undefined && members.every((member) => gated[member]!.confirm?.shape === first.shape) ? first.shape : undefined;
  });
  const bitsOfKeyword = Int32Array.from(patternsOfKeyword, (members) => members.reduce((bits, member) => bits | (gated[member]!.confirm?.bit ?? 0), 0));
  plan = { shapeOfKeyword, bitsOfKeyword, anchors: [], members: new Int32Array(gated.length) };
  hitPlans.set(gated, plan);
  return plan;
}

/**
 * The number of a new window: windows are numbered across calls (the last slot of
 * windowOfPattern counts them), so that the array is never cleared but when the numbers run out.
 */
function nextWindow(windowOfPattern: Int32Array): number {
  const last = windowOfPattern.length - 1;
  if (windowOfPattern[last] === 0x3fffffff) windowOfPattern.fill(0);
  const window = windowOfPattern[last]! + 1;
  windowOfPattern[last] = window;
  return window;
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
