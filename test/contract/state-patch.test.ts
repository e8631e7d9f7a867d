// The live delta's patches (contract/release-delta.ts): found by reference checks, they
// rebuild exactly the new value, share what did not change, and stay small when a long
// list grows by one (a bake's rounds, a run's measurements).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyStatePatch, statePatch } from '../../contract/release-delta';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An immutable edit at a random place, sharing everything else (as reducers do). */
function edit(value: Json, choices: readonly number[], replacement: Json, depth = 0): Json {
  const choice = choices[depth] ?? 0;
  if (Array.isArray(value)) {
    if (value.length === 0 || choice % 4 === 0) return [...value, replacement];
    if (choice % 4 === 1) return value.filter((_item, index) => index !== choice % value.length);
    const at = choice % value.length;
    return value.map((item, index) => (index === at ? edit(item, choices, replacement, depth + 1) : item));
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0 || choice % 4 === 0) return { ...value, [`k${choice}`]: replacement };
    const key = keys[choice % keys.length]!;
    if (choice % 4 === 1) {
      const { [key]: _gone, ...rest } = value;
      return rest;
    }
    return { ...value, [key]: edit(value[key]!, choices, replacement, depth + 1) };
  }
  return replacement;
}

test('any edit of any JSON value: the patch rebuilds the new value exactly, and what it did not touch is the same object', () => {
  fc.assert(
    fc.property(
      fc.jsonValue({ maxDepth: 5 }),
      fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }),
      fc.jsonValue({ maxDepth: 2 }),
      (before, choices, replacement) => {
        const after = edit(before as Json, choices, replacement as Json);
        const patch = statePatch(before, after);
        if (patch === null) {
          assert.equal(after, before);
          return;
        }
        const rebuilt = applyStatePatch(before, patch);
        assert.deepEqual(rebuilt, after);
        // As the page gets it: through JSON.
        const overTheWire = applyStatePatch(JSON.parse(JSON.stringify(before)), JSON.parse(JSON.stringify(patch)) as typeof patch);
        assert.deepEqual(JSON.parse(JSON.stringify(overTheWire)), JSON.parse(JSON.stringify(after)));
        // Sharing: an unchanged member of a changed record is the old object itself.
        if (
          rebuilt !== null &&
          typeof rebuilt === 'object' &&
          !Array.isArray(rebuilt) &&
          before !== null &&
          typeof before === 'object' &&
          !Array.isArray(before)
        ) {
          for (const [key, value] of Object.entries(after as Record<string, Json>)) {
            if (typeof value === 'object' && value !== null && (before as Record<string, Json>)[key] === value)
              assert.equal((rebuilt as Record<string, Json>)[key], value);
          }
        }
      },
    ),
    { numRuns: 2000 },
  );
});

test('a round appended to a bake of 1,920 rounds is a patch of one round, not of the bake', () => {
  const round = (index: number) => ({
    at: `2026-06-02T20:${String(index % 60).padStart(2, '0')}:00Z`,
    readings: Array.from({ length: 10 }, (_unused, gate) => ({ gate, value: index * gate })),
  });
  const bake = { id: 'B-1', status: 'baking', rounds: Array.from({ length: 1920 }, (_unused, index) => round(index)) };
  const before = { bakes: [bake] };
  const after = { bakes: [{ ...bake, rounds: [...bake.rounds, round(1920)] }] };
  const patch = statePatch(before, after);
  assert.ok(patch);
  assert.ok(JSON.stringify(patch).length < 1_000, `the patch is ${JSON.stringify(patch).length} bytes`);
  assert.ok(JSON.stringify(after).length > 500_000);
  assert.deepEqual(applyStatePatch(before, patch), after);
});

test('keys people typed, like __proto__, stay plain data through a patch', () => {
  const before = { items: {} as Record<string, unknown> };
  const items: Record<string, unknown> = {};
  Object.defineProperty(items, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  const after = { items };
  const wire = JSON.parse(JSON.stringify(statePatch(before, after))) as NonNullable<ReturnType<typeof statePatch>>;
  const rebuilt = applyStatePatch(before, wire) as { items: Record<string, unknown> };
  assert.equal(Object.getPrototypeOf(rebuilt.items), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(rebuilt.items, '__proto__')?.value, { polluted: true });
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('an optional field set to undefined or back, as reducers do, survives the wire (JSON drops undefined)', () => {
  const before = { runs: [{ id: 'r1', steps: [{ id: 's1', failure: { message: 'boom' }, output: ['a'] }] }] };
  const cleared = { runs: [{ ...before.runs[0]!, steps: [{ ...before.runs[0]!.steps[0]!, failure: undefined, output: ['a', 'b'] }] }] };
  const wire = (patch: ReturnType<typeof statePatch>) => JSON.parse(JSON.stringify(patch)) as NonNullable<ReturnType<typeof statePatch>>;
  const rebuilt = applyStatePatch(before, wire(statePatch(before, cleared))) as typeof cleared;
  assert.deepEqual(JSON.parse(JSON.stringify(rebuilt)), JSON.parse(JSON.stringify(cleared)));
  assert.deepEqual(rebuilt.runs[0]!.steps[0]!.output, ['a', 'b']);
  assert.equal('failure' in rebuilt.runs[0]!.steps[0]!, false);
  const again = applyStatePatch(rebuilt, wire(statePatch(cleared, before))) as typeof before;
  assert.deepEqual(again, before);
  // A list item that became undefined travels as {} and comes back undefined.
  assert.deepEqual(applyStatePatch([1, 2], wire(statePatch([1, 2], [1, undefined]))), [1, undefined]);
});
