import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3]!,
  );
}

const NODE_BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'url',
  'util',
  'events',
  'worker_threads',
  'zlib',
  'tty',
  'dns',
  'module',
]);

test('main/core imports nothing from Electron, node-pty or an upper layer', () => {
  const offenders = sources('main/core').flatMap((file) =>
    imports(file)
      .filter(
        (spec) =>
          spec === 'electron' ||
          spec.startsWith('electron/') ||
          spec === 'node-pty' ||
          (/\/(renderer|electron|transport|api|pty)\//.test(`/${spec}/`.replace(/^\/\.\.?/, '')) &&
            spec.startsWith('.') &&
            !join(file, '..', spec).startsWith('main/core')),
      )
      .map((spec) => `${file} imports ${spec}`),
  );
  assert.deepEqual(offenders, []);
});

test('the renderer imports no Node module, no Electron, no node-pty, and nothing of main/ or preload/ but through the contract', () => {
  const offenders = sources('renderer').flatMap((file) =>
    imports(file)
      .filter((spec) => {
        if (spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]!) || spec === 'electron' || spec === 'node-pty') return true;
        if (!spec.startsWith('.')) return false;
        const target = relative(root, join(root, file, '..', spec));
        return target.startsWith('main/') || target.startsWith('preload/');
      })
      .map((spec) => `${file} imports ${spec}`),
  );
  assert.deepEqual(offenders, []);
});

test('only main/pty imports node-pty', () => {
  const offenders = [...sources('main'), ...sources('renderer'), ...sources('preload'), ...sources('contract')]
    .filter((file) => !file.startsWith('main/pty/'))
    .flatMap((file) =>
      imports(file)
        .filter((spec) => spec === 'node-pty')
        .map(() => file),
    );
  assert.deepEqual(offenders, []);
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
    sources.filter((source) => /\/main\/(api|transport|electron|pty\/(?!terminal-constants))/.test(source)),
    [],
  );
});
