import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEvent } from '../../../contract/domain/release/domain-event';
import { initialIncidentsState } from '../../../contract/domain/incidents/incident-model';
import { initialHypercareState, type HypercareState } from '../../../contract/domain/hypercare/hypercare-model';
import { reduceHypercare } from '../../../main/core/hypercare/hypercare-reducer';
import { logIssue, moveIssue, triageIssue } from '../../../main/core/hypercare/hypercare-commands';
import { issueLogSchema } from '../../../contract/domain/hypercare/hypercare-schemas';
import { podsOnDuty, rankTriageLane } from '../../../main/core/hypercare/triage-ranking';
import { DEFAULT_SLA_SETTINGS } from '../../../contract/domain/hypercare/sla-settings';
import { slaTimers } from '../../../main/core/hypercare/sla-clock';
import type { Pod } from '../../../contract/domain/schedule/schedule-schemas';

let seq = 0;
function apply(state: HypercareState, events: readonly DomainEvent[], ts: string, actor = 'dana'): HypercareState {
  return events.reduce((current, event) => reduceHypercare(current, { ...event, seq: ++seq, ts, actor }), state);
}
const both = (hypercare: HypercareState) => ({ hypercare, incidents: initialIncidentsState() });
const at = (now: string) => ({ actor: 'dana', now });

function log(state: HypercareState, input: Record<string, unknown>, ts = '2026-12-01T10:00:00.000Z'): HypercareState {
  return apply(state, logIssue(both(state), issueLogSchema.parse({ source: 'customer', severity: 'sev2', ...input }), at(ts)), ts);
}

const BERLIN: Pod = { name: 'Berlin', zone: 'Europe/Berlin', hours: { start: '09:00', end: '18:00' } };
const SAO_PAULO: Pod = { name: 'São Paulo', zone: 'America/Sao_Paulo', hours: { start: '09:00', end: '18:00' } };

