#!/usr/bin/env node
// `npm start`: run the desktop app, or say clearly why it cannot and what works instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.error('warroom: the Electron binary is not installed (its download failed during `npm install`).');
  console.error('warroom: retry with network access: `node node_modules/electron/install.js`, or use browser mode: `npm run web`.');
  process.exit(1);
}
const electron = require('electron');
const root = new URL('..', import.meta.url).pathname;
const child = spawn(electron, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
