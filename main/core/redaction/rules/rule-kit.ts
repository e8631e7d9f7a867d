/**
 * The building blocks of War Room's own secret rules: one rule per credential kind,
 * written from the credential's documented format (prefix, length, alphabet), with a
 * sample that must be masked and one that must not, kept beside the rule.
 *
 * Why our own table next to secretlint's preset: secretlint's rules are async and run on
 * a whole file; a terminal recording is masked chunk by chunk as the pty delivers it.
 * These rules are plain regular expressions with keywords (the idea of gitleaks'
 * `keywords`): one pass over a chunk finds which keywords occur, and only the rules of
 * those keywords run.
 */
import { seededRandom } from '../../support/seeded-random';

export { seededRandom };

/** One credential kind War Room masks. */
export interface SecretRule {
  /** Stable id shown in the redaction review and in masks ("gitlab-pat"). */
  readonly id: string;
  /** What it is, for people ("GitLab personal access token"). */
  readonly title: string;
  /**
   * Lowercase strings of which at least one occurs (case-insensitively) in any text the
   * rule matches; the scan skips the rule when none does. Empty: the rule always runs.
   */
  readonly keywords: readonly string[];
  /** Global regex with the `d` flag; when it has a `secret` group, only that group is masked. */
  readonly regex: RegExp;
  /** A fresh true-positive line (a generated sample, never a real secret) and the part of it that must be masked. */
  readonly sample: (random: () => number) => { readonly line: string; readonly secret: string };
  /** A line that looks close but must not be masked by this rule. */
  readonly notSecret: string;
  /**
   * A cheap check at a keyword hit (its start and end in the text) that the rule can match
   * there at all; false skips the rule for that hit. For rules whose keywords are common
   * words ("key", "token"): most hits in terminal output are prose, not assignments.
   */
  readonly confirm?: KeywordConfirm;
}

/**
 * See SecretRule.confirm: `shape` (shared by a family of rules, computed once per hit)
 * returns bits; the rule can match at the hit when its `bit` is set. It must never leave
 * the bit out where the rule's regex could match around the keyword.
 */
export interface KeywordConfirm {
  readonly shape: (text: string, start: number, end: number) => number;
  readonly bit: number;
  /**
   * For a rule whose every match starts at a place its keyword's hit determines (a
   * separator after a key name): that place, for a hit with `bit` set. The rule's regex is
   * then tried (sticky) at those places alone instead of over the keyword's line. It must
   * return the start of every match the rule can have with the hit's keyword in it.
   */
  readonly anchor?: (text: string, start: number, end: number) => number;
}

/** Character classes of token bodies, as regex class contents. */
export const Alphabet = {
  alnum: 'A-Za-z0-9',
  alnumUnderscoreDash: 'A-Za-z0-9_-',
  alnumUnderscore: 'A-Za-z0-9_',
  hexLower: 'a-f0-9',
  hex: 'a-fA-F0-9',
  hexUpper: 'A-F0-9',
  upperNum: 'A-Z0-9',
  lowerNum: 'a-z0-9',
  lower: 'a-z',
  letters: 'A-Za-z',
  digits: '0-9',
  base32Upper: 'A-Z2-7',
  base64: 'A-Za-z0-9+/',
  base64url: 'A-Za-z0-9_-',
} as const;

/** A piece of a token format: a literal, or `count` (or min..max) characters of an alphabet. */
export type FormatPart = string | readonly [alphabet: string, min: number, max?: number];

/** Expand a regex class body ("A-Za-z0-9_-") into its characters, for generating samples. */
export function expandClass(body: string): string {
  let out = '';
  for (let index = 0; index < body.length; index += 1) {
    const from = body[index]!;
    if (body[index + 1] === '-' && index + 2 < body.length) {
      const to = body[index + 2]!;
      for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code += 1) out += String.fromCharCode(code);
      index += 2;
    } else if (from === '\\') {
      out += body[index + 1] ?? '';
      index += 1;
    } else {
      out += from;
    }
  }
  return out;
}

/** Escape a literal for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function partSource(part: FormatPart): string {
  if (typeof part === 'string') return escapeRegExp(part);
  const [alphabet, min, max] = part;
  return `[${alphabet.replace(/[\]\\]/g, '\\$&')}]{${min}${max === undefined ? '' : `,${max}`}}`;
}

/** Random characters of an alphabet (samples only; Math.random-like source). */
export function randomOf(alphabet: string, length: number, random: () => number): string {
  const chars = expandClass(alphabet);
  let out = '';
  for (let index = 0; index < length; index += 1) out += chars[Math.floor(random() * chars.length)]!;
  return out;
}

/** A sample of a format: literals as written, each class part at a random length in its range. */
export function sampleOf(parts: readonly FormatPart[], random: () => number): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const [alphabet, min, max] = part;
      // Samples stay near the documented length: a long tail of random characters adds nothing.
      const length = max === undefined ? min : min + Math.floor(random() * Math.min(max - min + 1, 8));
      return randomOf(alphabet, length, random);
    })
    .join('');
}

