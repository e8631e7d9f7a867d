import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceTargets, targetLibraryFile } from '../../../main/core/workspace/workspace-targets';
import { tempDir } from '../../support/temp-dir';

const prodEu = {
  id: 'prod-eu',
  name: 'prod-eu',
  environment: 'production',
  command: 'kubectl',
  args: ['--context', 'prod-eu', 'exec', '-it', 'deploy/api', '--', 'sh'],
  env: { KUBECONFIG: '/home/rm/.kube/prod' },
} as const;

test('saved targets are on disk when save resolves, replace by id, and survive a reopen', async () => {
  const dir = tempDir();
  const library = await WorkspaceTargets.open(targetLibraryFile(dir));
  const heard: number[] = [];
  library.onChange(() => heard.push(library.list().length));
  await library.save('alice', { ...prodEu, args: [...prodEu.args], env: { ...prodEu.env } });
  const onDisk = JSON.parse(readFileSync(targetLibraryFile(dir), 'utf8')) as { targets: { id: string; savedBy: string }[] };
  assert.deepEqual(
    onDisk.targets.map((target) => [target.id, target.savedBy]),
    [['prod-eu', 'alice']],
  );
  await library.save('bob', { ...prodEu, args: [], env: {}, name: 'prod-eu (renamed)' });
  await library.save('bob', { id: 'bastion', name: 'bastion', environment: 'staging', command: 'ssh', args: ['bastion.example'], env: {} });
  assert.deepEqual(heard, [1, 1, 2]);

  const reopened = await WorkspaceTargets.open(targetLibraryFile(dir));
  assert.deepEqual(
    reopened.list().map((target) => [target.id, target.name, target.savedBy]),
    [
      ['bastion', 'bastion', 'bob'],
      ['prod-eu', 'prod-eu (renamed)', 'bob'],
    ],
  );
  await reopened.remove('bastion');
  await assert.rejects(reopened.remove('bastion'), /no target 'bastion'/);
  assert.deepEqual(
    (await WorkspaceTargets.open(targetLibraryFile(dir))).list().map((target) => target.id),
    ['prod-eu'],
  );
});

test('a bad target is refused with its field, and nothing is written', async () => {
  const dir = tempDir();
  const library = await WorkspaceTargets.open(targetLibraryFile(dir));
  const before = readFileSync(targetLibraryFile(dir), 'utf8');
  await assert.rejects(library.save('alice', { ...prodEu, id: 'Prod EU!', args: [], env: {} }), (error: Error & { locations?: { field?: string }[] }) => {
    assert.match(error.message, /'target\.id'/);
    assert.equal(error.locations?.[0]?.field, 'target.id');
    return true;
  });
  assert.equal(readFileSync(targetLibraryFile(dir), 'utf8'), before);
});

test('an unreadable library is moved aside, named in a warning, and an empty one starts', async () => {
  const dir = tempDir();
  writeFileSync(targetLibraryFile(dir), '{"format":1,"targets":[{"id":"x"}]}');
  const library = await WorkspaceTargets.open(targetLibraryFile(dir));
  assert.deepEqual(library.list(), []);
  assert.equal(library.warnings.length, 1);
  assert.match(library.warnings[0]!, /targets\.json could not be read: it is not a War Room target library \(targets\.0\.name/);
  const aside = readdirSync(dir).filter((name) => name.startsWith('targets.json.') && name !== 'targets.json');
  assert.equal(aside.length, 1, readdirSync(dir).join(', '));
  assert.ok(library.warnings[0]!.includes(join(dir, aside[0]!)));
  assert.ok(existsSync(targetLibraryFile(dir)));
});
