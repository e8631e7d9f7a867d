/**
 * The secret patterns War Room masks in recordings, run logs, the timeline and reports.
 *
 * One list, shared by the terminal recorder (streaming) and the report (one shot), so
 * that what the redaction review lists is exactly what was masked at source. Patterns
 * lean towards masking too much: a masked harmless word costs a reader a second, a
 * leaked production token costs a rotation at 3 a.m.
 */
export interface RedactionPattern {
  /** Stable name shown in the redaction review ("github-token"). */
  readonly name: string;
  /** Global regular expression. When it has a `secret` named group, only that group is masked. */
  readonly regex: RegExp;
  /**
   * A cheap test that must find something in the text for the pattern to match at all.
   * The scan skips the pattern when it does not: a pattern whose anchor is a common
   * character (`:` or `=` in every log line) costs a lookbehind per character otherwise.
   */
  readonly trigger?: RegExp;
}

/** Options every redactor accepts: extra literals (per release) and extra patterns. */
export interface RedactionOptions {
  /** Exact strings to mask (a database password of this release, a customer name...). */
  readonly literals?: readonly string[];
  /** Extra patterns added by the operator in the redaction review. */
  readonly patterns?: readonly RedactionPattern[];
  /** Leave the built-in patterns out (tests of literals alone). Default false. */
  readonly withoutBuiltins?: boolean;
}

/** Tuning of the patterns and of literal handling. */
export const RedactionLimits = {
  /** Literals shorter than this would mask ordinary words everywhere ("a", "ok"); they are refused. */
  MinLiteralLength: 4,
  /** Longest private key block we expect (an RSA 8192 key in PEM is ~6.5k chars); longer is masked to the end. */
  MaxPrivateKeyBlockChars: 16_384,
} as const;

/** Key names whose value is a secret: password=..., DB_PASSWORD: ..., api_key=..., --token ... (a regex source). */
export const secretKeyNames = String.raw`(?:passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|auth(?:orization)?|credentials?)`;

/**
 * What every token-shaped built-in pattern starts with (private key header, AWS key id
 * prefixes, GitHub and Slack token prefixes, a JWT's `eyJ`, a URL's `://`), as one
 * trigger: a chunk of terminal output that contains none of them is scanned once, not
 * once per pattern. Each of those patterns names it as its trigger; keep them in step.
 */
const tokenAnchors = /-----BEGIN|(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]|gh[pousr]_|github_pat_|xox[abposre]-|eyJ|:\/\//;

/** The built-in patterns, in the order they are tried (first match at a position wins). */
export const builtinRedactionPatterns: readonly RedactionPattern[] = [
  {
    name: 'private-key-block',
    trigger: tokenAnchors,
    // An unterminated block (cut output, a `head` of a key file) is masked to the end.
    regex: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    name: 'aws-access-key',
    trigger: tokenAnchors,
    // AKIA (long-term), ASIA (STS), and the other documented key id prefixes: 4 + 16 chars.
    regex: /(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}/g,
  },
  {
    name: 'github-token',
    trigger: tokenAnchors,
    // Classic tokens (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained ones (github_pat_).
    regex: /(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})/g,
  },
  {
    name: 'slack-token',
    trigger: tokenAnchors,
    regex: /xox[abposre]-[A-Za-z0-9-]{10,250}/g,
  },
  {
    name: 'jwt',
    trigger: tokenAnchors,
    // header.payload.signature, both JSON parts base64url of '{"' (eyJ).
    regex: /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/g,
  },
  {
    name: 'url-credentials',
    trigger: tokenAnchors,
    // scheme://user:password@host: only the password is masked, the user and host stay readable.
    // Starts at the literal '://' (fast to find); the scheme and user around it stay as they are.
    regex: /:\/\/[^\s:/@'"]{1,256}:(?<secret>[^\s@/'"]{1,256})@/g,
  },
  {
    name: 'secret-assignment',
    trigger: new RegExp(secretKeyNames, 'i'),
    // password=hunter2, DB_PASSWORD: "x y", "api_key": "..." (only the value is masked).
    regex: new RegExp(
      // Anchored on the separator (rare, fast to find), the key name checked behind it.
      String.raw`[:=](?<=${secretKeyNames}[A-Za-z0-9_.-]{0,40}["']?[ \t]*[:=])[ \t]*(?<secret>"[^"\n]{1,512}"|'[^'\n]{1,512}'|[^\s"'&;,)}\]]{1,512})`,
      'gi',
    ),
  },
  {
    name: 'secret-flag',
    trigger: new RegExp(secretKeyNames, 'i'),
    // --password hunter2, -token abc: a command-line flag named like a secret, then its value.
    regex: new RegExp(
      String.raw`-${secretKeyNames}[A-Za-z0-9_-]{0,40}[ \t]+(?<secret>"[^"\n]{1,512}"|'[^'\n]{1,512}'|[^\s"'&;,)}\]-][^\s"'&;,)}\]]{0,511})`,
      'gi',
    ),
  },
];

/** Escape a literal for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The patterns to use for given options: built-ins, the operator's extras, then literals. */
export function resolveRedactionPatterns(options: RedactionOptions = {}): readonly RedactionPattern[] {
  const patterns: RedactionPattern[] = options.withoutBuiltins === true ? [] : [...builtinRedactionPatterns];
  for (const pattern of options.patterns ?? []) {
    patterns.push({ name: pattern.name, regex: pattern.regex, ...(pattern.trigger === undefined ? {} : { trigger: pattern.trigger }) });
  }
  const literals = usableLiterals(options.literals ?? []);
  if (literals.length > 0) {
    // Longest first, so that a literal containing another is masked whole.
    const sorted = [...literals].sort((a, b) => b.length - a.length);
    patterns.push({ name: 'literal', regex: new RegExp(sorted.map(escapeRegExp).join('|'), 'g') });
  }
  return patterns.map((pattern) => ({
    name: pattern.name,
    regex: withScanFlags(pattern.regex),
    ...(pattern.trigger === undefined ? {} : { trigger: withoutGlobal(pattern.trigger) }),
  }));
}

/** A copy of the regex with the flags a scan needs: g (all matches) and d (group indices). */
function withScanFlags(regex: RegExp): RegExp {
  const missing = ['g', 'd'].filter((flag) => !regex.flags.includes(flag)).join('');
  return new RegExp(regex.source, regex.flags + missing);
}

/** A copy without g/y, so that test() never depends on a previous lastIndex. */
function withoutGlobal(regex: RegExp): RegExp {
  return new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
}

/** Literals long enough to mask (shorter ones would mask ordinary words). */
export function usableLiterals(literals: readonly string[]): readonly string[] {
  return [...new Set(literals)].filter((literal) => literal.length >= RedactionLimits.MinLiteralLength);
}
