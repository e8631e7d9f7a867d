/**
 * Front matter of a Markdown runbook: YAML between `---` lines, or TOML between `+++` lines.
 *
 * Why: runbooks kept in Hugo, Docsy, Jekyll or MkDocs sites start with front matter; the
 * title there names the page (and so the playbook), the rest (description, weight, tags,
 * owners) is the author's metadata and is kept as written. Read as Markdown instead, the
 * block became the playbook's description ("---") and the title was lost. Some sites put
 * TOML between `---` lines; that is accepted too when the block is not a YAML mapping.
 */
import { LineCounter, parseDocument } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { SourceProblem } from './playbook-errors';
import { PlaybookDefaults } from '../../../contract/domain/playbooks/playbook-model';
import type { MetadataValue, PlaybookWarning } from '../../../contract/domain/playbooks/playbook-model';
import { reservedNames } from './playbook-yaml-schema';
import { yamlSyntaxProblems } from './yaml-source-problems';

/** The front matter found at the top of a runbook. */
export interface FrontMatter {
  readonly format: 'yaml' | 'toml';
  readonly values: Readonly<Record<string, MetadataValue>>;
  /** Offset in the text just after the closing delimiter line: the Markdown starts here. */
  readonly end: number;
}

/** What reading the front matter gave: the block (if any), and what is wrong with it. */
export interface FrontMatterResult {
  readonly frontMatter: FrontMatter | undefined;
  /** Offset where the Markdown starts (after the block, even a block with problems); 0 when there is none. */
  readonly end: number;
  readonly problems: readonly SourceProblem[];
  readonly warnings: readonly PlaybookWarning[];
}

const openers = { '---': 'yaml', '+++': 'toml' } as const;
/** A line that starts a key (`title: ...`, `title = ...`): what makes a `---` block front matter rather than Markdown. */
const keyLine = /^["']?[A-Za-z0-9_][\w.-]*["']?[ \t]*[:=](?:\s|$)/m;

/** Find and parse the front matter at the very top of `text` (after an optional byte order mark). */
export function readFrontMatter(text: string): FrontMatterResult {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const firstLineEnd = lineEnd(text, start);
  const opener = text.slice(start, firstLineEnd).trimEnd();
  if (opener !== '---' && opener !== '+++') return { frontMatter: undefined, end: 0, problems: [], warnings: [] };
  const format = openers[opener];
  const contentStart = Math.min(text.length, nextLine(text, firstLineEnd));
  let cursor = contentStart;
  while (cursor < text.length) {
    const end = lineEnd(text, cursor);
    const line = text.slice(cursor, end).trimEnd();
    if (line === opener || (format === 'yaml' && line === '...')) {
      const content = text.slice(contentStart, cursor);
      // A Markdown file may open with a thematic break (---) and use another later: that is not front matter.
      if (format === 'yaml' && content.trim() !== '' && !keyLine.test(content)) return { frontMatter: undefined, end: 0, problems: [], warnings: [] };
      const parsed = parseBlock(content, format);
      const bodyStart = nextLine(text, end);
      return {
        frontMatter: parsed.values === undefined ? undefined : { format: parsed.format, values: parsed.values, end: bodyStart },
        end: bodyStart,
        problems: parsed.problems,
        warnings: parsed.warnings,
      };
    }
    cursor = nextLine(text, end);
  }
  if (format === 'yaml' && !keyLine.test(text.slice(contentStart))) return { frontMatter: undefined, end: 0, problems: [], warnings: [] };
  return {
    frontMatter: undefined,
    end: 0,
    problems: [],
    warnings: [
      {
        line: 1,
        column: 1,
        message: `front matter opened with ${opener} is never closed (the file may be cut off); it is read as Markdown`,
      },
    ],
  };
}

interface ParsedBlock {
  readonly format: 'yaml' | 'toml';
  readonly values: Record<string, MetadataValue> | undefined;
  readonly problems: SourceProblem[];
  readonly warnings: PlaybookWarning[];
}

/** Front matter content starts on line 2 of the file. */
const contentFirstLine = 2;

function parseBlock(content: string, format: 'yaml' | 'toml'): ParsedBlock {
  if (format === 'toml') return parseTomlBlock(content);
  const lineCounter = new LineCounter();
  const document = parseDocument(content, { lineCounter, uniqueKeys: true, strict: true, merge: false, prettyErrors: false });
  if (document.errors.length > 0) {
    const toml = tomlFallback(content);
    if (toml) return toml;
    return { format, values: undefined, problems: yamlSyntaxProblems(content, document.errors, lineCounter, { firstLine: contentFirstLine }), warnings: [] };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: PlaybookDefaults.maxAliasCount });
  } catch (error) {
    return {
      format,
      values: undefined,
      problems: [problem(1, 1, `cannot be expanded: ${error instanceof Error ? error.message : String(error)}`)],
      warnings: [],
    };
  }
  if (data === null || data === undefined) return { format, values: {}, problems: [], warnings: [] };
  if (!isPlainRecord(data)) {
    const toml = tomlFallback(content);
    if (toml) return toml;
    return { format, values: undefined, problems: [problem(1, 1, 'must be a mapping of key: value (title: ..., description: ...)')], warnings: [] };
  }
  const warnings: PlaybookWarning[] = [];
  return { format, values: toMetadataRecord(data, warnings), problems: [], warnings };
}

