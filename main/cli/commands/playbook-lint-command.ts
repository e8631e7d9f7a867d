import { WarRoomError } from '../../../contract/domain/errors';
import { lintPlaybookFile, unreadableReport } from '../../core/playbooks/playbook-lint';
import type { LintReport } from '../../core/playbooks/playbook-lint';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** `warroom playbook lint`: parse a YAML playbook or a Markdown runbook without running anything. */
export const playbookLintCommand: CliCommand = {
  name: 'playbook',
  usage: `warroom playbook lint FILE [--json]
                                 Parse a playbook (.yaml) or runbook (.md) without running it: its steps
                                 and warnings, or its errors with line and column; exits 1 on errors`,
  run: playbook,
};

const limits = {
  /** Lines of a command shown in the listing; the JSON has all of them. */
  commandLines: 6,
  /** Lines of expected output shown in the listing. */
  outputLines: 3,
} as const;

async function playbook(args: readonly string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'lint')
    throw new UsageError(subcommand === undefined ? 'playbook needs a subcommand: lint' : `unknown playbook subcommand "${subcommand}" (known: lint)`);
  const { values, positionals } = parse({ args: rest, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: true });
  const [file] = positionals;
  if (positionals.length !== 1 || file === undefined) throw new UsageError('playbook lint takes one file');
  let report: LintReport;
  try {
    report = await lintPlaybookFile(file);
  } catch (error) {
    if (!(error instanceof WarRoomError) || !values.json) throw error;
    report = unreadableReport(file, error);
  }
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** The report for people: one line per step (and its command), then warnings; or the errors. */
function describe(report: LintReport): string {
  const out: string[] = [];
  if (!report.ok) {
    for (const error of report.errors)
      out.push(`${report.file}${error.line === null ? '' : ` line ${error.line}, column ${error.column ?? 1}`}: ${error.message}`);
    out.push(`${report.file}: ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}; nothing would run from it.`);
    return `${out.map((line) => visible(line)).join('\n')}\n`;
  }
  const kind = report.format === 'markdown' ? 'Markdown runbook' : 'YAML playbook';
  const warnings = report.warnings.length;
  out.push(
    `${report.file}: ${kind} "${report.playbook?.name ?? ''}": ${report.steps.length} step${report.steps.length === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  );
  const width = String(report.steps.length).length;
  const lineWidth = Math.max(4, ...report.steps.map((step) => String(step.line).length));
  out.push(`  ${'#'.padStart(width)}  ${'KIND'.padEnd(8)}${'LINE'.padStart(lineWidth)}  NAME`);
  const indent = ' '.repeat(2 + width + 2 + 8 + lineWidth + 2);
  for (const step of report.steps) {
    out.push(
      `  ${String(step.index).padStart(width)}  ${step.kind.padEnd(8)}${String(step.line).padStart(lineWidth)}  ${step.name.replace(/\n/g, ' ')}${step.target ? `  [target ${step.target}]` : ''}`,
    );
    if (step.command !== null) out.push(...clipLines(step.command, limits.commandLines).map((line, index) => `${indent}${index === 0 ? '$ ' : '  '}${line}`));
    if (step.url !== null) out.push(`${indent}GET ${step.url}`);
    if (step.when === 'rollback') out.push(`${indent}runs only on a rollback`);
    if (step.flag)
      out.push(`${indent}flag      ${step.flag.name} -> ${step.flag.set} via ${step.flag.via.replace(/\n/g, ' ')}; a live run asks for confirmation`);
    const analysis = step.analysis;
    if (analysis) {
      out.push(`${indent}query     ${analysis.query.replace(/\n/g, ' ')}  [source ${analysis.source}]`);
      if (analysis.baseline !== null) out.push(`${indent}baseline  ${analysis.baseline.replace(/\n/g, ' ')}`);
      if (analysis.successCondition !== null) out.push(`${indent}passes    ${analysis.successCondition}`);
      if (analysis.failureCondition !== null) out.push(`${indent}fails     ${analysis.failureCondition}`);
      out.push(
        `${indent}measures  ${analysis.count} x every ${analysis.intervalMs / 1000} s${analysis.initialDelayMs > 0 ? ` after ${analysis.initialDelayMs / 1000} s` : ''}; failureLimit ${analysis.failureLimit}, inconclusiveLimit ${analysis.inconclusiveLimit}; on failure: ${analysis.onFailure}; inconclusive: a person decides`,
      );
    }
    if (step.expectedOutput !== null) out.push(...clipLines(step.expectedOutput, limits.outputLines).map((line) => `${indent}| ${line}`));
  }
  for (const warning of report.warnings) out.push(`warning: ${report.file} line ${warning.line}, column ${warning.column}: ${warning.message}`);
  return `${out.map((line) => visible(line)).join('\n')}\n`;
}

function clipLines(text: string, max: number): string[] {
  const lines = text.split('\n');
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), `... (${lines.length - max + 1} more lines)`];
}

/** A printed line: control characters (an escape sequence in a hostile file) are shown, not obeyed by the terminal. */
function visible(line: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return line.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
