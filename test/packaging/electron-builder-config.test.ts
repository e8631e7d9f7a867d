import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, unknown>;

test("electron-builder.yml validates against electron-builder's own configuration schema", () => {
  const schema = require('app-builder-lib/scheme.json') as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const valid = validate(config);
  assert.equal(valid, true, JSON.stringify(validate.errors, null, 2));
  // The schema is strict about unknown keys: a misspelt option must fail.
  assert.equal(validate({ ...config, appID: 'typo' }), false);
});

test('the package targets Linux AppImage and deb, macOS dmg and Windows nsis, with node-pty outside the asar', () => {
  assert.equal(config.appId, 'dev.warroom.app');
  assert.equal(config.productName, 'War Room');
  assert.deepEqual((config.linux as { target: string[] }).target, ['AppImage', 'deb']);
  assert.deepEqual((config.mac as { target: string[] }).target, ['dmg']);
  assert.deepEqual((config.win as { target: string[] }).target, ['nsis']);
  assert.ok((config.asarUnpack as string[]).includes('node_modules/node-pty/**/*'));
  assert.equal(config.npmRebuild, true);
});

test('the Electron fuses lock the packaged binary: no RunAsNode, NODE_OPTIONS or --inspect; asar integrity checked and only the asar loaded', () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  });
  // With RunAsNode off nothing may rely on ELECTRON_RUN_AS_NODE in a packaged app: only the development branch sets it.
  const main = readFileSync(new URL('main/electron/electron-main.ts', root), 'utf8');
  assert.match(main, /app\.isPackaged \? withoutRunAsNode\(process\.env\) : \{ \.\.\.process\.env, ELECTRON_RUN_AS_NODE: '1' \}/);
});
