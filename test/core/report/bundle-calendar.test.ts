// Issue 19 item 21: the bundle carries the blackouts that applied to the release, and an
// import into a new workspace shows them as that release's blackouts (and adds no demo).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import { bootServices } from '../../../main/api/boot';
import { dispatch } from '../../../main/api/dispatch';
import { exportBundle } from '../../../main/core/report/bundle';
import { tempDir } from '../../support/temp-dir';

const cli = new URL('../../../main/cli.ts', import.meta.url).pathname;
const context = { actor: 'tester', transport: 'test' } as const;

test('a bundle carries the applying workspace blackouts; `warroom import` into a new workspace makes them the release’s own, with no demo added', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser', seedDemo: false });
  const created = await dispatch(
    services,
    'release.create',
    { definition: { name: 'Payments 7.1', version: '7.1.0', mode: 'rehearsal', zone: 'Europe/Berlin', goLive: '2026-12-22T22:00:00+01:00' } },
    context,
  );
  assert.equal(created.ok, true, JSON.stringify(created));
  const freeze = { kind: 'once', start: '2026-12-20T00:00', end: '2027-01-02T00:00', zone: 'Europe/Berlin' };
  for (const input of [
    { title: 'Year-end freeze', scope: { kind: 'all' }, rule: freeze },
    { title: 'Ledger migration', scope: { kind: 'service', service: 'ledger-db' }, rule: freeze },
  ]) {
    const added = await dispatch(services, 'calendar.addBlackout', input, context);
    assert.equal(added.ok, true, JSON.stringify(added));
  }
  const [listing] = await services.workspace.list();
  const release = await services.release(listing!.slug);
  const bundle = join(tempDir(), 'bundle.tar.gz');
  await exportBundle(release.dir, release.slug, bundle);
  await services.dispose();

  const entries: string[] = [];
  await tar.t({ file: bundle, onReadEntry: (entry) => entries.push(entry.path) });
  assert.ok(entries.includes(`${listing!.slug}/calendar-snapshot.json`), entries.join(', '));

  const target = join(tempDir(), 'new-workspace');
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, 'import', bundle, '--workspace', target], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /1 blackout\(s\) of the bundle's calendar snapshot added/);

  const opened = await bootServices({ workspaceDir: target, runtime: 'browser' });
  const releases = await opened.workspace.list();
  assert.deepEqual(
    releases.map((entry) => entry.name),
    ['Payments 7.1'],
    'the imported release only: no demo release was added to the new workspace',
  );
  assert.deepEqual(readdirSync(join(target, 'releases')), [releases[0]!.slug]);
  const imported = await opened.release(releases[0]!.slug);
  assert.deepEqual(
    imported.state.schedule.blackouts.map((blackout) => blackout.title),
    ['Year-end freeze'],
  );
  const status = await dispatch(opened, 'schedule.status', { slug: imported.slug }, context);
  assert.equal(status.ok, true, JSON.stringify(status));
  const findings = (status as { value: { findings: { rule: string; message?: string; title?: string }[] } }).value.findings;
  assert.ok(
    findings.some((finding) => finding.rule === 'blackout' && JSON.stringify(finding).includes('Year-end freeze')),
    JSON.stringify(findings),
  );
  await opened.dispose();
});
