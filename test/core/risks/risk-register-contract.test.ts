import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;

/** Runtime (non-type) imports of a file: what the renderer's bundle would pull in. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^'";]*?from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
}

test('the risk rules the renderer shares import no Node module, zod or csv-parse', () => {
  const seen = new Set<string>();
  const external: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith('.')) {
        external.push(`${file} imports ${spec}`);
        continue;
      }
      const target = relative(root, join(root, dirname(file), spec));
      visit(existsSync(join(root, `${target}.ts`)) ? `${target}.ts` : `${target}/index.ts`);
    }
  };
  visit('contract/risk-register.ts');
  assert.deepEqual(external, []);
  assert.ok(seen.has('contract/domain/risks/risks-queries.ts'));
});
