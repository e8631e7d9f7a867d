// Generators of hostile input shared by the fuzz tests: values that break naive code
// (wrong types, NaN, huge and odd strings, deep nesting, prototype keys), and payloads
// built by mutating a valid-looking skeleton of a zod schema, so that the fuzz reaches
// past the first type check of every field.
import fc from 'fast-check';
import { z } from 'zod';

export const FuzzTuning = {
  /** A string far over every field limit of the contract (they stop at ~1 MB). */
  hugeStringLength: 2_000_000,
  /** Nesting deep enough to overflow a naive recursive walk. */
  maxDepth: 5_000,
} as const;

/** Strings that have broken parsers and renderers elsewhere. */
export const hostileStrings = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../../../etc/passwd',
  '..\\..\\windows\\system32',
  '/dev/zero',
  '\u0000',
  '\ud800',
  '\u202eexe.txt',
  'Z\u0351\u0360\u0361a\u0352l\u0300go',
  '🙂👩‍👩‍👧‍👦',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  "'; DROP TABLE releases; --",
  '%s%s%n',
  'a'.repeat(10_000) + '!',
  '0'.repeat(400) + 'x',
  '2030-02-30T25:61:61Z',
  '1e309',
  'NaN',
] as const;

/** A value nested `depth` times (arrays or objects): deep enough to blow a recursive walk. */
export function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** An object whose own enumerable key is `key` (also `__proto__`, which a literal would not make own). */
export function withOwnKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Deeply nested values, from deep enough to matter to deep enough to overflow a naive recursive walk. */
const DEEP_VALUES: readonly unknown[] = [100, 1_000, FuzzTuning.maxDepth].flatMap((depth) => [nested(depth, 'array'), nested(depth, 'object')]);

/** One hostile value of any type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 2 ** 53 + 1, -1, 0, 1.5, true, false, [], {}),
  fc.constantFrom(...hostileStrings),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constant('x'.repeat(FuzzTuning.hugeStringLength)),
  // Built once (a fresh 5,000-deep value per payload was a good part of a fuzz run's time).
  fc.constantFrom(...DEEP_VALUES),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown),
  fc.constant(Object.create(null) as unknown),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', 'slug', '0'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.date().map((date) => date as unknown),
);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  format?: string;
};

/** A plausible value of a JSON schema: objects with every property, first enum members, 'x' strings. */
function skeletonOf(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const alternative = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (alternative) return skeletonOf(alternative, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, skeletonOf(value, depth + 1)]));
    case 'array':
      return [skeletonOf(schema.items, depth + 1)];
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return schema.format === 'date-time' ? '2030-01-01T00:00:00Z' : 'x';
  }
}

/** A valid-looking input of a zod schema, to be mutated (its validity is not promised). */
export function schemaSkeleton(schema: z.ZodType): unknown {
  try {
    return skeletonOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
  } catch {
    return {};
  }
}

/** Every path to a value inside a skeleton ([] is the whole input). */
export function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  const paths: (readonly (string | number)[])[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

/** A deep copy of `root` with the value at `path` replaced (or, for the root, returned as is). */
export function replaceAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  // An earlier mutation may have put a string or a number where an object was: start afresh.
  const container = root !== null && typeof root === 'object' ? root : {};
  const copy = (Array.isArray(container) ? [...(container as unknown[])] : { ...(container as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head!] = replaceAt(copy[head!], rest, value);
  return copy;
}

/**
 * Payloads for one request: its skeleton with one to three values replaced by hostile
 * ones, with extra or prototype keys, or a hostile value instead of the whole input.
 * `slugs` are real release names: a slug field often stays valid so handlers get deeper.
 */
export function mutatedPayload(schema: z.ZodType, slugs: readonly string[]): fc.Arbitrary<unknown> {
  const skeleton = schemaSkeleton(schema);
  const base =
    skeleton && typeof skeleton === 'object' && !Array.isArray(skeleton) && 'slug' in skeleton && slugs[0] ? { ...skeleton, slug: slugs[0] } : skeleton;
  const paths = pathsOf(base);
  const mutation = fc.tuple(fc.constantFrom(...paths), hostileValue);
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((mutations) => mutations.reduce<unknown>((payload, [path, value]) => replaceAt(payload, path, value), base)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', ''), hostileValue)
        .map(([key, value]) => (base && typeof base === 'object' && !Array.isArray(base) ? withOwnKey(base as Record<string, unknown>, key, value) : value)),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}

/**
 * fast-check options that report a failure briefly: a counterexample holding a 2 MB
 * string must not flood the test output (the seed replays it in full).
 */
export function briefReport<Ts>(numRuns: number): fc.Parameters<Ts> {
  return {
    numRuns,
    reporter(details) {
      if (!details.failed) return;
      const example = fc.stringify(details.counterexample);
      const shown = example.length > 600 ? `${example.slice(0, 600)}... (${example.length} characters)` : example;
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(
        `Property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}"): ${cause.slice(0, 1_000)}\nCounterexample: ${shown}`,
        { cause: details.errorInstance },
      );
    },
  };
}
