/**
 * Errors of playbook sources: every problem names the file, line, column and rule broken.
 *
 * Why one helper: both parsers must speak the same way ("playbook rollback.yaml line 12,
 * column 5: 'timeout' must be a duration like 5m"), and the UI lists every location.
 */
import { basename } from 'node:path';
import { WarRoomError } from '../../../contract/domain/errors';

/** One problem found in a playbook source. */
export interface SourceProblem {
  readonly line: number;
  readonly column: number;
  /** Dotted path of the field, e.g. steps[2].timeout; empty for the whole document. */
  readonly field: string;
  /** What rule was broken, phrased after the field name. */
  readonly rule: string;
}

const limits = {
  /** Beyond this many problems the message only gets longer, not more useful. */
  problemsInMessage: 10,
} as const;

/** Build the WarRoomError for a list of problems (at least one). */
export function playbookSourceError(file: string, problems: readonly SourceProblem[]): WarRoomError {
  const name = basename(file);
  const lines = problems.slice(0, limits.problemsInMessage).map((problem) => {
    const last = problem.field
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop();
    const subject = last === undefined ? '' : /^\d+$/.test(last) ? `${problem.field} ` : `'${last}' `;
    return `playbook ${name} line ${problem.line}, column ${problem.column}: ${subject}${problem.rule}`;
  });
  if (problems.length > limits.problemsInMessage) lines.push(`... and ${problems.length - limits.problemsInMessage} more problems`);
  return new WarRoomError(
    'invalid-input',
    lines.join('\n'),
    problems.map((problem) => ({ file, line: problem.line, column: problem.column, field: problem.field || undefined })),
  );
}

/** Render a zod-style path as steps[2].check.timeout. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}
