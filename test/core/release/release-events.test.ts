import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WarRoomError } from '../../../contract/domain/errors';
import { createReleaseEvents, reduceNotes, reduceReleaseMeta, updateReleaseEvents, type ReleaseMetaState } from '../../../contract/domain/release/release-meta';
import { parseApprovalEvent } from '../../../contract/domain/release/approval-events';

const at = { actor: 'ana', ts: '2026-06-02T20:00:00.000Z' };
const definition = { name: 'Payments', version: '4.2', mode: 'live' as const, description: '', goLive: '2026-06-02T22:00:00Z', zone: 'Europe/Berlin' };

function isCorrupt(pattern: RegExp) {
  return (error: unknown): boolean => error instanceof WarRoomError && error.code === 'corrupt' && pattern.test(error.message);
}

function created(): ReleaseMetaState {
  const [event] = createReleaseEvents(definition, []);
  assert.ok(event);
  const state = reduceReleaseMeta(null, { ...event, ...at, seq: 1 });
  assert.ok(state);
  return state;
}

test('release events read through their schemas: commands return typed events and the reducer projects them', () => {
  const state = created();
  assert.equal(state.name, 'Payments');
  assert.deepEqual(state.targets, []);
  const [update] = updateReleaseEvents(state, { name: 'Payments EU', zone: 'Europe/Berlin' });
  assert.deepEqual(update, { type: 'release.updated', data: { before: { name: 'Payments' }, after: { name: 'Payments EU' } } });
  assert.deepEqual(updateReleaseEvents(state, { name: 'Payments' }), []);
  assert.ok(update);
  assert.equal(reduceReleaseMeta(state, { ...update, ...at, seq: 2 })?.name, 'Payments EU');
});

test('a release event whose data does not fit is refused as corrupt naming the seq and the field; older and longer shapes still read; an unknown type is left alone', () => {
  assert.throws(
    () => reduceReleaseMeta(null, { type: 'release.created', data: { ...definition, mode: 'yolo' }, ...at, seq: 1 }),
    isCorrupt(/#1 \(release\.created\).*data\.mode/),
  );
  const state = created();
  assert.throws(
    () => reduceReleaseMeta(state, { type: 'target.saved', data: { id: 'prod', name: 'Prod', environment: 'production' }, ...at, seq: 5 }),
    isCorrupt(/#5 .*data\.command/),
  );
  assert.throws(() => reduceNotes([], { type: 'note.added', data: { kind: 'note', text: 42 }, ...at, seq: 6 }), isCorrupt(/#6 \(note\.added\).*data\.text/));
  // Written before targets, version and description were journaled, with a name longer than today's input limit: it reads with the defaults.
  const longName = 'P'.repeat(500);
  const old = reduceReleaseMeta(null, {
    type: 'release.created',
    data: { name: longName, mode: 'rehearsal', goLive: '2026-06-02T22:00:00Z', zone: 'UTC' },
    ...at,
    seq: 1,
  });
  assert.deepEqual(
    { name: old?.name, version: old?.version, description: old?.description, targets: old?.targets },
    { name: longName, version: '', description: '', targets: [] },
  );
  // A target saved before args, env and confirmFirstKeystroke existed, with an id today's pattern refuses.
  const target = reduceReleaseMeta(state, {
    type: 'target.saved',
    data: { id: 'Prod_EU', name: 'Prod', environment: 'production', command: 'ssh' },
    ...at,
    seq: 7,
  });
  assert.deepEqual(target?.targets, [{ id: 'Prod_EU', name: 'Prod', environment: 'production', command: 'ssh', args: [], env: {} }]);
  // The first notes were journaled without a kind.
  assert.deepEqual(reduceNotes([], { type: 'note.added', data: { text: 'hello', n: 1 }, ...at, seq: 8 }), [{ seq: 8, ...at, kind: 'note', text: 'hello' }]);
  assert.equal(reduceReleaseMeta(state, { type: 'release.renamed-in-a-newer-version', data: 7, ...at, seq: 9 }), state);
});

test('an approval event whose data does not fit is refused as corrupt naming the seq and the field; another type is left alone', () => {
  assert.throws(
    () =>
      parseApprovalEvent({ type: 'approval.requested', data: { id: 'A-1', action: 'launch-rockets', summary: 's', reason: 'r', required: 1 }, ...at, seq: 11 }),
    isCorrupt(/#11 \(approval\.requested\).*data\.action/),
  );
  assert.throws(
    () => parseApprovalEvent({ type: 'approval.carried-out', data: { id: 'A-1', approvedBy: 'bo' }, ...at, seq: 12 }),
    isCorrupt(/#12 .*data\.approvedBy/),
  );
  assert.equal(parseApprovalEvent({ type: 'approval.withdrawn', data: {}, ...at, seq: 13 }), null);
  assert.deepEqual(parseApprovalEvent({ type: 'approval.refused', data: { id: 'A-1', note: 'not tonight' }, ...at, seq: 14 })?.data, {
    id: 'A-1',
    note: 'not tonight',
  });
});
