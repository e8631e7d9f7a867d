/**
 * Lint a playbook file: parse it (never run it) and report its steps, warnings and errors.
 *
 * Why: authors keep runbooks in their own repositories and want to know in their CI, not
 * at 2 a.m. in the war room, that a file still parses and which commands it would run.
 * The report is plain data so the CLI can print it for people or as JSON for machines.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { WarRoomError, isErrno } from '../../../contract/domain/errors';
import { parseMarkdownRunbook } from './markdown-runbook-parser';
import { PlaybookDefaults } from '../../../contract/domain/playbooks/playbook-model';
import type { MetadataValue, PlaybookStep, PlaybookWarning, StepKind } from '../../../contract/domain/playbooks/playbook-model';
import { parseYamlPlaybook } from './yaml-playbook-parser';

/** One step as lint shows it. */
export interface LintStep {
  /** 1-based, as the run view numbers steps. */
  readonly index: number;
  readonly id: string;
  readonly kind: StepKind;
  readonly name: string;
  /** The command that would run; null for steps without one (manual, approval, wait, prompt, HTTP checks). */
  readonly command: string | null;
  /** What the runbook shows the command printing; null when it shows nothing. */
  readonly expectedOutput: string | null;
  readonly url: string | null;
  readonly target: string | null;
  readonly line: number;
  readonly column: number;
  /** `rollback` when the step runs only on a rollback; absent means always. */
  readonly when?: 'rollback';
  /** What a metric gate measures and how it decides; null for other kinds. */
  readonly analysis: {
    readonly source: string;
    readonly query: string;
    readonly baseline: string | null;
    readonly successCondition: string | null;
    readonly failureCondition: string | null;
    readonly count: number;
    readonly intervalMs: number;
    readonly failureLimit: number;
    readonly inconclusiveLimit: number;
    readonly initialDelayMs: number;
    readonly onFailure: string;
  } | null;
  /** What a flag step switches, and through what; absent for other kinds. */
  readonly flag?: { readonly name: string; readonly set: 'on' | 'off'; readonly via: string };
}

/** One error; line and column are null only for problems with the file itself (missing, a folder). */
export interface LintError {
  readonly line: number | null;
  readonly column: number | null;
  readonly field: string | null;
  readonly message: string;
}

/** Everything lint found in one file. */
export interface LintReport {
  readonly file: string;
  readonly format: 'yaml' | 'markdown' | null;
  /** True when the file parses: it would import, and its steps are those listed. */
  readonly ok: boolean;
  readonly playbook: {
    readonly name: string;
    readonly description: string;
    readonly target: string | null;
    readonly metadata: Readonly<Record<string, MetadataValue>>;
  } | null;
  readonly steps: readonly LintStep[];
  readonly warnings: readonly PlaybookWarning[];
  readonly errors: readonly LintError[];
}

/** Which parser a file calls for, from its extension; undefined when it is neither. */
export function playbookFormatOf(file: string): 'yaml' | 'markdown' | undefined {
  const extension = extname(file).toLowerCase();
  if (extension === '.md' || extension === '.markdown') return 'markdown';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return undefined;
}

/**
 * Read a playbook file for lint. Refuses, with one sentence naming the file, what is not a
 * regular file (a folder, a FIFO that would block, a device) and what is too big. The file
 * is opened non-blocking and checked on the open descriptor, so a FIFO swapped in after a
 * check cannot hang the command.
 */
