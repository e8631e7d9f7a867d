// The live release protocol (issue 14, item 4): a snapshot plus the deltas main publishes
// must equal a fresh snapshot, and a delta's size must not grow with the night.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import { applyReleaseDelta, type ReleaseDelta } from '../../contract/release-delta';
import type { ReleaseView } from '../../contract/models';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;

async function ok<Value>(services: Services, name: string, input: unknown): Promise<Value> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) assert.fail(`${name} failed: ${result.error.message}`);
  return result.value as Value;
}

async function demo(): Promise<{ services: Services; slug: string; deltas: ReleaseDelta[] }> {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const deltas: ReleaseDelta[] = [];
  services.events.subscribe((event) => {
    if (event.type === 'release.changed') deltas.push(event.payload);
  });
  return { services, slug: listing!.slug, deltas };
}

test('a snapshot with every published delta applied equals a fresh snapshot', async () => {
  const { services, slug, deltas } = await demo();
  const start = await ok<ReleaseView>(services, 'release.get', { slug });
  for (let round = 0; round < 5; round += 1) {
    await ok(services, 'note.add', { slug, kind: 'note', text: `note ${round}` });
    await ok(services, 'checklist.item.status', { slug, itemId: 'stakeholders-informed', status: round % 2 ? 'todo' : 'in-progress' });
  }
  await ok(services, 'risk.add', {
    slug,
    title: 'Database failover is slow',
    likelihood: 3,
    impact: 4,
    mitigation: 'warm standby',
  });
  let view: ReleaseView = start;
  for (const delta of deltas) {
    const next = applyReleaseDelta(view, delta);
    assert.ok(next, `delta from seq ${delta.fromSeq} did not apply to a view at seq ${view.state.seq}`);
    view = next;
  }
  const fresh = await ok<ReleaseView>(services, 'release.get', { slug });
  assert.ok(deltas.length >= 10);
  assert.deepEqual(JSON.parse(JSON.stringify(view)), JSON.parse(JSON.stringify(fresh)));
  await services.dispose();
});

test('a delta that does not start where the view ends asks for a snapshot instead of guessing', async () => {
  const { services, slug, deltas } = await demo();
  const start = await ok<ReleaseView>(services, 'release.get', { slug });
  await ok(services, 'note.add', { slug, kind: 'note', text: 'first' });
  await ok(services, 'note.add', { slug, kind: 'note', text: 'second' });
  assert.equal(deltas.length, 2);
  assert.equal(applyReleaseDelta(start, deltas[1]!), null, 'a skipped delta must not be applied');
  assert.equal(applyReleaseDelta({ ...start, slug: 'another' }, deltas[0]!), null);
  assert.ok(applyReleaseDelta(start, deltas[0]!));
  await services.dispose();
});

test("a note's delta carries the note, not the release; its size does not grow with the night", async () => {
  const { services, slug, deltas } = await demo();
  const sizeAfter = async (): Promise<{ note: number; tick: number }> => {
    deltas.length = 0;
    await ok(services, 'note.add', { slug, kind: 'note', text: 'steady' });
    const note = JSON.stringify(deltas.at(-1)).length;
    await ok(services, 'checklist.item.status', { slug, itemId: 'stakeholders-informed', status: 'in-progress' });
    await ok(services, 'checklist.item.status', { slug, itemId: 'stakeholders-informed', status: 'todo' });
    return { note, tick: JSON.stringify(deltas.at(-1)).length };
  };
  const early = await sizeAfter();
  const noteDelta = deltas.find((delta) => delta.notesAppended);
  assert.deepEqual(Object.keys(noteDelta?.changed ?? { missing: true }), [], 'a note changes no other slice');
  for (let index = 0; index < 1500; index += 1) await ok(services, 'note.add', { slug, kind: 'note', text: `filler ${index}` });
  const late = await sizeAfter();
  assert.ok(Math.abs(late.note - early.note) < 64, `a note's delta grew from ${early.note} to ${late.note} bytes`);
  assert.ok(Math.abs(late.tick - early.tick) < 64, `a tick's delta grew from ${early.tick} to ${late.tick} bytes`);
  await services.dispose();
});
