import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addBlackout, recordOverride, removeBlackout, setFridayRule, setPods, setWindow } from '../../../main/core/schedule/schedule-commands';
import type { DomainEvent } from '../../../main/core/schedule/schedule-commands';
import { scheduleFindings } from '../../../main/core/schedule/schedule-findings';
import { initialScheduleState, reduceSchedule } from '../../../main/core/schedule/schedule-state';
import type { ScheduleState } from '../../../main/core/schedule/schedule-state';
import { blockingFindings, defaultFridayRule } from '../../../main/core/schedule/policy-checks';
import { WarRoomError } from '../../../contract/domain/errors';

const ctx = { actor: 'maria', now: '2026-03-20T09:00:00.000Z' };
let seq = 0;

function apply(state: ScheduleState, events: readonly DomainEvent[]): ScheduleState {
  return events.reduce((current, event) => reduceSchedule(current, { ...event, actor: ctx.actor, ts: ctx.now, seq: ++seq }), state);
}

function isError(code: string, pattern: RegExp) {
  return (error: unknown): boolean => error instanceof WarRoomError && error.code === code && pattern.test(error.message);
}

const freeze = {
  id: 'weekend',
  title: 'Weekend freeze',
  scope: { kind: 'all' },
  rule: { kind: 'weekly', zone: 'Europe/Berlin', startDay: 5, startTime: '12:00', endDay: 1, endTime: '06:00' },
};

test('commands produce events and the reducer projects them; state stays plain JSON and is never mutated', () => {
  let state = initialScheduleState();
  const frozen = JSON.stringify(state);
  const windowEvents = setWindow(state, { window: { start: '2026-03-27T10:00', end: '2026-03-27T14:00', zone: 'Europe/Berlin' } }, ctx);
  assert.deepEqual(
    windowEvents.map((event) => event.type),
    ['schedule.window-set'],
  );
  const next = apply(state, windowEvents);
  assert.equal(JSON.stringify(state), frozen);
  state = next;
  assert.deepEqual(setWindow(state, { window: state.window }, ctx), [], 'setting the same window again journals nothing');
  state = apply(state, setPods(state, { pods: [{ name: 'Berlin', zone: 'Europe/Berlin', hours: { start: '09:00', end: '18:00' } }] }, ctx));
  state = apply(state, addBlackout(state, { blackout: freeze }, ctx));
  state = apply(state, setFridayRule(state, { rule: defaultFridayRule('Europe/Berlin') }, ctx));
  assert.equal(state.pods[0]!.name, 'Berlin');
  assert.deepEqual(
    state.blackouts.map((blackout) => blackout.id),
    ['weekend'],
  );
  assert.equal(state.fridayRule?.fromDay, 5);
  assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
  state = apply(state, removeBlackout(state, { id: 'weekend' }, ctx));
  assert.deepEqual(state.blackouts, []);
  assert.equal(reduceSchedule(state, { type: 'checklist.item-added', data: {}, actor: 'x', ts: ctx.now, seq: 99 }), state);
});

