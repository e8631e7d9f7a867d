#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security linter) over the sources of main/,
// preload/ and renderer/, as the CI gate: 0 findings of HIGH or MEDIUM severity.
// It exits 0 even when it finds issues, so this script counts them and sets the code.
// Excluded: AvailableSecurityFixesGlobalCheck (it downloads Electron's release list: no
// network on our machines; the Electron version is pinned in package.json instead).
// Usage: node scripts/electronegativity.mjs [--json] [--input DIR]   (exit 1 when the gate fails;
// --input scans another folder instead of the three layers: the tests prove the gate can fail)
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const GATED_SEVERITIES = new Set(['HIGH', 'MEDIUM']);

// One folder holding the three layers (without node_modules or build output), plus a
// package.json that names the Electron version, so version-dependent checks run offline.
const staging = mkdtempSync(join(tmpdir(), 'warroom-electronegativity-'));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const electronVersion = String(packageJson.devDependencies?.electron ?? '').replace(/^[^\d]*/, '');
try {
  const inputIndex = process.argv.indexOf('--input');
  const layers = inputIndex > 0 ? [[process.argv[inputIndex + 1], 'input']] : ['main', 'preload', 'renderer'].map((layer) => [join(root, layer), layer]);
  for (const [source, name] of layers) {
    cpSync(source, join(staging, name), { recursive: true, filter: (path) => !/[\\/](node_modules|dist)([\\/]|$)/.test(path) });
  }
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'warroom-scan', devDependencies: { electron: electronVersion } }));
  // The translations are fetched with a 1 s timeout and fall back to the bundled ones.
  const run = require('@doyensec/electronegativity').default ?? require('@doyensec/electronegativity');
  const silence = console.log;
  console.log = () => undefined;
  let result;
  try {
    result = await run({ input: staging, excludeFromScan: EXCLUDED_CHECKS, electronVersionOverride: electronVersion, isRelative: true }, false);
  } finally {
    console.log = silence;
  }
  const findings = result.issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity?.name ?? String(issue.severity),
    confidence: issue.confidence?.name ?? String(issue.confidence),
    file: String(issue.file).replace(staging + '/', ''),
    line: issue.location?.line,
    description: issue.description,
  }));
  const gated = findings.filter((finding) => GATED_SEVERITIES.has(finding.severity));
  const summary = {
    electronVersion,
    atomicChecks: result.atomicChecks,
    globalChecks: result.globalChecks,
    errors: result.errors.length,
    findings,
    gated: gated.length,
  };
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    for (const finding of findings) process.stdout.write(`${finding.severity.padEnd(13)} ${finding.check} ${finding.file}:${finding.line ?? '?'}\n`);
    process.stdout.write(
      `electronegativity: ${result.atomicChecks} atomic + ${result.globalChecks} global checks, ${findings.length} findings, ${gated.length} HIGH/MEDIUM\n`,
    );
  }
  process.exitCode = gated.length === 0 && result.errors.length === 0 ? 0 : 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