test('an issue moves new -> triaged -> in progress -> mitigated -> resolved, each move journaled with who and when', () => {
  let state = log(initialHypercareState(), { title: 'Checkout 500s for ACME', customer: 'ACME', impact: 4, urgency: 3 });
  const issue = () => state.issues[0]!;
  assert.equal(issue().id, 'ISS-1');
  assert.equal(issue().state, 'new');
  assert.throws(() => moveIssue(both(state), { id: 'ISS-1', to: 'triaged' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T10:05:00Z')), /no point of contact/);
  state = apply(
    state,
    triageIssue(both(state), { id: 'ISS-1', contact: 'Priya', pod: 'Berlin' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T10:05:00.000Z')),
    '2026-12-01T10:05:00.000Z',
  );
  assert.deepEqual(triageIssue(both(state), { id: 'ISS-1', contact: 'Priya' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T10:05:00Z')), [], 'no change, no event');
  state = apply(
    state,
    moveIssue(both(state), { id: 'ISS-1', to: 'triaged' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T10:06:00.000Z')),
    '2026-12-01T10:06:00.000Z',
    'mateus',
  );
  assert.equal(issue().acknowledgedAt, '2026-12-01T10:06:00.000Z');
  assert.throws(
    () => moveIssue(both(state), { id: 'ISS-1', to: 'new' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T10:07:00Z')),
    /can move to in-progress or mitigated or resolved, not to new/,
  );
  state = apply(
    state,
    moveIssue(both(state), { id: 'ISS-1', to: 'in-progress' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T10:10:00.000Z')),
    '2026-12-01T10:10:00.000Z',
  );
  assert.throws(() => moveIssue(both(state), { id: 'ISS-1', to: 'mitigated' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T10:20:00Z')), /needs a remedy/);
  const mitigate = moveIssue(
    both(state),
    { id: 'ISS-1', to: 'mitigated', remedy: { kind: 'flag-off', reason: 'new checkout flag off for ACME' } },
    DEFAULT_SLA_SETTINGS,
    at('2026-12-01T10:20:00.000Z'),
  );
  assert.deepEqual(mitigate, [
    {
      type: 'hypercare.issue-moved',
      data: { id: 'ISS-1', from: 'in-progress', to: 'mitigated', remedy: { kind: 'flag-off', reason: 'new checkout flag off for ACME' } },
    },
  ]);
  state = apply(state, mitigate, '2026-12-01T10:20:00.000Z');
  state = apply(
    state,
    moveIssue(both(state), { id: 'ISS-1', to: 'resolved' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T12:00:00.000Z')),
    '2026-12-01T12:00:00.000Z',
  );
  assert.deepEqual(
    issue().moves.map((move) => `${move.from}->${move.to} by ${move.by}`),
    ['new->triaged by mateus', 'triaged->in-progress by dana', 'in-progress->mitigated by dana', 'mitigated->resolved by dana'],
  );
  assert.equal(issue().mitigatedAt, '2026-12-01T10:20:00.000Z');
  assert.equal(issue().resolvedAt, '2026-12-01T12:00:00.000Z');
  assert.equal(issue().remedy?.kind, 'flag-off');
});

test('an issue links to an existing incident only, and the schema refuses what does not fit', () => {
  const state = initialHypercareState();
  assert.throws(
    () =>
      logIssue(both(state), issueLogSchema.parse({ title: 'x', source: 'pod', severity: 'sev1', links: { incident: 'INC-4' } }), at('2026-12-01T10:00:00Z')),
    /no incident INC-4/,
  );
  assert.equal(issueLogSchema.safeParse({ title: 'x', source: 'twitter', severity: 'sev1' }).success, false);
  assert.equal(issueLogSchema.safeParse({ title: 'x', source: 'pod', severity: 'sev1', impact: 5 }).success, false);
  assert.equal(issueLogSchema.safeParse({ title: 'x', source: 'pod', severity: 'sev1', links: { risk: 'R-2', step: 'rollback#3' } }).success, true);
});

test('the lane ranks by impact x urgency first, then by the bandwidth of the pod on duty, and changes at the handover', () => {
  let state = initialHypercareState();
  state = log(state, { title: 'minor', impact: 1, urgency: 1, pod: 'Berlin' }, '2026-12-01T08:00:00.000Z');
  state = log(state, { title: 'A Berlin', impact: 3, urgency: 2, pod: 'Berlin' }, '2026-12-01T08:01:00.000Z');
  state = log(state, { title: 'B São Paulo', impact: 2, urgency: 3, pod: 'São Paulo' }, '2026-12-01T08:02:00.000Z');
  state = log(state, { title: 'C São Paulo low', impact: 1, urgency: 2, pod: 'São Paulo' }, '2026-12-01T08:03:00.000Z');
  state = log(state, { title: 'D critical, no pod yet', impact: 4, urgency: 4 }, '2026-12-01T08:04:00.000Z');
  const titles = (now: string) => rankTriageLane(state.issues, [BERLIN, SAO_PAULO], Date.parse(now)).ranked.map((row) => row.issue.title);

  // Tue 1 Dec 10:00 UTC: Berlin (11:00) on duty, São Paulo (07:00) not yet.
  const morning = rankTriageLane(state.issues, [BERLIN, SAO_PAULO], Date.parse('2026-12-01T10:00:00Z'));
  assert.deepEqual(
    morning.ranked.map((row) => row.issue.title),
    ['D critical, no pod yet', 'A Berlin', 'B São Paulo', 'C São Paulo low', 'minor'],
  );
  assert.equal(morning.ranked[0]!.pod, 'Berlin', 'the unassigned issue goes to the pod on duty');
  assert.equal(morning.ranked[0]!.suggested, true);
  assert.deepEqual(morning.pods, [
    { pod: 'Berlin', onDuty: true, holds: 2 },
    { pod: 'São Paulo', onDuty: false, holds: 2 },
  ]);
  // 18:00 UTC: Berlin (19:00) handed over, São Paulo (15:00) works: B now goes before A.
  assert.deepEqual(titles('2026-12-01T18:00:00Z'), ['D critical, no pod yet', 'B São Paulo', 'A Berlin', 'C São Paulo low', 'minor']);
  // 13:00 UTC: both on duty; Berlin holds 2 and São Paulo 2: equal bandwidth, the older goes first.
  assert.deepEqual(titles('2026-12-01T13:00:00Z').slice(1, 3), ['A Berlin', 'B São Paulo']);
  // Berlin's minor issue is resolved: Berlin has more bandwidth than São Paulo.
  const lighter = { ...state, issues: state.issues.map((issue) => (issue.title === 'minor' ? { ...issue, state: 'resolved' as const } : issue)) };
  const ranked = rankTriageLane(lighter.issues, [BERLIN, SAO_PAULO], Date.parse('2026-12-01T13:00:00Z'));
  assert.equal(ranked.activeCount, 4);
  assert.deepEqual(
    ranked.ranked.slice(1, 3).map((row) => [row.issue.title, row.podLoad]),
    [
      ['A Berlin', 0],
      ['B São Paulo', 1],
    ],
  );
});

test('who is on duty follows a night shift across the daylight-saving night', () => {
  // Berlin leaves summer time on Sun 25 Oct 2026 at 03:00 CEST (01:00 UTC): the night shift of
  // Saturday 22:00 to Sunday 06:00 lasts nine real hours, and ends at 05:00 UTC, not 04:00.
  const night: Pod = { name: 'Night', zone: 'Europe/Berlin', hours: { start: '22:00', end: '06:00' }, days: [6] };
  assert.equal(podsOnDuty([night], Date.parse('2026-10-24T19:59:00Z')).has('Night'), false);
  assert.equal(podsOnDuty([night], Date.parse('2026-10-24T20:00:00Z')).has('Night'), true);
  assert.equal(podsOnDuty([night], Date.parse('2026-10-25T04:30:00Z')).has('Night'), true, '05:30 CET: still on duty');
  assert.equal(podsOnDuty([night], Date.parse('2026-10-25T05:00:00Z')).has('Night'), false, '06:00 CET: off');
});

test('the same pods asked again across a handover get the new duty (the remembered answer ends at the shift boundary)', () => {
  const pods = [BERLIN, SAO_PAULO];
  const at = (iso: string) => [...podsOnDuty(pods, Date.parse(iso))].sort();
  assert.deepEqual(at('2026-12-01T16:59:00Z'), ['Berlin', 'São Paulo']);
  assert.deepEqual(at('2026-12-01T16:59:59Z'), ['Berlin', 'São Paulo']);
  assert.deepEqual(at('2026-12-01T17:00:00Z'), ['São Paulo'], 'Berlin ends at 18:00 CET');
  assert.deepEqual(at('2026-12-01T11:00:00Z'), ['Berlin'], 'asking about an earlier moment is answered for it');
  assert.deepEqual(at('2026-12-01T21:00:00Z'), [], 'São Paulo ends at 18:00 BRT');
});

test('an SLA clock keeps running across the handover; the lane hands the unassigned issue to the pod now on duty', () => {
  // Logged at 17:50 Berlin (16:50 UTC); its 30-minute acknowledge clock runs out at 17:20 UTC, after Berlin's shift.
  let state = log(initialHypercareState(), { title: 'Refund emails not sent', severity: 'sev2', impact: 3, urgency: 3 }, '2026-12-01T16:50:00.000Z');
  const pods = [BERLIN, SAO_PAULO];
  const before = rankTriageLane(state.issues, pods, Date.parse('2026-12-01T16:55:00Z'));
  const after = rankTriageLane(state.issues, pods, Date.parse('2026-12-01T17:10:00Z'));
  assert.equal(before.ranked[0]!.pod, 'Berlin', 'first of the pods on duty with equal load');
  assert.equal(after.ranked[0]!.pod, 'São Paulo', 'after 18:00 Berlin only São Paulo is on duty');
  const ack = (now: string) => slaTimers(state.issues[0]!, DEFAULT_SLA_SETTINGS, Date.parse(now))[0]!;
  assert.equal(ack('2026-12-01T17:10:00Z').status, 'ok');
  assert.equal(ack('2026-12-01T17:13:00Z').status, 'warning', 'warned at 75% of 30 minutes, under the new pod');
  assert.equal(ack('2026-12-01T17:20:00Z').status, 'breached', 'the handover does not pause the clock');
  const triage = triageIssue(both(state), { id: 'ISS-1', contact: 'Mateus', pod: 'São Paulo' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T17:25:00.000Z'));
  assert.deepEqual(
    triage.map((event) => event.type),
    ['hypercare.sla-breached', 'hypercare.issue-triaged'],
    'the first change after the breach journals it first',
  );
  state = apply(state, triage, '2026-12-01T17:25:00.000Z');
  const moved = moveIssue(both(state), { id: 'ISS-1', to: 'triaged' }, DEFAULT_SLA_SETTINGS, at('2026-12-01T17:26:00.000Z'));
  assert.deepEqual(
    moved.map((event) => event.type),
    ['hypercare.issue-moved'],
    'and only once',
  );
});