test('illegal commands are refused with a reason', () => {
  const state = apply(initialScheduleState(), addBlackout(initialScheduleState(), { blackout: freeze }, ctx));
  assert.throws(
    () => setWindow(state, { window: { start: '2026-03-27T10:00', end: '2026-03-27T09:00', zone: 'Europe/Berlin' } }, ctx),
    isError('invalid-input', /before it starts/),
  );
  assert.throws(
    () => setWindow(state, { window: { start: '2026-03-27T10:00', end: '2026-03-27T12:00', zone: 'Mars/Base' } }, ctx),
    isError('invalid-input', /'window.zone'.*IANA/),
  );
  assert.throws(() => addBlackout(state, { blackout: freeze }, ctx), isError('conflict', /already exists/));
  assert.throws(() => removeBlackout(state, { id: 'nope' }, ctx), isError('not-found', /No blackout/));
  assert.throws(
    () =>
      addBlackout(state, { blackout: { ...freeze, id: 'x', rule: { kind: 'once', start: '2026-03-27T10:00', end: '2026-03-27T10:00', zone: 'UTC' } } }, ctx),
    isError('invalid-input', /ends .* before it starts/),
  );
  assert.throws(
    () =>
      addBlackout(
        state,
        {
          blackout: {
            ...freeze,
            id: 'y',
            rule: { kind: 'rrule', zone: 'UTC', start: '2026-03-27T10:00', durationMinutes: 60, allDay: false, rrule: 'FREQ=NEVER' },
          },
        },
        ctx,
      ),
    isError('invalid-input', /RRULE/),
  );
  const pod = { name: 'Berlin', zone: 'Europe/Berlin', hours: { start: '09:00', end: '18:00' } };
  assert.throws(() => setPods(state, { pods: [pod, pod] }, ctx), isError('conflict', /Two pods are named 'Berlin'/));
  assert.throws(
    () => reduceSchedule(state, { type: 'schedule.window-set', data: { window: 'tomorrow' }, actor: 'x', ts: ctx.now, seq: 7 }),
    isError('corrupt', /#7/),
  );
});

test('overrides need a written reason, name a current finding, and lift it from the blocking list', () => {
  let state = initialScheduleState();
  state = apply(state, setWindow(state, { window: { start: '2026-03-27T10:00', end: '2026-03-27T14:00', zone: 'Europe/Berlin' } }, ctx));
  const input = {
    state,
    release: {
      releaseId: 'payments-4-2',
      title: 'Payments 4.2',
      targets: ['prod-eu'],
      scope: { services: ['payments'], environmentClasses: ['production' as const] },
    },
    calendar: [{ ...freeze, scope: { kind: 'all' as const }, rule: { ...freeze.rule, kind: 'weekly' as const } }],
    workspaceFridayRule: defaultFridayRule('Europe/Berlin'),
    others: [],
  };
  const findings = scheduleFindings(input);
  assert.deepEqual(
    findings.map((finding) => finding.rule),
    ['blackout', 'friday-rule'],
  );
  assert.equal(blockingFindings(findings).length, 2);
  const target = findings[0]!;
  assert.throws(() => recordOverride(state, { findingId: target.id, reason: 'ok' }, ctx, findings), isError('invalid-input', /written reason of at least 10/));
  assert.throws(
    () => recordOverride(state, { findingId: 'blackout:gone', reason: 'Approved by the CTO' }, ctx, findings),
    isError('not-found', /No current schedule finding/),
  );
  const events = recordOverride(state, { findingId: target.id, reason: 'Regulator deadline; approved by the CTO on the call' }, ctx, findings);
  assert.deepEqual(events, [
    {
      type: 'schedule.override-recorded',
      data: { findingId: target.id, rule: 'blackout', message: target.message, reason: 'Regulator deadline; approved by the CTO on the call' },
    },
  ]);
  state = apply(state, events);
  assert.deepEqual(state.overrides[0], {
    findingId: target.id,
    rule: 'blackout',
    message: target.message,
    reason: 'Regulator deadline; approved by the CTO on the call',
    actor: 'maria',
    at: ctx.now,
  });
  const after = scheduleFindings({ ...input, state });
  assert.equal(after[0]!.override?.actor, 'maria');
  assert.deepEqual(
    blockingFindings(after).map((finding) => finding.rule),
    ['friday-rule'],
  );
  // Moving the window off the freeze leaves the override behind: it named that finding only.
  state = apply(state, setWindow(state, { window: { start: '2026-03-31T10:00', end: '2026-03-31T14:00', zone: 'Europe/Berlin' } }, ctx));
  assert.deepEqual(scheduleFindings({ ...input, state }), []);
  assert.deepEqual(scheduleFindings({ ...input, state: initialScheduleState() }), []);
});

test('a schedule event whose data does not fit is refused as corrupt naming the seq and the field; older and longer shapes still read; an unknown type is left alone', () => {
  const state = initialScheduleState();
  const at = { actor: 'x', ts: ctx.now };
  assert.throws(
    () =>
      reduceSchedule(state, { type: 'schedule.pods-set', data: { pods: [{ name: 'Berlin', zone: 'Europe/Berlin', hours: { start: 9 } }] }, ...at, seq: 21 }),
    isError('corrupt', /#21 \(schedule\.pods-set\).*data\.pods\.0\.hours\.start/),
  );
  assert.throws(
    () =>
      reduceSchedule(state, { type: 'schedule.override-recorded', data: { findingId: 'f', rule: 'moon-phase', message: 'm', reason: 'r' }, ...at, seq: 22 }),
    isError('corrupt', /#22 .*data\.rule/),
  );
  // Journaled before rdates, exactMinutes and informational existed, with a title longer than today's input limit: it reads, with the defaults.
  const title = 'x'.repeat(400);
  const old = reduceSchedule(state, {
    type: 'schedule.blackout-added',
    data: {
      blackout: {
        id: 'old',
        title,
        scope: { kind: 'all' },
        rule: { kind: 'rrule', zone: 'UTC', start: '2026-03-27T10:00', durationMinutes: 60, allDay: false },
      },
    },
    ...at,
    seq: 23,
  });
  assert.deepEqual(old.blackouts[0]?.rule, {
    kind: 'rrule',
    zone: 'UTC',
    start: '2026-03-27T10:00',
    durationMinutes: 60,
    exactMinutes: 0,
    allDay: false,
    exdates: [],
    rdates: [],
  });
  assert.equal(old.blackouts[0]?.title, title);
  const fridayWithoutZone = { enabled: true, fromDay: 5, fromTime: '12:00', untilDay: 1, untilTime: '06:00', severity: 'block' };
  assert.deepEqual(
    reduceSchedule(state, { type: 'schedule.friday-rule-set', data: { rule: fridayWithoutZone }, ...at, seq: 24 }).fridayRule,
    fridayWithoutZone,
  );
  assert.equal(reduceSchedule(state, { type: 'schedule.from-the-future', data: 42, ...at, seq: 25 }), state);
});
