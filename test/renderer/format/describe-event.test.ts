import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JournalEvent } from '../../../contract/models';
import { describeEvent } from '../../../renderer/src/format/describe-event';

let seq = 0;
function event(type: string, data: unknown): JournalEvent {
  seq += 1;
  return { seq, ts: '2026-06-02T20:00:00.000Z', actor: 'Ana (release-manager)', type, data, prev: '', hash: '' };
}

const risk = {
  id: 'R-3',
  title: 'Orders table locks',
  description: '',
  category: 'data',
  likelihood: 3,
  impact: 5,
  owner: 'Zoë',
  trigger: '',
  mitigation: '',
  contingency: { plan: 'Roll back the migration', playbook: 'rollback.yaml', step: null },
  residualLikelihood: null,
  residualImpact: null,
  reviewDate: null,
  status: 'open',
  acceptance: null,
  createdAt: '2026-06-02T19:00:00.000Z',
  createdBy: 'Ana',
  updatedAt: '2026-06-02T19:00:00.000Z',
};

test('typed areas narrow their lines on type: risks, incidents, redaction and exports', () => {
  assert.deepEqual(describeEvent(event('risks.added', { risk })), { kind: 'risk', text: 'Risk R-3 added: Orders table locks (L3 × I5 = 15)' });
  assert.equal(
    describeEvent(
      event('risks.updated', { id: 'R-3', changes: [{ field: 'contingency', before: risk.contingency, after: { plan: '', playbook: null, step: null } }] }),
    ).text,
    'Risk R-3 changed: plan B “Roll back the migration (rollback.yaml)” → —',
  );
  assert.equal(
    describeEvent(event('risks.deleted', { id: 'R-3', reason: 'duplicate', before: risk })).text,
    'Risk R-3 deleted: Orders table locks (duplicate)',
  );
  assert.equal(
    describeEvent(event('incident.opened', { id: 'INC-1', title: 'db down', severity: 'sev1', owner: 'ana', summary: '', startedAt: '' })).text,
    'INC-1 opened (SEV1, owner ana): db down',
  );
  assert.deepEqual(describeEvent(event('action-item.updated', { id: 'AI-2', status: 'done' })), { kind: 'action-item', text: 'AI-2 done' });
  assert.equal(describeEvent(event('redaction.literal-added', { sha256: 'ab', length: 12 })).text, 'Redaction literal added (12 characters)');
  assert.equal(
    describeEvent(event('redaction.finding-allowed', { fingerprint: 'f', reason: 'a test token, revoked' })).text,
    'Export finding allowed: a test token, revoked',
  );
  // Journals from before the literals file: the literals were kept in the event.
  assert.equal(
    describeEvent(event('redaction.settings-saved', { literals: ['x', 'y'], patterns: [] })).text,
    'Redaction settings saved: 2 literal(s), 0 pattern(s)',
  );
});

test('a line whose data does not fit (main refuses it when it reads the journal) is shown with its type, never a crash of the page', () => {
  assert.match(describeEvent(event('risks.added', { risk: null })).text, /^risks\.added \(not readable here: /);
  assert.match(describeEvent(event('incident.updated', { id: 'INC-1' })).text, /^incident\.updated \(not readable here: /);
  assert.match(describeEvent(event('approval.carried-out', { id: 'A-1' })).text, /^approval\.carried-out \(not readable here: /);
});

test('schedule lines narrow on the schedule types', () => {
  assert.deepEqual(
    describeEvent(
      event('schedule.window-set', { window: { start: '2026-03-27T22:00', end: '2026-03-28T02:00', zone: 'Europe/Berlin', goLive: '2026-03-27T23:00' } }),
    ),
    {
      kind: 'schedule',
      text: 'Release window set: 2026-03-27 22:00 → 2026-03-28 02:00 Europe/Berlin (go-live 2026-03-27 23:00)',
    },
  );
  const rule = { enabled: true, fromDay: 5, fromTime: '12:00', untilDay: 1, untilTime: '06:00', severity: 'block' };
  assert.equal(describeEvent(event('schedule.friday-rule-set', { rule })).text, 'Friday rule for this release: no releases Fri 12:00 → Mon 06:00 (block)');
  assert.equal(
    describeEvent(event('schedule.friday-rule-set', { rule: { ...rule, zone: 'Europe/Berlin' } })).text,
    'Friday rule for this release: no releases Fri 12:00 → Mon 06:00 Europe/Berlin (block)',
  );
  assert.equal(describeEvent(event('schedule.pods-set', { pods: [] })).text, 'Pods cleared');
});

test('release, note and four-eyes lines narrow on their types; an unknown type is shown as such', () => {
  assert.deepEqual(
    describeEvent(event('release.created', { name: 'Payments', version: '4.2', mode: 'live', goLive: '2026-06-02T22:00:00Z', zone: 'UTC', targets: [] })),
    {
      kind: 'release',
      text: 'Release created: Payments v4.2 (live)',
    },
  );
  assert.deepEqual(describeEvent(event('note.added', { kind: 'decision', text: 'Go' })), { kind: 'decision', text: 'Go' });
  assert.deepEqual(describeEvent(event('note.added', { text: 'an early note' })), { kind: 'note', text: 'an early note' });
  assert.equal(describeEvent(event('release.updated', { before: { name: 'A' }, after: { name: 'B' } })).text, 'Release changed: name');
  assert.equal(describeEvent(event('approval.carried-out', { id: 'A-1', approvedBy: ['bo', 'cy'] })).text, 'Four-eyes A-1: carried out, approved by bo, cy');
  assert.equal(describeEvent(event('approval.approved', { id: 'A-1', note: '', count: 1, required: 2 })).text, 'Four-eyes A-1: approved (1 of 2)');
  assert.equal(describeEvent(event('launch.scheduled', { title: 'from the future' })).text, 'launch.scheduled: from the future');
});

test('terminal lines narrow on the terminal types', () => {
  const finished = {
    sessionId: 's',
    targetId: 'prod',
    targetName: '',
    command: 'ls',
    startedAt: '2026-06-02T20:00:02.000Z',
    finishedAt: '',
    durationMs: 1200,
    exitCode: null,
  };
  assert.deepEqual(describeEvent(event('terminal.command-finished', finished)), {
    kind: 'terminal',
    text: 'prod $ ls → exit code unknown, 1.2 s, started 20:00:02 UTC',
  });
  const closed = { sessionId: 's', targetId: 'prod', targetName: 'Prod', exitCode: 0, durationMs: 65_000, endedBy: 'closed', closedBy: 'dana' };
  assert.equal(describeEvent(event('terminal.session-closed', closed)).text, 'Terminal on Prod ended after 1 min 05 s: closed by dana');
});
