import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import type { Result } from '../../contract/result';
import { addRisk } from '../../main/core/risks/risks-commands';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;

async function demo(): Promise<{ services: Services; slug: string; journal: string }> {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  return { services, slug: listing!.slug, journal: join(services.workspace.releasesDir, listing!.slug, 'journal.jsonl') };
}

async function call(services: Services, name: string, input: unknown): Promise<Result<unknown>> {
  return dispatch(services, name, input, context);
}

async function ok<Value>(services: Services, name: string, input: unknown): Promise<Value> {
  const result = await call(services, name, input);
  if (!result.ok) assert.fail(`${name} failed: ${result.error.message}`);
  return result.value as Value;
}

function journalTypes(file: string): string[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { type: string }).type);
}

test('ticking an item journals it with who and when, and the state follows', async () => {
  const { services, slug, journal } = await demo();
  const change = await ok<{ seq: number; events: number }>(services, 'checklist.item.status', {
    slug,
    itemId: 'stakeholders-informed',
    status: 'done',
    evidence: [{ kind: 'link', value: 'https://chat.example.com/announce' }],
  });
  assert.equal(change.events, 1);
  const lines = readFileSync(journal, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { seq: number; type: string; actor: string });
  const last = lines[lines.length - 1]!;
  assert.deepEqual([last.seq, last.type, last.actor], [change.seq, 'checklist.item-status-changed', 'Dana Okafor']);
  const item = (await services.release(slug)).state.checklist.items['stakeholders-informed']!;
  assert.equal(item.status, 'done');
  assert.equal(item.evidence.length, 1);
  await services.dispose();
});

test('illegal changes are refused with a message and journal nothing', async () => {
  const { services, slug, journal } = await demo();
  const before = readFileSync(journal);
  const blocked = await call(services, 'checklist.item.status', { slug, itemId: 'monitoring-ready', status: 'blocked' });
  assert.equal(blocked.ok, false);
  if (!blocked.ok) assert.match(blocked.error.message, /reason is required/);
  const unknown = await call(services, 'checklist.item.edit', { slug, itemId: 'no-such-item', title: 'x' });
  if (!unknown.ok) assert.match(unknown.error.message, /no checklist item 'no-such-item'/);
  const extra = await call(services, 'checklist.item.add', { slug, phaseId: 'preparation', title: 'x', status: 'done' });
  assert.equal(extra.ok, false);
  assert.deepEqual(readFileSync(journal), before);
  await services.dispose();
});

test('a bad template is refused with file, line and column; a good one round-trips through export', async () => {
  const { services, slug, journal } = await demo();
  const before = readFileSync(journal);
  const bad = await call(services, 'checklist.template.import', {
    slug,
    file: 'team.yaml',
    source: 'name: Team\nversion: 1\nphases:\n  - title: Prep\n    items:\n      - title: Thing\n        requried: true\n',
  });
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.match(bad.error.message, /team\.yaml line 7, column 9: .*unknown key 'requried'/);
    assert.deepEqual(bad.error.locations?.[0], { file: 'team.yaml', line: 7, column: 9, field: 'phases.0.items.0' });
  }
  assert.deepEqual(readFileSync(journal), before);
  const exported = await ok<{ fileName: string; yaml: string }>(services, 'checklist.template.export', { slug, name: 'Demo copy' });
  assert.equal(exported.fileName, 'demo-copy.checklist.yaml');
  assert.match(exported.yaml, /^name: Demo copy/);
  const imported = await ok<{ events: number }>(services, 'checklist.template.import', {
    slug,
    file: exported.fileName,
    source: exported.yaml.replace(/title: /g, 'title: Again '),
  });
  assert.equal(imported.events, 1);
  assert.equal(Object.keys((await services.release(slug)).state.checklist.items).length, 14);
  await services.dispose();
});

test('due instants: calendar days in the release zone, T-0 at the go-live', async () => {
  const { services, slug } = await demo();
  const times = await ok<{ zone: string; items: Record<string, string> }>(services, 'checklist.due-times', { slug });
  assert.equal(times.zone, 'Europe/Berlin');
  const meta = (await services.release(slug)).state.meta!;
  assert.equal(Date.parse(times.items['go-no-go-held']!), Date.parse(meta.goLive));
  const dayBefore = DateTime.fromISO(meta.goLive, { zone: 'Europe/Berlin' }).minus({ days: 1 });
  assert.equal(Date.parse(times.items['stakeholders-informed']!), dayBefore.toMillis());
  assert.equal(Date.parse(times.items['deploy-v2']!) - Date.parse(meta.goLive), 5 * 60_000);
  const extra = await call(services, 'checklist.due-times', { slug, viewerZone: 'UTC' });
  assert.equal(extra.ok, false);
  await services.dispose();
});

test('GO is refused while gates block, then called with an override that is journaled before the decision', async () => {
  const { services, slug, journal } = await demo();
  for (const participantId of ['dana-okafor', 'mateus-silva', 'priya-raman']) await ok(services, 'poll.vote', { slug, participantId, value: 'GO' });
  await ok(services, 'poll.vote', {
    slug,
    participantId: 'lena-vogel',
    value: 'NO-GO',
    comment: 'Support is thin tonight',
    criteria: [{ criterionId: 'organisational-readiness', value: 'NO-GO' }],
  });
  const gates = await ok<{ quorum: { met: boolean }; overridableBlockers: { kind: string }[] }>(services, 'poll.gates', { slug });
  assert.equal(gates.quorum.met, true);
  assert.deepEqual([...new Set(gates.overridableBlockers.map((blocker) => blocker.kind))], ['open-item']);
  const refused = await call(services, 'poll.decide', { slug, outcome: 'GO' });
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.match(refused.error.message, /GO refused: required item 'Stakeholders informed/);
  const decided = await ok<{ events: number }>(services, 'poll.decide', {
    slug,
    outcome: 'GO',
    override: { reason: 'Rehearsal only: sandbox, nobody affected' },
  });
  assert.equal(decided.events, 2);
  assert.deepEqual(journalTypes(journal).slice(-2), ['poll.gate-overridden', 'poll.decided']);
  const poll = (await services.release(slug)).state.poll;
  assert.equal(poll.decision?.outcome, 'GO');
  assert.equal(poll.decision?.override?.reason, 'Rehearsal only: sandbox, nobody affected');
  assert.equal(poll.decision?.snapshot.votes.length, 4);
  await ok(services, 'poll.reset', { slug, reason: 'Second rehearsal' });
  await ok(services, 'poll.open', { slug });
  assert.equal((await services.release(slug)).state.poll.pollId, 'poll-2');
  await services.dispose();
});

test('an open high risk without a mitigation gates GO alongside the checklist', async () => {
  const { services, slug } = await demo();
  const release = await services.release(slug);
  await release.execute('tester', (state, ctx) =>
    addRisk(state.risks, { title: 'Payment provider rate limit', category: 'technical', likelihood: 5, impact: 5, owner: 'Priya Raman' }, ctx),
  );
  const gates = await ok<{ overridableBlockers: { kind: string; message: string }[] }>(services, 'poll.gates', { slug });
  const risk = gates.overridableBlockers.find((blocker) => blocker.kind === 'unmitigated-risk');
  assert.match(risk?.message ?? '', /critical risk 'Payment provider rate limit' has no mitigation/);
  await services.dispose();
});
