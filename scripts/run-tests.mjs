#!/usr/bin/env node
// Runs the test suite with Node's own test runner (TypeScript through tsx).
// `node scripts/run-tests.mjs [unit|e2e|all] [filter]`: unit = everything under test/
// except test/e2e; e2e = test/e2e (needs `npm run build` first and Chromium).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const [kind = 'all', filter = ''] = process.argv.slice(2);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const all = walk(join(root, 'test'))
  .filter((file) => /\.test\.tsx?$/.test(file))
  .map((file) => relative(root, file))
  .sort();
const isE2e = (file) => file.startsWith('test/e2e/');
const files = all.filter((file) => (kind === 'unit' ? !isE2e(file) : kind === 'e2e' ? isE2e(file) : true)).filter((file) => file.includes(filter));

if (files.length === 0) {
  console.error(`No test files match kind=${kind} filter=${filter}`);
  process.exit(1);
}

// One run, so that the runner's closing summary counts every test. Two files at a time
// (2 cores); each file is its own process, e2e files each drive their own Chromium.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-force-exit', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, WARROOM_TEST: '1' },
});
process.exit(result.status ?? 1);