export async function readPlaybookSource(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new WarRoomError('not-found', `${file} does not exist; give the path of a .yaml, .yml or .md playbook.`, [{ file }]);
    if (isErrno(error, 'EACCES') || isErrno(error, 'EPERM'))
      throw new WarRoomError('io', `${file} cannot be read (permission denied); check its permissions.`, [{ file }]);
    if (isErrno(error, 'EISDIR')) throw notAFile(file, 'a folder');
    throw new WarRoomError('io', `${file} cannot be opened: ${error instanceof Error ? error.message : String(error)}.`, [{ file }]);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw notAFile(file, 'a folder');
    if (info.isFIFO()) throw notAFile(file, 'a FIFO (named pipe)');
    if (info.isSocket()) throw notAFile(file, 'a socket');
    if (!info.isFile()) throw notAFile(file, 'a device');
    if (info.size > PlaybookDefaults.maxSourceBytes)
      throw new WarRoomError('invalid-input', `${file} is ${info.size} bytes, more than ${PlaybookDefaults.maxSourceBytes}; a playbook is never that big.`, [
        { file },
      ]);
    const buffer = Buffer.alloc(Math.min(info.size, PlaybookDefaults.maxSourceBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length >= buffer.length) break;
    }
    if (length > PlaybookDefaults.maxSourceBytes)
      throw new WarRoomError('invalid-input', `${file} grew past ${PlaybookDefaults.maxSourceBytes} bytes while it was read; a playbook is never that big.`, [
        { file },
      ]);
    return new TextDecoder('utf-8').decode(buffer.subarray(0, length)).replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

function notAFile(file: string, what: string): WarRoomError {
  return new WarRoomError('invalid-input', `${file} is ${what}, not a playbook file; give the path of a .yaml, .yml or .md file.`, [{ file }]);
}

/** Lint the text of a playbook. Never throws for a bad playbook: its problems are the report's errors. */
export function lintPlaybookText(text: string, file: string, format: 'yaml' | 'markdown'): LintReport {
  try {
    const playbook = format === 'markdown' ? parseMarkdownRunbook(text, file) : parseYamlPlaybook(text, file);
    return {
      file,
      format,
      ok: true,
      playbook: { name: playbook.name, description: playbook.description, target: playbook.target ?? null, metadata: playbook.metadata },
      steps: playbook.steps.map((step, index) => lintStep(step, index)),
      warnings: playbook.warnings,
      errors: [],
    };
  } catch (error) {
    if (!(error instanceof WarRoomError)) throw error;
    return { file, format, ok: false, playbook: null, steps: [], warnings: [], errors: errorsOf(error) };
  }
}

/** Lint a file: read it (refusing what is not a regular playbook file) and parse it. */
export async function lintPlaybookFile(file: string): Promise<LintReport> {
  const format = playbookFormatOf(file);
  const text = await readPlaybookSource(file);
  if (format === undefined) {
    throw new WarRoomError('invalid-input', `${file} is neither .yaml, .yml nor .md; lint reads YAML playbooks and Markdown runbooks.`, [{ file }]);
  }
  return lintPlaybookText(text, file, format);
}

/** A report for a file that could not be read at all. */
export function unreadableReport(file: string, error: WarRoomError): LintReport {
  return {
    file,
    format: playbookFormatOf(file) ?? null,
    ok: false,
    playbook: null,
    steps: [],
    warnings: [],
    errors: [{ line: null, column: null, field: null, message: error.message }],
  };
}

function lintStep(step: PlaybookStep, index: number): LintStep {
  const command = step.kind === 'run' || step.kind === 'check' ? (step.command ?? null) : null;
  return {
    index: index + 1,
    id: step.id,
    kind: step.kind,
    name: step.name,
    command,
    expectedOutput: (step.kind === 'run' || step.kind === 'check' ? step.expectedOutput : undefined) ?? null,
    url: step.kind === 'check' ? (step.url ?? null) : null,
    target: step.target ?? null,
    line: step.position.line,
    column: step.position.column,
    ...(step.when === 'rollback' ? { when: 'rollback' as const } : {}),
    ...(step.kind === 'flag'
      ? { flag: { name: step.flag, set: step.enabled ? ('on' as const) : ('off' as const), via: step.command ?? step.service ?? '' } }
      : {}),
    analysis:
      step.kind === 'analysis'
        ? {
            source: step.source,
            query: step.query,
            baseline: step.baseline ?? null,
            successCondition: step.successCondition ?? null,
            failureCondition: step.failureCondition ?? null,
            count: step.count,
            intervalMs: step.intervalMs,
            failureLimit: step.failureLimit,
            inconclusiveLimit: step.inconclusiveLimit,
            initialDelayMs: step.initialDelayMs,
            onFailure: step.onFailure,
          }
        : null,
  };
}

/** The parser's problems, one per location; the message lines follow the same order. */
function errorsOf(error: WarRoomError): LintError[] {
  const lines = error.message.split('\n');
  if (error.locations.length === 0) return [{ line: null, column: null, field: null, message: error.message }];
  return error.locations.map((location, index) => ({
    line: location.line ?? null,
    column: location.column ?? null,
    field: location.field ?? null,
    message: (lines[index] ?? `problem at line ${location.line ?? '?'}, column ${location.column ?? '?'}`).replace(/^playbook .+? line \d+, column \d+: /, ''),
  }));
}
