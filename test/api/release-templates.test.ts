import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import type { RequestName, RequestOutput } from '../../contract/requests';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'tester', transport: 'test' } as const;

async function call<Name extends RequestName>(services: Services, name: Name, input: unknown): Promise<RequestOutput<Name>> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as RequestOutput<Name>;
}

const definition = { name: 'Payments 7.3', mode: 'live', goLive: '2026-12-01T22:00:00+01:00', zone: 'Europe/Berlin' };

test('the built-in checklist templates are offered, go-live first, with their size', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const templates = await call(services, 'checklist.templates.builtin', {});
  assert.deepEqual(
    templates.map((template) => template.id),
    ['go-live', 'demo-rehearsal'],
  );
  assert.equal(templates[0]!.name, 'Go-live');
  assert.ok(templates[0]!.items >= 10 && templates[0]!.phases >= 3, JSON.stringify(templates[0]));
  await services.dispose();
});

test('a release created from a built-in template starts with its checklist, journaled; an unknown one creates nothing', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [goLive] = await call(services, 'checklist.templates.builtin', {});
  const created = await call(services, 'release.create', { definition, template: 'go-live' });
  const release = await services.release(created.slug);
  assert.equal(Object.keys(release.state.checklist.items).length, goLive!.items);
  assert.equal(release.state.checklist.phases.length, goLive!.phases);
  assert.deepEqual(
    release.state.checklist.templates.map((template) => [template.name, template.file, template.appliedBy]),
    [['Go-live', 'go-live.yaml', 'tester']],
  );
  const before = (await services.workspace.list()).length;
  const unknown = await dispatch(services, 'release.create', { definition: { ...definition, name: 'Other' }, template: 'nope' }, context);
  assert.equal(unknown.ok, false);
  if (!unknown.ok) assert.match(unknown.error.message, /no built-in checklist template 'nope'; the built-in ones are: .*go-live/);
  const climbing = await dispatch(services, 'release.create', { definition: { ...definition, name: 'Other' }, template: '../../etc/passwd' }, context);
  assert.equal(climbing.ok, false);
  assert.equal((await services.workspace.list()).length, before, 'no release was created');
  await services.dispose();
});
