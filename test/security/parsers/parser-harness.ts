// One harness for every parser of outside input: generated documents (valid seeds
// mutated with format tokens and hostile strings, and plain noise) must parse or be
// refused cleanly: no crash (only a WarRoomError, or problems in the result), no case
// over a second, every error with a location, Object.prototype untouched.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { WarRoomError } from '../../../contract/domain/errors';
import { hostileStrings } from '../support/hostile-values';

/** A parser of outside input, as the harness drives it. */
export interface ParserUnderTest {
  /** Shown in the test name: "playbook YAML", ".ics", ... */
  readonly name: string;
  /** Valid documents to mutate (the richer, the deeper the fuzz reaches). */
  readonly seeds: readonly string[];
  /** Tokens of the format worth splicing in (keys, delimiters, markers). */
  readonly fragments: readonly string[];
  /** Parse; return anything, or throw. Only a WarRoomError is an acceptable throw. */
  parse(text: string): unknown;
  /** Problems a parser reports in its result instead of throwing; each must name a line. */
  problems?(result: unknown): readonly { readonly line?: number | null | undefined }[];
  /** Errors of this parser name a line (true) or at least a file or field (false). */
  readonly errorsHaveLines: boolean;
}

export const ParserFuzzTuning = {
  /** The budget of one case: a parser slower than this on a small document hangs the UI. */
  maxCaseMs: 1_000,
} as const;

type Edit = {
  readonly kind: 'insert' | 'delete' | 'duplicate-line' | 'swap-lines' | 'truncate' | 'replace-char';
  readonly at: number;
  readonly size: number;
  readonly text: string;
};

function applyEdit(text: string, edit: Edit): string {
  const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  const lines = text.split('\n');
  const line = lines.length === 0 ? 0 : edit.at % lines.length;
  switch (edit.kind) {
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.size);
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'swap-lines': {
      const other = (line + edit.size) % Math.max(1, lines.length);
      const copy = [...lines];
      [copy[line], copy[other]] = [copy[other]!, copy[line]!];
      return copy.join('\n');
    }
    case 'truncate':
      return text.slice(0, at);
    case 'replace-char':
      return text.slice(0, at) + edit.text.slice(0, 2) + text.slice(at + 1);
  }
}

/** Documents for one parser: mutated seeds (mostly), token soup and noise. */
export function documents(parser: ParserUnderTest): fc.Arbitrary<string> {
  const token = fc.oneof(
    fc.constantFrom(...parser.fragments),
    fc.constantFrom(...hostileStrings),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom('\n', '\r\n', '\t', '"', "'", ',', ';', ':', '{', '}', '[', ']', '\u0000', '\ufeff'),
  );
  const edit = fc.record({
    kind: fc.constantFrom<Edit['kind']>('insert', 'insert', 'insert', 'delete', 'duplicate-line', 'swap-lines', 'truncate', 'replace-char'),
    at: fc.nat(),
    size: fc.integer({ min: 1, max: 40 }),
    text: token,
  });
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...parser.seeds), fc.array(edit, { minLength: 1, maxLength: 6 }))
        .map(([seed, edits]) => edits.reduce(applyEdit, seed)),
    },
    { weight: 2, arbitrary: fc.array(token, { maxLength: 30 }).map((tokens) => tokens.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  );
}

const prototypeNames = (): string => Object.getOwnPropertyNames(Object.prototype).sort().join();

/** Check one document against one parser; throws an Error saying which promise broke. */
export function checkCase(parser: ParserUnderTest, text: string, baseline = prototypeNames()): void {
  const started = performance.now();
  let result: unknown;
  let thrown: unknown;
  try {
    result = parser.parse(text);
  } catch (error) {
    thrown = error;
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < ParserFuzzTuning.maxCaseMs, `${parser.name}: one case took ${Math.round(elapsed)} ms`);
  if (thrown !== undefined) {
    if (!(thrown instanceof WarRoomError))
      throw new Error(`${parser.name} crashed: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`);
    assert.ok(thrown.locations.length > 0, `${parser.name}: error without a location: ${thrown.message}`);
    for (const location of thrown.locations) {
      if (parser.errorsHaveLines) assert.ok(Number.isInteger(location.line) && location.line! >= 1, `${parser.name}: error without a line: ${thrown.message}`);
      else
        assert.ok(
          location.line !== undefined || location.file !== undefined || location.field !== undefined,
          `${parser.name}: empty location: ${thrown.message}`,
        );
    }
  } else if (parser.problems) {
    for (const problem of parser.problems(result)) {
      assert.ok(problem.line === null || (Number.isInteger(problem.line) && problem.line! >= 1), `${parser.name}: a problem without a line`);
    }
  }
  assert.equal(prototypeNames(), baseline, `${parser.name}: Object.prototype gained or lost a property`);
  for (const key of ['polluted', 'admin', 'isAdmin'])
    assert.equal(({} as Record<string, unknown>)[key], undefined, `${parser.name}: Object.prototype.${key} was set`);
}
