import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { CallContext, Services } from '../../main/api/services';
import type { ReleaseTrains } from '../../contract/domain/plan/trains-views';
import type { GateVerdict } from '../../main/core/go-no-go/poll-gates';
import { tempDir } from '../support/temp-dir';

const host = { actor: 'Dana Okafor', transport: 'test' } as const;

async function call<T>(services: Services, name: string, input: unknown, context: CallContext = host): Promise<T> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function refusal(services: Services, name: string, input: unknown): Promise<string> {
  const result = await dispatch(services, name, input, host);
  assert.equal(result.ok, false, `${name} should be refused`);
  return result.ok ? '' : result.error.message;
}

/** The same database cluster under each release's own target name: the same place. */
const sharedDb = { id: 'db', name: 'Core DB', environment: 'production', command: 'ssh', args: ['db-1.prod'] };

async function create(services: Services, name: string, goLive: string): Promise<string> {
  const created = await call<{ slug: string }>(services, 'release.create', {
    definition: { name, mode: 'live', goLive, zone: 'Europe/Berlin' },
    targets: [sharedDb],
  });
  return created.slug;
}

test('releases on one calendar: a release starts after another, its go/no-go holds until that one is verified, a cycle is refused by name, and it survives a restart', async () => {
  const workspaceDir = tempDir();
  let services = await bootServices({ workspaceDir, runtime: 'browser' });
  let identity = '';
  let payments = '';
  try {
    identity = await create(services, 'Identity 2.1', '2026-12-15T21:00:00+01:00');
    payments = await create(services, 'Payments 7.3', '2026-12-15T22:00:00+01:00');
    await call(services, 'plan.set-release-dependencies', { slug: payments, afterReleases: [identity] });

    const trains = await call<ReleaseTrains>(services, 'plan.trains', { slug: payments });
    const mine = trains.releases.find((release) => release.slug === payments)!;
    const theirs = trains.releases.find((release) => release.slug === identity)!;
    assert.ok(mine.window && theirs.window, 'both windows resolve');
    assert.deepEqual(
      mine.after.map((after) => [after.name, after.verified]),
      [['Identity 2.1', false]],
    );
    assert.match(mine.after[0]!.why, /no GO decided yet; \d+ of \d+ checklist items open|no GO decided yet; no checklist items/);
    // Both change the same database in overlapping windows: each sees the other, as a conflict that holds a GO.
    assert.ok(
      mine.conflicts.some((conflict) => conflict.rule === 'target-overlap' && conflict.message.includes('Identity 2.1') && conflict.blocking),
      JSON.stringify(mine.conflicts),
    );
    assert.ok(theirs.conflicts.some((conflict) => conflict.rule === 'target-overlap' && conflict.message.includes('Payments 7.3')));
    // Sorted by window start: Identity (21:00) before Payments (22:00).
    assert.ok(trains.releases.findIndex((release) => release.slug === identity) < trains.releases.findIndex((release) => release.slug === payments));

    const gates = await call<GateVerdict>(services, 'poll.gates', { slug: payments });
    const blocker = JSON.stringify(gates);
    assert.match(blocker, /Payments 7\.3 starts after Identity 2\.1 is verified: no GO decided yet/);
    const otherGates = JSON.stringify(await call<GateVerdict>(services, 'poll.gates', { slug: identity }));
    assert.doesNotMatch(otherGates, /starts after/, 'the release waited for is not held by it');

    assert.match(
      await refusal(services, 'plan.set-release-dependencies', { slug: identity, afterReleases: [payments] }),
      /cycle, (Identity 2\.1 -> Payments 7\.3 -> Identity 2\.1|Payments 7\.3 -> Identity 2\.1 -> Payments 7\.3)/,
    );
    assert.match(
      await refusal(services, 'plan.set-release-dependencies', { slug: payments, afterReleases: [payments] }),
      /Payments 7\.3 cannot start after itself/,
    );
    assert.match(
      await refusal(services, 'plan.set-release-dependencies', { slug: payments, afterReleases: ['nowhere-1'] }),
      /afterReleases\.0: no release 'nowhere-1'/,
    );

    const journal = await call<{ events: { type: string; data: unknown }[] }>(services, 'journal.page', { slug: payments, limit: 500 }).catch(() => null);
    if (journal) assert.ok(journal.events.some((event) => event.type === 'plan.release-dependencies-set'));
  } finally {
    await services.dispose();
  }

  // From the journal again: the dependency is still there, and still holds the GO.
  services = await bootServices({ workspaceDir, runtime: 'browser' });
  try {
    const trains = await call<ReleaseTrains>(services, 'plan.trains', { slug: payments });
    assert.deepEqual(
      trains.releases.find((release) => release.slug === payments)!.after.map((after) => after.slug),
      [identity],
    );
    // Cleared: the gate no longer mentions it.
    await call(services, 'plan.set-release-dependencies', { slug: payments, afterReleases: [] });
    assert.doesNotMatch(JSON.stringify(await call<GateVerdict>(services, 'poll.gates', { slug: payments })), /starts after/);
  } finally {
    await services.dispose();
  }
});

test('a participant invited to one release sees only that release on the trains calendar', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  try {
    const identity = await create(services, 'Identity 2.1', '2026-12-15T21:00:00+01:00');
    const payments = await create(services, 'Payments 7.3', '2026-12-15T22:00:00+01:00');
    const everyone = await call<ReleaseTrains>(services, 'plan.trains', { slug: payments });
    assert.ok(everyone.releases.length >= 2);
    const { participant } = await (
      await services.participants()
    ).invite({ release: payments, name: 'Eve', role: 'observer', expiresInMs: 3_600_000, terminalTargets: [], createdBy: 'Dana Okafor' });
    const observer: CallContext = {
      actor: 'Eve (observer · 1a2b3c4d)',
      transport: 'test',
      participant: { name: 'Eve', role: 'observer', session: '1a2b3c4d', participantId: participant.id, release: payments },
    };
    const seen = await call<ReleaseTrains>(services, 'plan.trains', { slug: payments }, observer);
    assert.deepEqual(
      seen.releases.map((release) => release.slug),
      [payments],
    );
    // Another release is named only where this release's own gate names it (the shared database).
    assert.ok(seen.releases[0]!.conflicts.every((conflict) => conflict.rule === 'target-overlap'));
    assert.ok(!JSON.stringify(seen).includes(`"slug":"${identity}"`));
  } finally {
    await services.dispose();
  }
});
