import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WarRoomError } from '../../../contract/domain/errors';
import { addActionItem, openIncident, updateActionItem, updateIncident } from '../../../main/core/incidents/incident-commands';
import { initialIncidentsState, type IncidentsState } from '../../../contract/domain/incidents/incident-model';
import { reduceIncidents } from '../../../main/core/incidents/incident-reducer';
import { incidentOpenSchema } from '../../../contract/domain/incidents/incident-schemas';
import type { DomainEvent } from '../../../contract/domain/release/domain-event';

let seq = 0;
function apply(state: IncidentsState, events: readonly DomainEvent[], ts = '2026-11-24T22:00:00.000Z'): IncidentsState {
  return events.reduce((current, event) => reduceIncidents(current, { ...event, seq: ++seq, ts, actor: 'dana' }), state);
}

test('an incident moves open -> mitigated -> resolved with its times; ids are never reused', () => {
  const context = { actor: 'dana', now: '2026-11-24T22:00:00.000Z' };
  let state = apply(
    initialIncidentsState(),
    openIncident(initialIncidentsState(), incidentOpenSchema.parse({ title: 'Latency', severity: 'sev2', owner: 'Priya' }), context),
  );
  assert.equal(state.incidents[0]!.id, 'INC-1');
  assert.equal(state.incidents[0]!.status, 'open');
  state = apply(state, updateIncident(state, { id: 'INC-1', status: 'mitigated' }), '2026-11-24T22:10:00.000Z');
  assert.equal(state.incidents[0]!.mitigatedAt, '2026-11-24T22:10:00.000Z');
  state = apply(state, updateIncident(state, { id: 'INC-1', status: 'resolved', severity: 'sev3' }), '2026-11-24T22:30:00.000Z');
  assert.equal(state.incidents[0]!.resolvedAt, '2026-11-24T22:30:00.000Z');
  assert.equal(state.incidents[0]!.severity, 'sev3');
  assert.equal(state.incidents[0]!.mitigatedAt, '2026-11-24T22:10:00.000Z', 'mitigation time is kept');
  assert.deepEqual(updateIncident(state, { id: 'INC-1', status: 'resolved' }), [], 'no change, no event');
  assert.throws(() => updateIncident(state, { id: 'INC-9', status: 'open' }), /no incident INC-9/);
  state = apply(state, openIncident(state, incidentOpenSchema.parse({ title: 'Second', severity: 'sev4', owner: 'Mateus' }), context));
  assert.equal(state.incidents[1]!.id, 'INC-2');
});

test('action items belong to an existing incident or none, and are ticked done', () => {
  let state = apply(
    initialIncidentsState(),
    openIncident(initialIncidentsState(), incidentOpenSchema.parse({ title: 'x', severity: 'sev1', owner: 'o' }), {
      actor: 'dana',
      now: '2026-11-24T22:00:00.000Z',
    }),
  );
  assert.throws(() => addActionItem(state, { text: 'alert', owner: '', incidentId: 'INC-7' }), /no incident INC-7/);
  state = apply(state, addActionItem(state, { text: 'Add an alert', owner: 'Priya', incidentId: 'INC-1' }));
  state = apply(state, updateActionItem(state, { id: 'AI-1', status: 'done' }));
  assert.equal(state.actionItems[0]!.status, 'done');
  assert.ok(state.actionItems[0]!.doneAt);
});

test('the input schema refuses an incident without an owner or with an unknown severity', () => {
  assert.equal(incidentOpenSchema.safeParse({ title: 't', severity: 'sev5', owner: 'o' }).success, false);
  assert.equal(incidentOpenSchema.safeParse({ title: 't', severity: 'sev1', owner: ' ' }).success, false);
});

test('an incidents event whose data does not fit its schema is refused as corrupt, naming the seq and the field; an unknown type is left alone', () => {
  const state = initialIncidentsState();
  assert.throws(
    () =>
      reduceIncidents(state, {
        type: 'incident.opened',
        data: { id: 'INC-1', title: 'db down', severity: 'sev0', owner: 'ana', summary: '', startedAt: '' },
        actor: 'x',
        ts: '',
        seq: 31,
      }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'corrupt' && /#31 \(incident\.opened\).*data\.severity/.test(error.message),
  );
  assert.equal(reduceIncidents(state, { type: 'incident.from-a-newer-version', data: null, actor: 'x', ts: '', seq: 32 }), state);
});
