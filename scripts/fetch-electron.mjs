#!/usr/bin/env node
// postinstall: try to download Electron's binary, and only warn when that fails.
//
// npm 11 runs no dependency install scripts unless package.json's allowScripts says so;
// ours denies electron's (its download fails on machines that reach only the npm
// registry, and would fail the whole install) and allows node-pty's native build.
// Here we try the same download ourselves: where the network allows it, `npm start`
// works; where it does not, `npm install` still succeeds and browser mode
// (`npm run web`) and the tests work.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
if (process.env.WARROOM_SKIP_ELECTRON_DOWNLOAD || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);

let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // production install without devDependencies: nothing to fetch
}
if (existsSync(join(electronDir, 'path.txt'))) process.exit(0);

const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000, encoding: 'utf8' });
if (result.status === 0 && existsSync(join(electronDir, 'path.txt'))) {
  console.log('warroom: Electron binary installed; `npm start` runs the desktop app.');
} else {
  const reason = (result.stderr || result.error?.message || 'unknown error').split('\n').find((line) => line.trim()) ?? 'unknown error';
  console.warn(`warroom: the Electron binary could not be downloaded (${reason.trim()}).`);
  console.warn('warroom: the install is fine: `npm run web` runs War Room in a browser, and `npm test` works. `npm start` needs the binary.');
}
