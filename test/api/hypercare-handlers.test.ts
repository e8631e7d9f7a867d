import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import type { Result } from '../../contract/result';
import type { HypercareIssue, HypercareLaneView } from '../../contract/requests/hypercare-requests';
import { DEFAULT_SLA_SETTINGS } from '../../contract/domain/hypercare/sla-settings';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;

async function demo(workspaceDir = tempDir()): Promise<{ services: Services; slug: string; journal: string }> {
  const services = await bootServices({ workspaceDir, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  return { services, slug: listing!.slug, journal: join(services.workspace.releasesDir, listing!.slug, 'journal.jsonl') };
}

async function ok<Value>(services: Services, name: string, input: unknown): Promise<Value> {
  const result: Result<unknown> = await dispatch(services, name, input, context);
  if (!result.ok) assert.fail(`${name} failed: ${result.error.message}`);
  return result.value as Value;
}

test('issues are logged, triaged and moved through the contract; the lane counts the active ones; every step is journaled', async () => {
  const { services, slug, journal } = await demo();
  try {
    const first = await ok<HypercareIssue>(services, 'hypercare.issue-log', {
      slug,
      title: 'ACME cannot pay',
      source: 'customer',
      customer: 'ACME',
      severity: 'sev1',
      impact: 4,
      urgency: 4,
    });
    await ok(services, 'hypercare.issue-log', { slug, title: 'Slow search', source: 'monitoring', severity: 'sev3', impact: 2, urgency: 1 });
    let lane = await ok<HypercareLaneView>(services, 'hypercare.lane', { slug });
    assert.equal(lane.activeCount, 2);
    assert.deepEqual(
      lane.active.map((card) => card.issue.title),
      ['ACME cannot pay', 'Slow search'],
    );
    assert.deepEqual(
      lane.active[0]!.timers.map((timer) => [timer.clock, timer.targetMinutes, timer.status]),
      [
        ['acknowledge', 15, 'ok'],
        ['mitigate', 60, 'ok'],
        ['resolve', 1440, 'ok'],
      ],
    );
    const refused = await dispatch(services, 'hypercare.issue-move', { slug, id: first.id, to: 'triaged' }, context);
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.error.message : '', /no point of contact/);
    const bad = await dispatch(services, 'hypercare.issue-log', { slug, title: 'x', source: 'pod', severity: 'sev9' }, context);
    assert.equal(bad.ok, false);
    await ok(services, 'hypercare.issue-triage', { slug, id: first.id, contact: 'Priya' });
    await ok(services, 'hypercare.issue-move', { slug, id: first.id, to: 'triaged' });
    const mitigated = await ok<HypercareIssue>(services, 'hypercare.issue-move', {
      slug,
      id: first.id,
      to: 'mitigated',
      remedy: { kind: 'roll-back', reason: 'payments 4.2 rolled back to 4.1' },
    });
    assert.equal(mitigated.state, 'mitigated');
    lane = await ok<HypercareLaneView>(services, 'hypercare.lane', { slug });
    assert.equal(lane.activeCount, 1);
    assert.equal(lane.settled[0]!.issue.id, first.id);
    assert.equal(lane.partial, false);
    // The top of each lane for a first paint: one card each, the counts of all.
    await ok(services, 'hypercare.issue-log', { slug, title: 'Logo missing', source: 'pod', severity: 'sev4', impact: 1, urgency: 1 });
    const top = await ok<HypercareLaneView>(services, 'hypercare.lane', { slug, first: 1 });
    assert.deepEqual(
      [top.active.map((card) => card.issue.title), top.activeCount, top.settled.length, top.settledCount, top.partial],
      [['Slow search'], 2, 1, 1, true],
    );
    const types = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { type: string }).type)
      .filter((type) => type.startsWith('hypercare.'));
    assert.deepEqual(types, [
      'hypercare.issue-logged',
      'hypercare.issue-logged',
      'hypercare.issue-triaged',
      'hypercare.issue-moved',
      'hypercare.issue-moved',
      'hypercare.issue-logged',
    ]);
    const report = await ok<{ model: { hypercare: { active: number; compliance: { clock: string; met: number; percent: number | null }[] } } }>(
      services,
      'report.preview',
      { slug },
    );
    assert.equal(report.model.hypercare.active, 2);
    assert.deepEqual(
      report.model.hypercare.compliance.map((row) => [row.clock, row.met, row.percent]),
      [
        ['acknowledge', 1, 100],
        ['mitigate', 1, 100],
        ['resolve', 0, null],
      ],
    );
  } finally {
    await services.dispose();
  }
});

test('SLA settings are saved per workspace and refused when they do not add up; a broken file is named, then moved aside on save', async () => {
  const workspaceDir = tempDir();
  writeFileSync(join(workspaceDir, 'hypercare-sla.json'), '{ not json');
  const { services } = await demo(workspaceDir);
  try {
    assert.deepEqual(await ok(services, 'hypercare.sla-get', {}), DEFAULT_SLA_SETTINGS);
    assert.ok(services.workspace.warnings.some((warning) => warning.includes('hypercare-sla.json is not JSON')));
    const wrong = await dispatch(services, 'hypercare.sla-save', { settings: { ...DEFAULT_SLA_SETTINGS, warnAt: 2 } }, context);
    assert.equal(wrong.ok, false);
    await ok(services, 'hypercare.sla-save', { settings: { ...DEFAULT_SLA_SETTINGS, warnAt: 0.5 } });
    assert.equal(JSON.parse(readFileSync(join(workspaceDir, 'hypercare-sla.json'), 'utf8')).warnAt, 0.5);
  } finally {
    await services.dispose();
  }
});
