/**
 * YAML syntax errors as source problems, with the line an operator should look at.
 *
 * Why not yaml's own position: for a quote that is opened and never closed, the yaml
 * package reports "Missing closing quote" at the end of the file (the scalar runs to the
 * end), which sends the author to the wrong place in a long playbook. The quote opens where
 * the mistake is, so the problem names that line and column instead.
 */
import { Parser } from 'yaml';
import type { CST, LineCounter, YAMLError } from 'yaml';
import type { SourceProblem } from './playbook-errors';

/** Line and column of a problem inside a text that starts at `firstLine` of its file. */
interface Shift {
  /** 1-based line of the file where the parsed text begins (front matter starts on line 2). */
  readonly firstLine: number;
}

/** Turn yaml's errors into problems; an unterminated quote is reported where it opens. */
export function yamlSyntaxProblems(text: string, errors: readonly YAMLError[], lineCounter: LineCounter, shift: Shift = { firstLine: 1 }): SourceProblem[] {
  const quotes = errors.some((error) => isMissingQuote(error)) ? unterminatedQuotes(text) : [];
  const problems: SourceProblem[] = [];
  const seen = new Set<number>();
  for (const error of errors) {
    const quote = isMissingQuote(error) ? quoteBefore(quotes, error.pos[0]) : undefined;
    if (quote !== undefined) {
      if (seen.has(quote.offset)) continue;
      seen.add(quote.offset);
      const { line, col } = lineCounter.linePos(quote.offset);
      problems.push({
        line: line + shift.firstLine - 1,
        column: col,
        field: '',
        rule: `is not valid YAML: the ${quote.quote === '"' ? 'double' : 'single'} quote opened here is never closed`,
      });
      continue;
    }
    const { line, col } = lineCounter.linePos(error.pos[0]);
    problems.push({ line: line + shift.firstLine - 1, column: col, field: '', rule: `is not valid YAML: ${firstLine(error.message)}` });
  }
  return problems;
}

function isMissingQuote(error: YAMLError): boolean {
  return error.code === 'MISSING_CHAR' && /closing ["']?quote/i.test(error.message);
}

interface OpenQuote {
  readonly offset: number;
  readonly quote: '"' | "'";
}

/** The last unterminated quoted scalar that starts at or before `offset`. */
function quoteBefore(quotes: readonly OpenQuote[], offset: number): OpenQuote | undefined {
  let found: OpenQuote | undefined;
  for (const quote of quotes) if (quote.offset <= offset) found = quote;
  return found;
}

const closedDouble = /^"(?:[^"\\]|\\[\s\S])*"$/;
const closedSingle = /^'(?:[^']|'')*'$/;

/** Every quoted scalar of the concrete syntax tree that lacks its closing quote, in source order. */
function unterminatedQuotes(text: string): OpenQuote[] {
  const found: OpenQuote[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const token = value as Partial<CST.FlowScalar> & Record<string, unknown>;
    if (
      (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') &&
      typeof token.source === 'string' &&
      typeof token.offset === 'number'
    ) {
      const closed = token.type === 'double-quoted-scalar' ? closedDouble.test(token.source) : closedSingle.test(token.source);
      if (!closed) found.push({ offset: token.offset, quote: token.type === 'double-quoted-scalar' ? '"' : "'" });
    }
    for (const key of Object.keys(token)) if (key !== 'source') walk(token[key]);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found.sort((a, b) => a.offset - b.offset);
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
