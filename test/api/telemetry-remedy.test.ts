// The three remedies through the contract: a reason is required, each is journaled as a
// decision; "switch the feature off" flips the sandbox's flag (state before and after),
// and is refused with a way forward where War Room can reach no flag service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import { healthBoard } from '../../contract/health-board';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;
const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;

test('remedies: reason required, journaled as decisions; the flag flip shows before and after; no flag service, a clear refusal', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [demo] = await services.workspace.list();
  const release = await services.release(demo!.slug);
  const sandbox = join(release.dir, 'sandbox');
  try {
    assert.equal(spawnSync(process.execPath, [ctl, 'start', '--dir', sandbox]).status, 0);
    const noReason = await dispatch(services, 'telemetry.remedy', { slug: demo!.slug, remedy: 'roll-back', reason: ' ' }, context);
    assert.equal(noReason.ok, false);
    if (!noReason.ok) assert.match(noReason.error.message, /reason/);

    const flipped = await dispatch(services, 'telemetry.remedy', { slug: demo!.slug, remedy: 'flag-off', reason: 'pricing cache storms' }, context);
    assert.ok(flipped.ok, flipped.ok ? '' : flipped.error.message);
    if (flipped.ok) {
      const value = flipped.value as { note: string; flag: { name: string; before: boolean; after: boolean } };
      assert.deepEqual(value.flag, { name: 'new-pricing-cache', before: true, after: false });
      assert.equal(value.note, 'Remedy: Switch the feature off: pricing cache storms (flag new-pricing-cache: on -> off)');
    }
    const metrics = spawnSync(process.execPath, [ctl, 'metrics', '--dir', sandbox], { encoding: 'utf8' }).stdout;
    assert.match(metrics, /sandbox_feature_flag\{flag="new-pricing-cache"\} 0/);
    await dispatch(services, 'telemetry.remedy', { slug: demo!.slug, remedy: 'fix-forward', reason: 'patch 4.2.1 is in review' }, context);
    const notes = release.state.notes.filter((note) => note.text.startsWith('Remedy: '));
    assert.deepEqual(
      notes.map((note) => [note.kind, note.actor]),
      [
        ['decision', 'Dana Okafor'],
        ['decision', 'Dana Okafor'],
      ],
    );
    assert.deepEqual(
      healthBoard(release.state).remedies.map((remedy) => remedy.text),
      ['Switch the feature off: pricing cache storms (flag new-pricing-cache: on -> off)', 'Fix forward: patch 4.2.1 is in review'],
    );

    const created = await dispatch(
      services,
      'release.create',
      { definition: { name: 'Billing 7', mode: 'live', goLive: DateTime.now().plus({ hours: 1 }).toISO(), zone: 'Europe/Berlin' } },
      context,
    );
    assert.ok(created.ok);
    const refused = await dispatch(
      services,
      'telemetry.remedy',
      { slug: (created.value as { slug: string }).slug, remedy: 'flag-off', reason: 'cache storms' },
      context,
    );
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.match(refused.error.message, /no flag service War Room can reach: switch the flag off in your flag service/);
  } finally {
    spawnSync(process.execPath, [ctl, 'stop', '--dir', sandbox]);
  }
});
