// The Electron security gate: Electronegativity over main/, preload/ and renderer/ finds
// nothing of HIGH or MEDIUM severity. Reviewed exceptions (inline `eng-disable`) are
// listed here by check, so a new one cannot slip in unseen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir';

const root = new URL('../../', import.meta.url).pathname;
const script = join(root, 'scripts', 'electronegativity.mjs');
/** Checks that were reviewed and silenced at one place, with why. */
const REVIEWED_EXCEPTIONS: Record<string, string> = {
  PRELOAD_JS_CHECK:
    'a preload is how the sandboxed renderer reaches the contract; it exposes three named functions (requests, events, terminal data channels) and no raw IPC object or MessagePort',
};

interface Summary {
  readonly atomicChecks: number;
  readonly globalChecks: number;
  readonly errors: number;
  readonly gated: number;
  readonly findings: readonly { check: string; severity: string; file: string; line?: number }[];
}

function scan(...args: string[]): { status: number | null; summary: Summary } {
  const result = spawnSync(process.execPath, [script, '--json', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const json = result.stdout.slice(result.stdout.indexOf('{'));
  return { status: result.status, summary: JSON.parse(json) as Summary };
}

test('Electronegativity finds 0 HIGH or MEDIUM issues in main/, preload/ and renderer/', { timeout: 120_000 }, () => {
  const { status, summary } = scan();
  const gated = summary.findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM');
  assert.deepEqual(gated, [], 'HIGH/MEDIUM findings');
  assert.equal(summary.errors, 0, 'files Electronegativity could not parse');
  assert.ok(summary.atomicChecks >= 30, `only ${summary.atomicChecks} checks ran`);
  assert.equal(status, 0);
});

test('the gate fails on an insecure window (it is not a gate that cannot fail)', { timeout: 120_000 }, () => {
  const folder = join(tempDir(), 'insecure');
  mkdirSync(folder);
  writeFileSync(
    join(folder, 'main.js'),
    "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
  );
  const { status, summary } = scan('--input', folder);
  assert.ok(summary.gated >= 3, `gated findings: ${summary.gated}`);
  assert.equal(status, 1);
});

test('every inline eng-disable names a reviewed check', () => {
  const silenced: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|html)$/.test(name)) {
        for (const match of readFileSync(path, 'utf8').matchAll(/eng-disable[ \t]+([\w \t]+)/g)) silenced.push(...match[1]!.trim().split(/[ \t,]+/));
      }
    }
  };
  for (const layer of ['main', 'preload', 'renderer']) walk(join(root, layer));
  for (const check of silenced) assert.ok(check in REVIEWED_EXCEPTIONS, `${check} is silenced without review`);
});
