import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { WarRoomError } from '../../../contract/domain/errors';
import type { ErrorLocation } from '../../../contract/domain/errors';

/**
 * Read a YAML file into plain data and validate it with a zod schema, so that every
 * problem names the file, line and column.
 *
 * Why: a release manager edits templates by hand; "line 12, column 5: 'due' must be a
 * time like T-3d" is fixable at 2 a.m., "invalid input" is not. Zod paths are mapped
 * to YAML node ranges with a LineCounter; a missing key points at the map that lacks it.
 * Nothing here can crash on hostile input: syntax errors, duplicate keys, alias bombs
 * and deep nesting all become one WarRoomError with a location.
 */
const YAML_LIMITS = {
  /** Aliases expand on read; a few hundred covers any honest file and stops a "billion laughs". */
  maxAliasCount: 200,
  /** Problems listed in one message; more buries the first one. */
  maxProblemsShown: 8,
} as const;

interface Problem {
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly field?: string;
}

/** Parse YAML text and validate it; throws WarRoomError('invalid-input') with file, line and column. */
export function parseYamlWithSchema<Schema extends z.ZodType>(source: string, file: string, schema: Schema, what: string): z.output<Schema> {
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  } catch (error) {
    throw fail(
      file,
      what,
      [{ line: 1, column: 1, text: `could not be read as YAML (${firstLine(error instanceof Error ? error.message : String(error))})` }],
      error,
    );
  }
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const start = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      return { line: start.line, column: start.col, text: firstLine(error.message) };
    });
    throw fail(file, what, problems);
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (error) {
    throw fail(file, what, [{ line: 1, column: 1, text: `could not be read: ${firstLine(error instanceof Error ? error.message : String(error))}` }], error);
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => locateIssue(document, lineCounter, issue));
  throw fail(file, what, problems);
}

function firstLine(text: string): string {
  if (/call stack/i.test(text)) return 'is nested too deeply to read';
  return text.split('\n')[0] ?? text;
}

function locateIssue(document: Document.Parsed, lineCounter: LineCounter, issue: z.core.$ZodIssue): Problem {
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  const field = path.join('.');
  let offset: number | undefined;
  if (issue.code === 'unrecognized_keys') {
    offset = keyOffset(document, path, issue.keys[0]);
  }
  offset ??= nodeOffset(document, path);
  const position = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
  const label = field === '' ? '' : `'${field}' `;
  const text = `${label}${describeIssue(issue)}`;
  return field === '' ? { line: position.line, column: position.col, text } : { line: position.line, column: position.col, text, field };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')} (check the spelling)`;
  if (issue.code === 'invalid_type') return /received undefined$/.test(issue.message) ? 'is missing' : `must be a ${issue.expected}`;
  return issue.message;
}

/** Start offset of the node at a zod path, or of its nearest existing ancestor. */
function nodeOffset(document: Document.Parsed, path: readonly (string | number)[]): number | undefined {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range !== undefined && node.range !== null) return node.range[0];
    if (isPair(node) && isNode(node.key)) return node.key.range?.[0];
  }
  return undefined;
}

function keyOffset(document: Document.Parsed, path: readonly (string | number)[], key: string | undefined): number | undefined {
  const map = path.length === 0 ? document.contents : document.getIn(path, true);
  if (!isMap(map) || key === undefined) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair.key.range?.[0];
  }
  return undefined;
}

function fail(file: string, what: string, problems: readonly Problem[], cause?: unknown): WarRoomError {
  const shown = problems.slice(0, YAML_LIMITS.maxProblemsShown).map((problem) => `line ${problem.line}, column ${problem.column}: ${problem.text}`);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  const locations: ErrorLocation[] = problems.map((problem) =>
    problem.field === undefined
      ? { file, line: problem.line, column: problem.column }
      : { file, line: problem.line, column: problem.column, field: problem.field },
  );
  return new WarRoomError('invalid-input', `${what} ${file} ${shown.join('; ')}${more}`, locations, cause === undefined ? undefined : { cause });
}
