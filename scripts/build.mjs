#!/usr/bin/env node
// Builds the three processes: main (ESM, Node platform), the sandboxed preload (CommonJS:
// a sandboxed preload cannot be an ES module), and the renderer (Vite).
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist`, { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

await esbuild({
  ...common,
  // The recording thread is its own entry: a worker starts from a file (main/pty/recording-thread.ts).
  entryPoints: { cli: 'main/cli.ts', 'electron-main': 'main/electron/electron-main.ts', 'recording-worker': 'main/pty/recording-worker.ts' },
  outdir: 'dist/main',
  format: 'esm',
  packages: 'external',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

await esbuild({
  ...common,
  entryPoints: ['preload/preload.ts'],
  outfile: 'dist/preload/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});

await vite({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
console.log('built dist/main, dist/preload, dist/renderer');
