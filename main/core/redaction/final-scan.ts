import { createHash } from 'node:crypto';
import { lintSource } from '@secretlint/core';
import { creator as secretlintRecommended } from '@secretlint/secretlint-rule-preset-recommend';
import { WarRoomError } from '../../../contract/domain/errors';
import { findSecrets } from './redact-text';
import { resolveRedactionPatterns, type RedactionOptions } from './redaction-patterns';

/** A secret a scan found: which rule, where (file, line, column from 1), never the secret itself. */
export interface Finding {
  readonly rule: string;
  readonly where: string;
  readonly line: number;
  readonly column: number;
  /** Identifies this exact finding (rule, place and matched text, hashed) for an operator's allowance. */
  readonly fingerprint: string;
}

/** One file about to leave the laptop: its name in the export, and its text. */
export interface Artifact {
  readonly where: string;
  readonly text: string;
}

const masked = /\\?\[REDACTED:[a-z0-9-]+\\?\]/g;

function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < index; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function fingerprintOf(rule: string, where: string, secret: string): string {
  return createHash('sha256').update(`${rule}\0${where}\0${secret}`).digest('hex').slice(0, 16);
}

/**
 * Every secret a text still holds, by War Room's rule table and, unless `fast`,
 * secretlint's recommended preset (a second, independently maintained opinion; it runs
 * per whole text, so it is used here and in `warroom redact`, not on the stream). A
 * secretlint finding that overlaps a mask already written is not a leak.
 */
export async function scanText(
  text: string,
  where: string,
  options: { readonly fast?: boolean; readonly redaction?: RedactionOptions } = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const range of findSecrets(text, resolveRedactionPatterns(options.redaction))) {
    findings.push({
      rule: range.pattern,
      where,
      ...position(text, range.start),
      fingerprint: fingerprintOf(range.pattern, where, text.slice(range.start, range.end)),
    });
  }
  if (options.fast === true || text.length === 0) return findings;
  const masks = [...text.matchAll(masked)].map((match) => [match.index, match.index + match[0].length] as const);
  const result = await lintSource({
    source: { filePath: where, content: text, contentType: 'text' },
    options: { config: { rules: [{ id: secretlintRecommended.meta.id, rule: secretlintRecommended }] }, maskSecrets: false },
  });
  for (const message of result.messages) {
    const [start, end] = message.range;
    if (masks.some(([from, to]) => start < to && end > from)) continue;
    if (findings.some((finding) => finding.line === message.loc.start.line && finding.column === message.loc.start.column + 1)) continue;
    const rule = `secretlint:${(message.ruleId ?? 'unknown').replace('@secretlint/secretlint-rule-', '')}`;
    findings.push({
      rule,
      where,
      line: message.loc.start.line,
      column: message.loc.start.column + 1,
      fingerprint: fingerprintOf(rule, where, text.slice(start, end)),
    });
  }
  return findings;
}

/**
 * The final scan of every file an export writes: refuses (names the rule and the place)
 * when a file still matches a rule after redaction, unless the operator allowed that
 * exact finding (by its fingerprint, with a reason, journaled). `redaction` adds the
 * release's patterns and the workspace's literals to the rules: a path that forgot to
 * apply them is caught here, not by the customer who reads the bundle.
 */
export async function refuseUnmaskedSecrets(
  artifacts: readonly Artifact[],
  allowed: ReadonlySet<string> = new Set(),
  redaction: RedactionOptions = {},
): Promise<void> {
  // Every file is scanned before refusing: the operator sees all findings at once, not one per attempt.
  const findings: Finding[] = [];
  for (const artifact of artifacts)
    findings.push(...(await scanText(artifact.text, artifact.where, { redaction })).filter((finding) => !allowed.has(finding.fingerprint)));
  const first = findings[0];
  if (first === undefined) return;
  throw new WarRoomError(
    'refused',
    `${first.where} line ${first.line}, column ${first.column} still matches the secret rule ${first.rule} after redaction` +
      `${findings.length > 1 ? ` (and ${findings.length - 1} more finding(s))` : ''}: nothing was written. ` +
      `Mask it (a literal or a pattern in the redaction review), or if it is not a secret, allow finding ${first.fingerprint} with a reason.`,
    findings.slice(0, FinalScanLimits.MaxListedFindings).map((finding) => ({
      file: finding.where,
      line: finding.line,
      column: finding.column,
      finding: { rule: finding.rule, fingerprint: finding.fingerprint },
    })),
  );
}

/** Tuning of the final scan's refusal. */
export const FinalScanLimits = {
  /** Findings carried in a refusal (each with its place and fingerprint): enough for a screen, bounded for a flood. */
  MaxListedFindings: 50,
} as const;

/** The text files under a folder (an export's staging folder), named by their path in it. */
export async function readArtifacts(root: string, files: readonly string[]): Promise<Artifact[]> {
  const { readFile } = await import('node:fs/promises');
  const { relative, sep } = await import('node:path');
  const out: Artifact[] = [];
  for (const file of files) out.push({ where: relative(root, file).split(sep).join('/'), text: await readFile(file, 'utf8') });
  return out;
}
