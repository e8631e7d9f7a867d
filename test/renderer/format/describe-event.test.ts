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
  const line = describeEvent(event('risks.added', { risk: null }));
  assert.match(line.text, /^risks\.added \(not readable here: /);
  assert.match(describeEvent(event('incident.updated', { id: 'INC-1' })).text, /^incident\.updated \(not readable here: /);
});
