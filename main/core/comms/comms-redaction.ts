import type { ReleaseState } from '../release/release-state';
import { readWorkspaceLiterals, workspaceOfRelease } from '../redaction/workspace-literals';
import { MatchCollector, redactionOptionsOf, textRedactor } from '../report/report-redaction';

/** A redactor for outgoing text, and how many secrets it masked. */
export interface CommsRedactor {
  (text: string, where: string): string;
  readonly masked: () => number;
}

/**
 * Redact status updates with the release's own rules: the built-in patterns, the
 * patterns saved in its journal and the workspace's literals (the same redactor the
 * report uses), so a token pasted into a note never reaches a Slack channel.
 */
export function commsRedactor(releaseDir: string, state: ReleaseState): CommsRedactor {
  const options = {
    ...redactionOptionsOf({ literals: [], patterns: [...state.report.redaction.patterns] }),
    literals: [...readWorkspaceLiterals(workspaceOfRelease(releaseDir))],
  };
  const redact = textRedactor(options);
  const collector = new MatchCollector();
  const redactor = (text: string, where: string) => redact(text, where, collector);
  return Object.assign(redactor, { masked: () => collector.count });
}