/** The regex source of a token format. */
export function formatSource(parts: readonly FormatPart[]): string {
  return parts.map(partSource).join('');
}

/** Contexts a sample token is put in, so the corpus is not only bare tokens. */
const sampleContexts: readonly ((token: string) => string)[] = [
  (token) => `export TOKEN_VALUE=${token}`,
  (token) => `  value: ${token}`,
  (token) => `{"credential": "${token}"}`,
  (token) => `$ echo ${token} | wc -c`,
  (token) => `curl -s https://api.example.test/v1 -d key=${token}`,
  (token) => `found ${token} in .env`,
];

/** Pick a context for a sample line. */
export function inContext(token: string, random: () => number): string {
  return sampleContexts[Math.floor(random() * sampleContexts.length)]!(token);
}

/**
 * A token with a distinctive prefix (`glpat-`, `sk_live_`): the prefix is the keyword.
 * A token glued to a longer word on its left is not matched (it is part of something
 * else); on its right the match is greedy up to the format's maximum length.
 */
export function prefixed(
  id: string,
  title: string,
  parts: readonly FormatPart[],
  notSecret: string,
  options: { readonly keywords?: readonly string[]; readonly caseInsensitive?: boolean } = {},
): SecretRule {
  const first = parts[0];
  if (typeof first !== 'string') throw new Error(`rule ${id}: a prefixed format starts with its prefix`);
  const guard = /^[A-Za-z0-9]/.test(first) ? '(?<![A-Za-z0-9])' : '';
  return {
    id,
    title,
    keywords: options.keywords ?? [first.toLowerCase()],
    regex: new RegExp(guard + formatSource(parts), options.caseInsensitive === true ? 'gid' : 'gd'),
    sample: (random) => {
      const secret = sampleOf(parts, random);
      return { line: inContext(secret, random), secret };
    },
    notSecret,
  };
}

/** How a key name and its value may be joined: `=`, `:`, `:=`, `=>`, `,` or spaces, with optional quotes. */
const contextSeparator = String.raw`[\w.-]{0,25}?["']?[ \t]*(?::=|=>|[:=,]|[ \t])[ \t]*["']?`;

/**
 * A value without a prefix of its own (a Datadog API key is 32 hex digits), recognised by
 * a name standing before it (`DD_API_KEY=`, `"datadog_api_key": "`). The names are the
 * keywords; only the value is masked.
 */
export function contextual(
  id: string,
  title: string,
  names: readonly string[],
  value: readonly FormatPart[],
  notSecret: string,
  options: { readonly suffix?: string } = {},
): SecretRule {
  const last = value.at(-1);
  const tail = typeof last === 'string' ? '' : `(?![${last![0]}])`;
  return {
    id,
    title,
    keywords: names.map((name) => name.toLowerCase()),
    regex: new RegExp(`(?:${names.map(escapeRegExp).join('|')})${options.suffix ?? ''}${contextSeparator}(?<secret>${formatSource(value)})${tail}`, 'gid'),
    sample: (random) => {
      const secret = sampleOf(value, random);
      const name = names[Math.floor(random() * names.length)]!;
      const forms = [`${name.toUpperCase()}_KEY=${secret}`, `${name}_secret: "${secret}"`, `--${name}-token ${secret}`, `"${name}_api_key": "${secret}"`];
      return { line: forms[Math.floor(random() * forms.length)]!, secret };
    },
    notSecret,
  };
}

/** A rule whose regex is written by hand (connection strings, headers, key blocks). */
export function handWritten(
  id: string,
  title: string,
  keywords: readonly string[],
  regex: RegExp,
  sample: SecretRule['sample'],
  notSecret: string,
): SecretRule {
  const flags = [...new Set([...regex.flags, 'g', 'd'])].join('');
  return { id, title, keywords, regex: new RegExp(regex.source, flags), sample, notSecret };
}

/** Like `prefixed`, for a kind whose tokens start with one of several documented prefixes. */
export function prefixedAny(id: string, title: string, prefixes: readonly string[], body: readonly FormatPart[], notSecret: string): SecretRule {
  const guard = prefixes.every((prefix) => /^[A-Za-z0-9]/.test(prefix)) ? '(?<![A-Za-z0-9])' : '';
  return {
    id,
    title,
    keywords: prefixes.map((prefix) => prefix.toLowerCase()),
    regex: new RegExp(`${guard}(?:${prefixes.map(escapeRegExp).join('|')})${formatSource(body)}`, 'gd'),
    sample: (random) => {
      const secret = prefixes[Math.floor(random() * prefixes.length)]! + sampleOf(body, random);
      return { line: inContext(secret, random), secret };
    },
    notSecret,
  };
}
