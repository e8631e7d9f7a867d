// The bake after go-live, through the contract, against the demo release's real sandbox:
// the chosen metric gates are watched every interval for the period; the release is
// verified only when it passes; a failing gate ends it at once and opens an incident with
// the readings as evidence; a gate that cannot be read leaves it inconclusive until a
// person accepts (with a reason) or fails it; a bake goes on after a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import { releaseVerified, type Bake } from '../../contract/domain/telemetry/bake-model';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;
const ctl = new URL('../../assets/sandbox/sandboxctl.mjs', import.meta.url).pathname;

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await dispatch(services, name as never, input as never, context);
  if (!result.ok) assert.fail(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const gates = [
  { title: 'Stable error rate', metric: { source: 'sandbox', query: 'sandbox_error_ratio{version="v1"}', successCondition: 'result[0] < 0.05' } },
  { title: 'Canary error rate', metric: { source: 'sandbox', query: 'sandbox_error_ratio{version="v2"}', successCondition: 'result[0] < 0.05' } },
  { title: 'Remote p99', metric: { source: 'http://127.0.0.1:9', query: 'histogram_quantile(0.99, x)', successCondition: 'result[0] < 1' } },
];

test('bake: verified when the gates pass to the end, and it goes on after a restart', async () => {
  const workspaceDir = tempDir();
  let services = await bootServices({ workspaceDir, runtime: 'browser' });
  const [demo] = await services.workspace.list();
  const slug = demo!.slug;
  const sandbox = join((await services.release(slug)).dir, 'sandbox');
  for (const args of [['switch', 'v1'], ['start']]) assert.equal(spawnSync(process.execPath, [ctl, ...args, '--dir', sandbox]).status, 0);
  try {
    await call(services, 'poll.criteria.set', { slug, criteria: [{ title: 'Solution readiness' }, ...gates] });
    const ids = (await services.release(slug)).state.poll.criteria.filter((criterion) => criterion.metric).map((criterion) => criterion.id);

    const noGates = await dispatch(
      services,
      'telemetry.bake.start',
      { slug, durationMs: 5_000, intervalMs: 1_000, criterionIds: ['solution-readiness'] },
      context,
    );
    assert.equal(noGates.ok, false);
    if (!noGates.ok) assert.match(noGates.error.message, /solution-readiness is not a metric gate of the go\/no-go poll/);

    const started = await call<{ bakeId: string; endsAt: string }>(services, 'telemetry.bake.start', {
      slug,
      durationMs: 4_000,
      intervalMs: 1_000,
      criterionIds: [ids[0]],
    });
    assert.equal(started.bakeId, 'bake-1');
    const again = await dispatch(services, 'telemetry.bake.start', { slug, durationMs: 4_000, intervalMs: 1_000 }, context);
    assert.equal(again.ok, false, 'one bake at a time');
    let release = await services.release(slug);
    await until('a first round', () => (release.state.bake.bakes[0]!.rounds.length > 0 ? true : undefined));
    assert.equal(releaseVerified(release.state.bake), null, 'not verified while it bakes');

    // The app stops mid-bake and comes back: the bake goes on from the journal.
    await services.dispose();
    services = await bootServices({ workspaceDir, runtime: 'browser' });
    release = await services.release(slug);
    const ended = await until('the end of the bake', () => {
      const bake = release.state.bake.bakes[0]!;
      return bake.status === 'baking' ? undefined : bake;
    });
    assert.equal(ended.status, 'verified', ended.message ?? '');
    assert.ok(ended.rounds.length >= 2, `${ended.rounds.length} rounds: before and after the restart`);
    // Every round read the one gate; none failed. (On a loaded machine a reading can time out: an error round, which the bake tolerates within its unwatched limit.)
    assert.ok(
      ended.rounds.every((round) => round.readings.length === 1 && round.readings[0]!.phase !== 'failed'),
      JSON.stringify(ended.rounds.map((round) => round.readings[0]?.phase)),
    );
    assert.equal(ended.rounds.at(-1)!.readings[0]!.phase, 'successful', 'the last round passed');
    assert.match(ended.message ?? '', /^\d+ rounds over 4 s: every gate passed( \(\d+ readings? could not be made\))?$/);
    assert.equal(releaseVerified(release.state.bake)?.id, 'bake-1');
  } finally {
    spawnSync(process.execPath, [ctl, 'stop', '--dir', sandbox]);
    await services.dispose();
  }
});

test('bake: a failing gate ends it at once and opens an incident with the evidence; an unreadable gate is inconclusive until a person decides', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [demo] = await services.workspace.list();
  const slug = demo!.slug;
  const release = await services.release(slug);
  const sandbox = join(release.dir, 'sandbox');
  for (const args of [['switch', 'v1'], ['start'], ['canary', 'v2', '50']])
    assert.equal(spawnSync(process.execPath, [ctl, ...args, '--dir', sandbox]).status, 0);
  try {
    await call(services, 'poll.criteria.set', { slug, criteria: gates });
    const [stable, canary, remote] = release.state.poll.criteria.map((criterion) => criterion.id);
    const ended = (id: string) => () => {
      const bake = release.state.bake.bakes.find((candidate) => candidate.id === id);
      return bake && bake.status !== 'baking' ? bake : undefined;
    };

    await call(services, 'telemetry.bake.start', { slug, durationMs: 60_000, intervalMs: 1_000, criterionIds: [stable, canary] });
    const failed: Bake = await until('the failed bake', ended('bake-1'));
    assert.equal(failed.status, 'failed');
    // The canary's window may still be empty at the first round (no value: not a failure); the bake ends at the first failed round.
    assert.ok(failed.rounds.length < 10, `${failed.rounds.length} rounds: long before the period is over`);
    assert.ok(failed.rounds.at(-1)!.readings.some((reading) => reading.phase === 'failed'));
    assert.ok(failed.rounds.slice(0, -1).every((round) => round.readings.every((reading) => reading.phase !== 'failed')));
    assert.match(
      failed.message ?? '',
      /^gate 'Canary error rate' failed: sandbox_error_ratio\{version="v2"\} = 0\.\d+ \(successCondition result\[0\] < 0\.05 is false\)/,
    );
    const incident = release.state.incidents.incidents.find((candidate) => candidate.id === failed.incidentId);
    assert.ok(incident, `incident ${failed.incidentId}`);
    assert.equal(incident.title, 'Bake failed: Canary error rate');
    assert.match(incident.summary, /Evidence \(the readings that decided\):/);
    assert.match(incident.summary, /Canary error rate: FAILED — sandbox_error_ratio\{version="v2"\} = 0\.\d+, threshold 0\.05 on the sandbox's \/metrics/);
    assert.match(incident.summary, /Stable error rate: SUCCESSFUL — sandbox_error_ratio\{version="v1"\} = /);
    assert.equal(releaseVerified(release.state.bake), null);

    await call(services, 'telemetry.bake.start', { slug, durationMs: 2_500, intervalMs: 1_000, criterionIds: [stable, remote] });
    const inconclusive = await until('the inconclusive bake', ended('bake-2'));
    assert.equal(inconclusive.status, 'inconclusive');
    assert.match(inconclusive.message ?? '', /^at the end 'Remote p99' could not be read: Prometheus at http:\/\/127\.0\.0\.1:9 is unreachable/);
    assert.equal(releaseVerified(release.state.bake), null, 'inconclusive is never verified on its own');
    const noReason = await dispatch(services, 'telemetry.bake.decide', { slug, bakeId: 'bake-2', decision: 'accept', reason: '' }, context);
    assert.equal(noReason.ok, false);
    await call(services, 'telemetry.bake.decide', {
      slug,
      bakeId: 'bake-2',
      decision: 'accept',
      reason: 'the remote Prometheus is in maintenance; p99 checked on the vendor dashboard',
    });
    const verified = releaseVerified(release.state.bake);
    assert.equal(verified?.id, 'bake-2');
    assert.equal(verified?.decidedBy, 'Dana Okafor');
    assert.match(verified?.reason ?? '', /vendor dashboard/);
  } finally {
    spawnSync(process.execPath, [ctl, 'stop', '--dir', sandbox]);
    await services.dispose();
  }
});