/** TOML between `---` lines (some site generators): accepted when it parses as TOML. */
function tomlFallback(content: string): ParsedBlock | undefined {
  if (!/^[ \t]*[A-Za-z0-9_."'-]+[ \t]*=/m.test(content)) return undefined;
  const parsed = parseTomlBlock(content);
  return parsed.problems.length === 0 ? parsed : undefined;
}

function parseTomlBlock(content: string): ParsedBlock {
  try {
    const warnings: PlaybookWarning[] = [];
    return { format: 'toml', values: toMetadataRecord(parseToml(content) as Record<string, unknown>, warnings), problems: [], warnings };
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
      return { format: 'toml', values: undefined, problems: [problem(error.line, error.column, `is not valid TOML: ${reason}`)], warnings: [] };
    }
    return {
      format: 'toml',
      values: undefined,
      problems: [problem(1, 1, `is not valid TOML: ${error instanceof Error ? error.message : String(error)}`)],
      warnings: [],
    };
  }
}

function problem(lineInBlock: number, column: number, rule: string): SourceProblem {
  return { line: Math.max(1, lineInBlock) + contentFirstLine - 1, column: Math.max(1, column), field: '', rule: `front matter ${rule}` };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Map);
}

function toMetadataRecord(record: Record<string, unknown>, warnings: PlaybookWarning[]): Record<string, MetadataValue> {
  const result: Record<string, MetadataValue> = {};
  for (const [key, value] of Object.entries(record)) {
    if ((reservedNames as readonly string[]).includes(key)) {
      warnings.push({ line: 1, column: 1, message: `front matter key '${key}' is reserved and was left out` });
      continue;
    }
    result[key] = toMetadataValue(value, warnings);
  }
  return result;
}

/** Plain JSON for the contract: dates as ISO text, maps as records, anything exotic as text. */
function toMetadataValue(value: unknown, warnings: PlaybookWarning[]): MetadataValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toMetadataValue(item, warnings));
  if (value instanceof Map) return toMetadataRecord(Object.fromEntries([...value.entries()].map(([key, item]) => [String(key), item])), warnings);
  if (isPlainRecord(value)) return toMetadataRecord(value, warnings);
  return String(value);
}

function lineEnd(text: string, from: number): number {
  const newline = /\r\n?|\n/g;
  newline.lastIndex = from;
  const match = newline.exec(text);
  return match ? match.index : text.length;
}

function nextLine(text: string, end: number): number {
  if (text.startsWith('\r\n', end)) return end + 2;
  return end < text.length ? end + 1 : end;
}
