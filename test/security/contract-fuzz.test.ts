// Every request of the contract, fed malformed payloads through `dispatch` (the one entry
// point behind IPC and the WebSocket): no exception escapes, every answer is a typed
// error, and nothing on disk changes. Requests are read from `requestDefinitions`, so a
// request added to the contract is fuzzed without touching this file.
// Default: WARROOM_FUZZ_RUNS payloads per request, 1,000 by default (about 0.5 s a request here).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { z } from 'zod';
import { requestDefinitions } from '../../contract/requests';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import { tempDir } from '../support/temp-dir';
import { briefReport, mutatedPayload } from './support/hostile-values';
import { describeChanges, treeFingerprint } from './support/workspace-hash';

const runs = Number(process.env['WARROOM_FUZZ_RUNS'] ?? 1000);
const workspaceDir = tempDir();
const services = await bootServices({ workspaceDir, runtime: 'browser' });
after(() => services.dispose());

// Open every release once and let its release.json settle, so the baseline is stable.
const slugs = (await services.workspace.list()).map((listing) => listing.slug);
for (const slug of slugs) await (await services.release(slug)).flush();

const escaped: unknown[] = [];
process.on('uncaughtException', (error) => escaped.push(error));
process.on('unhandledRejection', (error) => escaped.push(error));
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

for (const [name, definition] of Object.entries(requestDefinitions)) {
  const schema = definition.input as z.ZodType;
  test(`${name}: ${runs} malformed payloads are refused with a typed error and change nothing on disk`, { timeout: 120_000 }, async () => {
    const before = treeFingerprint(workspaceDir);
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        mutatedPayload(schema, slugs).filter((payload) => !schema.safeParse(payload ?? {}).success),
        async (payload) => {
          const result = await dispatch(services, name, payload, { actor: 'fuzz', transport: 'test' });
          assert.equal(typeof result, 'object');
          assert.equal(result.ok, false, 'a malformed payload was accepted');
          if (!result.ok) {
            assert.equal(result.error.code, 'invalid-input');
            assert.equal(result.error.request, name);
            assert.ok(result.error.message.length < 2_000, 'the message stays readable (no echo of a huge payload)');
          }
          assert.equal(Object.getOwnPropertyNames(Object.prototype).sort().join(), prototypeKeys, 'Object.prototype was changed');
          assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype was polluted');
          refused += 1;
        },
      ),
      briefReport(runs),
    );
    assert.equal(refused, runs);
    const changes = describeChanges(before, treeFingerprint(workspaceDir));
    assert.deepEqual(changes, [], `malformed ${name} payloads changed the workspace`);
    assert.deepEqual(escaped, [], 'an exception or rejection escaped');
  });
}

test('unknown request names and non-string names are refused without touching disk', async () => {
  const before = treeFingerprint(workspaceDir);
  for (const name of [
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '',
    'release.list ',
    'RELEASE.LIST',
    42,
    null,
    undefined,
    {},
    ['release.list'],
    'x'.repeat(100_000),
  ]) {
    const result = await dispatch(services, name, {}, { actor: 'fuzz', transport: 'test' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'invalid-request');
  }
  assert.deepEqual(describeChanges(before, treeFingerprint(workspaceDir)), []);
});

test('an error never echoes a huge payload back: 10,000 unknown keys or a 2 MB key give a short message', async () => {
  const manyKeys = Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`key${index}`, index]));
  const hugeKey = { ['k'.repeat(2_000_000)]: 1 };
  for (const [name, input] of [
    ['release.list', manyKeys],
    ['release.list', hugeKey],
    ['release.get', { slug: 's'.repeat(2_000_000) }],
  ] as const) {
    const result = await dispatch(services, name, input, { actor: 'fuzz', transport: 'test' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.ok(result.error.message.length < 2_000, `${name}: ${result.error.message.length} characters`);
  }
});
