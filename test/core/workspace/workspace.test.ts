import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../main/core/workspace/workspace';
import { resolveWorkspaceDir } from '../../../main/core/workspace/workspace-location';
import { slugify, uniqueSlug } from '../../../contract/domain/workspace/slug';
import { createReleaseEvents } from '../../../contract/domain/release/release-meta';
import { bootServices } from '../../../main/api/boot';
import { verifyJournalBytes } from '../../../main/core/journal/verify-journal';
import { tempDir } from '../../support/temp-dir';

const definition = { name: 'Search 2.0', version: '2.0', mode: 'rehearsal' as const, description: '', goLive: '2026-12-01T10:00:00Z', zone: 'UTC' };

test('the workspace folder is --workspace, else WARROOM_HOME, else ~/.warroom', () => {
  assert.equal(resolveWorkspaceDir('/tmp/flag', { WARROOM_HOME: '/tmp/env' }, '/home/x'), '/tmp/flag');
  assert.equal(resolveWorkspaceDir(undefined, { WARROOM_HOME: '/tmp/env' }, '/home/x'), '/tmp/env');
  assert.equal(resolveWorkspaceDir(undefined, {}, '/home/x'), '/home/x/.warroom');
});

test('slugs are safe folder names whatever the release is called', () => {
  assert.equal(slugify('Checkout 4.2 (demo)'), 'checkout-4-2-demo');
  assert.equal(slugify('../../etc/passwd'), 'etc-passwd');
  assert.equal(slugify('Zoë’s release'), 'zoe-s-release');
  assert.equal(slugify('東京'), 'release');
  assert.equal(uniqueSlug('a', new Set(['a', 'a-2'])), 'a-3');
});

test('first start seeds a demo release in rehearsal mode with a sandbox target, and it verifies', async () => {
  const dir = tempDir();
  const services = await bootServices({ workspaceDir: dir, runtime: 'browser' });
  const list = await services.workspace.list();
  assert.equal(list.length, 1);
  assert.equal(list[0]!.mode, 'rehearsal');
  const release = await services.release(list[0]!.slug);
  assert.equal(release.state.meta?.targets[0]?.environment, 'sandbox');
  assert.ok(readdirSync(join(release.dir, 'sandbox')).includes('current'));
  assert.equal(Object.keys(release.state.checklist.items).length, 7, 'a short checklist');
  assert.equal(release.state.risks.risks.length, 3, 'three risks');
  assert.ok(readdirSync(release.paths.playbooks).includes('demo-rollback.yaml'), 'the rollback playbook');
  assert.equal(release.state.poll.participants.length, 4);
  assert.equal(verifyJournalBytes(readFileSync(join(release.dir, 'journal.jsonl'))).ok, true);
  await services.dispose();
  const again = await bootServices({ workspaceDir: dir, runtime: 'browser' });
  assert.equal((await again.workspace.list()).length, 1, 'the demo is seeded once, on first start only');
  await again.dispose();
});

test('a corrupt workspace.json is moved aside and named', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'workspace.json'), 'not json at all');
  const workspace = await Workspace.open(dir);
  assert.equal(workspace.warnings.length, 1);
  assert.match(workspace.warnings[0]!, /workspace\.json could not be read: it is not valid JSON/);
  assert.ok(readdirSync(dir).some((name) => name.startsWith('workspace.json.corrupt-')));
  await workspace.close();
});

test('a release whose journal does not verify stays listed with its error, untouched', async () => {
  const dir = tempDir();
  const workspace = await Workspace.open(dir);
  const release = await workspace.create(definition.name, 'x', createReleaseEvents(definition, []));
  await release.execute('x', () => [{ type: 'note.added', data: { kind: 'note', text: 'kumquat' } }]);
  await workspace.close();
  const journal = join(release.dir, 'journal.jsonl');
  writeFileSync(journal, readFileSync(journal, 'utf8').replace('kumquat', 'tangelo'));
  const reopened = await Workspace.open(dir);
  const [listing] = await reopened.list();
  assert.match(listing!.error ?? '', /does not verify at seq 2/);
  assert.equal(readFileSync(journal, 'utf8').includes('tangelo'), true);
  await reopened.close();
});

test('names that are not slugs are refused before touching the disk', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'releases'), { recursive: true });
  const workspace = await Workspace.open(dir);
  await assert.rejects(workspace.get('../../etc'), /is not a release name/);
  await assert.rejects(workspace.get('missing'), /There is no release "missing"/);
  await workspace.close();
});
