import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './support/temp-dir';

const root = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Run dependency-cruiser with the repository's layer table on `folders` under `cwd`; the violations it reports. */
function cruise(cwd: string, folders: readonly string[]): { rule: string; from: string; to: string }[] {
  const result = spawnSync(process.execPath, [DEPCRUISE, ...folders, '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.ok(result.stdout, `depcruise printed nothing (exit ${result.status}): ${result.stderr}`);
  const output = JSON.parse(result.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((violation) => ({ rule: violation.rule.name, from: violation.from, to: violation.to }));
}

const DEPCRUISE = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

test('the repository keeps the layer table (.dependency-cruiser.cjs): no upward import, no cycle, core free of Electron', () => {
  assert.deepEqual(cruise(root, ['main', 'contract', 'renderer', 'preload', 'bench', 'test', 'scripts']), []);
});

test('the layer check fails on a tree that breaks the table, naming each rule broken', () => {
  const dir = tempDir('warroom-layers-');
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }),
    // The contract imports core: the contract is the bottom layer.
    'contract/models.ts': "import type { Thing } from '../main/core/things/thing';\nexport type Model = Thing;\n",
    'main/core/things/thing.ts': "import { app } from 'electron';\nexport interface Thing { readonly name: string }\nexport const ready = app;\n",
    // An area imports the assembly that imports it back: a cycle, and an area above the assembly.
    'main/core/checklist/reducer.ts': "import { replay } from '../release/release-state';\nexport const reduce = (): number => replay();\n",
    'main/core/release/release-state.ts': "import { reduce } from '../checklist/reducer';\nexport const replay = (): number => reduce();\n",
    // core imports the api above it.
    'main/core/things/uses-api.ts': "import { handle } from '../../api/handlers';\nexport const used = handle;\n",
    'main/api/handlers.ts': 'export const handle = 1;\n',
    // The renderer imports Node and main/ directly.
    'renderer/src/view.ts':
      "import { readFileSync } from 'node:fs';\nimport { handle } from '../../main/api/handlers';\nexport const view = [readFileSync, handle];\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const broken = new Set(cruise(dir, ['main', 'contract', 'renderer']).map((violation) => `${violation.rule}: ${violation.from} -> ${violation.to}`));
  for (const expected of [
    'layer-contract: contract/models.ts -> main/core/things/thing.ts',
    'electron-only-in-the-shell: main/core/things/thing.ts -> electron',
    'no-circular: main/core/checklist/reducer.ts -> main/core/release/release-state.ts',
    'areas-below-the-assembly: main/core/checklist/reducer.ts -> main/core/release/release-state.ts',
    'layer-core: main/core/things/uses-api.ts -> main/api/handlers.ts',
    'renderer-in-the-sandbox: renderer/src/view.ts -> fs',
    'layer-renderer: renderer/src/view.ts -> main/api/handlers.ts',
  ]) {
    assert.ok(broken.has(expected), `expected "${expected}" among:\n${[...broken].join('\n')}`);
  }
});

test('raw ipcMain / ipcRenderer appear only in the transport and the preload', () => {
  const allowed = new Set(['main/transport/ipc-main.ts', 'main/electron/electron-main.ts', 'preload/preload.ts']);
  const offenders = [...sources('main'), ...sources('renderer'), ...sources('preload')].filter(
    (file) => !allowed.has(file) && /\bipc(Main|Renderer)\b/.test(readFileSync(join(root, file), 'utf8')),
  );
  assert.deepEqual(offenders, []);
});

test('the built renderer carries no zod and no Node-side module (schemas are validated in main)', (context) => {
  const assets = join(root, 'dist', 'renderer', 'assets');
  let maps: string[];
  try {
    maps = readdirSync(assets).filter((name) => name.endsWith('.js.map'));
  } catch {
    context.skip('dist/renderer is not built (npm test builds it first)');
    return;
  }
  const sources = maps.flatMap((name) => (JSON.parse(readFileSync(join(assets, name), 'utf8')) as { sources: string[] }).sources);
  assert.ok(sources.length > 0);
  assert.deepEqual(
    sources.filter((source) => /node_modules\/(zod|yaml|lowdb|node-pty|ws|csv-parse|ical\.js)\//.test(source)),
    [],
  );
  assert.deepEqual(
    sources.filter((source) => /\/main\/(core|api|transport|electron|pty|cli)\//.test(source)),
    [],
  );
});
