/**
 * Attributes in a Markdown fence's info string: ```sh name="Restart" timeout=5m target=sandbox check```.
 *
 * Why in the info string: it keeps the runbook readable on GitHub (the attributes are
 * invisible there) while the runner gets what it needs. Unknown attributes are errors,
 * not silently ignored: a misspelt `timout=5m` must not run without its timeout.
 */
import { parseDuration } from './duration';
import type { OnFailure } from '../../../contract/domain/playbooks/playbook-model';

/** What a fence may say about its step. */
export interface FenceAttributes {
  readonly name?: string;
  readonly id?: string;
  readonly timeoutMs?: number;
  readonly target?: string;
  readonly check?: boolean;
  readonly noRun?: boolean;
  readonly onFailure?: OnFailure;
  readonly exitCodes?: readonly number[];
  readonly retries?: number;
  readonly intervalMs?: number;
  readonly cwd?: string;
  readonly outputPattern?: string;
}

/** A problem in the info string; `offset` is 0-based within the meta text. */
export interface FenceAttributeProblem {
  readonly offset: number;
  readonly rule: string;
}

const tokenPattern = /\s*([A-Za-z_][\w-]*)(?:=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']+)))?/y;
const flagAttributes = new Set(['check', 'norun']);
const valueAttributes = new Set(['name', 'id', 'timeout', 'target', 'on_failure', 'exit_codes', 'retries', 'interval', 'cwd', 'output']);

/** Parse the meta part of an info string (after the language). */
export function parseFenceAttributes(meta: string): { attributes: FenceAttributes; problems: FenceAttributeProblem[] } {
  const problems: FenceAttributeProblem[] = [];
  const attributes: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let text = meta;
  let base = 0;
  const braced = /^(\s*)\{(.*)\}\s*$/s.exec(text);
  if (braced) {
    base = (braced[1]?.length ?? 0) + 1;
    text = braced[2] ?? '';
  }
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    tokenPattern.lastIndex = index;
    const match = tokenPattern.exec(text);
    if (!match) {
      problems.push({
        offset: base + index + (text.slice(index).length - text.slice(index).trimStart().length),
        rule: 'cannot be read: write attributes as key=value or key="a value"',
      });
      break;
    }
    const start = base + index + match[0].length - match[0].trimStart().length;
    index = tokenPattern.lastIndex;
    const key = (match[1] ?? '').toLowerCase().replace(/-/g, '_');
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? match[4]);
    const problem = applyAttribute(attributes, key, value);
    if (problem) problems.push({ offset: start, rule: problem });
  }
  return { attributes: attributes as FenceAttributes, problems };
}

function applyAttribute(attributes: Record<string, unknown>, key: string, value: string | undefined): string | undefined {
  if (value === undefined) {
    if (flagAttributes.has(key)) {
      attributes[key === 'norun' ? 'noRun' : key] = true;
      return undefined;
    }
    return valueAttributes.has(key) ? `attribute '${key}' needs a value (${key}=...)` : unknownAttribute(key);
  }
  switch (key) {
    case 'name':
    case 'target':
    case 'cwd':
      if (value.trim() === '') return `attribute '${key}' must not be empty`;
      attributes[key] = value;
      return undefined;
    case 'id':
      if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(value)) return `attribute 'id' must be letters, digits, - or _`;
      attributes.id = value;
      return undefined;
    case 'timeout':
    case 'interval': {
      const ms = parseDuration(value);
      if (ms === undefined) return `attribute '${key}' must be a duration like 30s, 5m or 1h`;
      attributes[key === 'timeout' ? 'timeoutMs' : 'intervalMs'] = ms;
      return undefined;
    }
    case 'on_failure':
      if (value !== 'ask' && value !== 'abort' && value !== 'continue') return `attribute 'on_failure' must be ask, abort or continue`;
      attributes.onFailure = value;
      return undefined;
    case 'exit_codes': {
      const codes = value.split(',').map((part) => Number(part.trim()));
      if (codes.length === 0 || codes.some((code) => !Number.isInteger(code) || code < 0 || code > 255))
        return `attribute 'exit_codes' must list exit codes like 0,1`;
      attributes.exitCodes = codes;
      return undefined;
    }
    case 'retries': {
      const retries = Number(value);
      if (!Number.isInteger(retries) || retries < 0 || retries > 1000) return `attribute 'retries' must be a whole number from 0 to 1000`;
      attributes.retries = retries;
      return undefined;
    }
    case 'output':
      try {
        new RegExp(value);
      } catch {
        return `attribute 'output' must be a valid regular expression`;
      }
      attributes.outputPattern = value;
      return undefined;
    case 'check':
    case 'norun':
      return `attribute '${key}' is a flag and takes no value`;
    default:
      return unknownAttribute(key);
  }
}

function unknownAttribute(key: string): string {
  return `attribute '${key}' is not known (known: ${[...valueAttributes, ...flagAttributes].join(', ')})`;
}
