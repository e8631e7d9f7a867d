import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { WarRoomError } from '../../../contract/domain/errors';
import type { DomainEvent } from '../../../main/core/checklist/domain-event';
import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { initialChecklistState, reduceChecklist } from '../../../main/core/checklist/checklist-reducer';
import { addItem, applyTemplate, changeItemStatus } from '../../../main/core/checklist/checklist-commands';
import { checklistToTemplate, formatChecklistTemplate, parseChecklistTemplate } from '../../../main/core/checklist/checklist-template';
import { initialPlanState } from '../../../contract/domain/plan/plan-model';
import { reducePlan } from '../../../main/core/plan/plan-reducer';

const ctx = { actor: 'ana', now: '2026-03-20T09:00:00.000Z' };
const shippedPath = new URL('../../../assets/templates/go-live.yaml', import.meta.url);
const shipped = readFileSync(shippedPath, 'utf8');

function apply(state: ChecklistState, events: readonly DomainEvent[]): ChecklistState {
  return events.reduce((current, event, index) => reduceChecklist(current, { ...event, actor: ctx.actor, ts: ctx.now, seq: index }), state);
}

function templateError(source: string, file = 'broken.yaml'): WarRoomError {
  try {
    parseChecklistTemplate(source, file);
  } catch (error) {
    assert.ok(error instanceof WarRoomError, `expected WarRoomError, got ${String(error)}`);
    return error;
  }
  assert.fail('the template was accepted');
}

test('the shipped go-live template validates and covers the practice', () => {
  const template = parseChecklistTemplate(shipped, 'go-live.yaml');
  assert.deepEqual(
    template.phases.map((phase) => phase.title),
    ['Preparation', 'Go/No-Go', 'Cutover', 'Verification', 'Post-release'],
  );
  const ids = template.phases.flatMap((phase) => phase.items.map((item) => item.id));
  for (const id of [
    'stakeholders-informed',
    'partners-informed',
    'key-people-available',
    'data-migration-ready',
    'third-party-dependencies-checked',
    'cicd-infrastructure-ready',
    'monitoring-ready',
    'support-on-call-briefed',
    'load-test-release-build',
    'dry-run-done',
    'security-review',
    'regulatory-duties',
    'rollback-plan-written',
    'rollback-rehearsed',
    'go-no-go-held',
    'canary-plan',
    'post-release-monitoring',
    'post-mortem-scheduled',
  ]) {
    assert.ok(ids.includes(id), `missing ${id}`);
  }
  for (const item of template.phases.flatMap((phase) => phase.items)) {
    assert.ok(item.owner?.role !== undefined, `${item.id ?? item.title} has no owner`);
    assert.ok(item.due !== undefined, `${item.id ?? item.title} has no due time`);
  }
  // The go/no-go item is due at T-0 so it does not hold its own GO.
  assert.equal(template.phases[1]?.items.find((item) => item.id === 'go-no-go-held')?.due, 'T-0');
});

test('schema errors name the file, line and column', () => {
  const source = [
    'name: Broken', //                1
    'version: 1', //                  2
    'phases:', //                     3
    '  - title: Preparation', //      4
    '    items:', //                  5
    '      - title: Rollback', //     6
    '        due: T-3x', //           7
    '        requried: true', //      8
    '      - detail: no title', //    9
    '        owner: { role: 7 }', //  10
  ].join('\n');
  const error = templateError(source);
  assert.equal(error.code, 'invalid-input');
  assert.match(error.message, /^Checklist template broken\.yaml /);
  assert.match(error.message, /line 7, column 14: 'phases\.0\.items\.0\.due' 'T-3x' must be a time relative to T-0/);
  assert.match(error.message, /line 8, column 9: 'phases\.0\.items\.0' has unknown key 'requried'/);
  assert.match(error.message, /line 9, column 9: 'phases\.0\.items\.1\.title' is missing/);
  assert.match(error.message, /line 10, column 24: 'phases\.0\.items\.1\.owner\.role' must be a string/);
  assert.deepEqual(
    error.locations.find((location) => location.field === 'phases.0.items.0.due'),
    { file: 'broken.yaml', line: 7, column: 14, field: 'phases.0.items.0.due' },
  );
});

test('a missing key points at the map that lacks it; duplicates point at the second one', () => {
  const missing = templateError('name: X\nphases:\n  - title: A\n');
  assert.match(missing.message, /line 1, column 1: 'version' must be 1/);
  const duplicate = templateError(
    'name: X\nversion: 1\nphases:\n  - title: A\n    items:\n      - { id: a, title: One }\n      - { id: a, title: Two }\n  - title: a\n',
  );
  assert.match(duplicate.message, /line 7, column 15: 'phases\.0\.items\.1\.id' item id 'a' appears twice/);
  assert.match(duplicate.message, /line 8, column 12: 'phases\.1\.title' phase 'a' appears twice/);
});

test('YAML syntax errors, duplicate keys and alias bombs are reported with a location', () => {
  const syntax = templateError('name: X\nversion: 1\nphases:\n  - title: A\n    items: [\n');
  assert.ok((syntax.locations[0]?.line ?? 0) >= 5, syntax.message);
  const keys = templateError('name: X\nname: Y\nversion: 1\nphases: []\n');
  assert.match(keys.message, /line 2, column 1: .*[Uu]nique/);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level < 9; level += 1)
    bomb.push(
      `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + level)}`)
        .join(', ')}]`,
    );
  const aliases = templateError(bomb.join('\n'));
  assert.match(aliases.message, /line 1, column 1: could not be read/);
  assert.match(templateError('').message, /line 1, column 1/);
  const deep = templateError('name: X\nversion: 1\nphases: ' + '['.repeat(20_000) + ']'.repeat(20_000));
  assert.match(deep.message, /line 3, column \d+: .*nested too deeply/);
});

test('a bad template changes nothing: the command throws and returns no event', () => {
  const state = apply(initialChecklistState(), applyTemplate(initialChecklistState(), { file: 'go-live.yaml', source: shipped }, ctx));
  const before = JSON.stringify(state);
  assert.throws(
    () => applyTemplate(state, { file: 'bad.yaml', source: 'name: X\nversion: 2\nphases: []\n' }, ctx),
    /bad\.yaml line 2, column 10: 'version' must be 1/,
  );
  assert.equal(JSON.stringify(state), before);
});

test('templates append into phases of the same title; replace is refused once work started', () => {
  let state = apply(initialChecklistState(), applyTemplate(initialChecklistState(), { file: 'go-live.yaml', source: shipped }, ctx));
  const count = Object.keys(state.items).length;
  const extra =
    'name: Extra\nversion: 1\nphases:\n  - title: cutover\n    items:\n      - { id: deploy, title: Deploy the hotfix too, due: T+45m, required: true }\n  - title: Hypercare\n';
  state = apply(state, applyTemplate(state, { file: 'extra.yaml', source: extra }, ctx));
  assert.equal(Object.keys(state.items).length, count + 1);
  assert.equal(state.phases.length, 6);
  const cutover = state.phases.find((phase) => phase.id === 'cutover');
  assert.equal(cutover?.itemIds.at(-1), 'deploy');
  assert.deepEqual(
    state.templates.map((template) => template.file),
    ['go-live.yaml', 'extra.yaml'],
  );
  state = apply(state, changeItemStatus(state, { itemId: 'deploy', status: 'in-progress' }, ctx));
  assert.throws(
    () => applyTemplate(state, { file: 'extra.yaml', source: extra, mode: 'replace' }, ctx),
    /work has started \('Deploy the hotfix too' is in progress\)/,
  );
  const fresh = apply(
    initialChecklistState(),
    addItem(
      apply(initialChecklistState(), applyTemplate(initialChecklistState(), { file: 'extra.yaml', source: extra }, ctx)),
      { phaseId: 'hypercare', title: 'Watch' },
      ctx,
    ),
  );
  const replaced = apply(fresh, applyTemplate(fresh, { file: 'go-live.yaml', source: shipped, mode: 'replace' }, ctx));
  assert.deepEqual(
    replaced.phases.map((phase) => phase.title),
    ['Preparation', 'Go/No-Go', 'Cutover', 'Verification', 'Post-release'],
  );
});

test('applying a template twice reuses its phases and gives the new items fresh ids', () => {
  const once = apply(initialChecklistState(), applyTemplate(initialChecklistState(), { file: 'go-live.yaml', source: shipped }, ctx));
  const twice = apply(once, applyTemplate(once, { file: 'go-live.yaml', source: shipped }, ctx));
  assert.equal(twice.phases.length, 5);
  assert.equal(Object.keys(twice.items).length, 2 * Object.keys(once.items).length);
  assert.deepEqual(twice.phases[0]?.itemIds.slice(0, 1), ['stakeholders-informed']);
  assert.ok(twice.phases[0]?.itemIds.includes('stakeholders-informed-2'));
  const untitled = 'name: U\nversion: 1\nphases:\n  - title: Prep work\n    items:\n      - title: Check the Backups!\n';
  const state = apply(initialChecklistState(), applyTemplate(initialChecklistState(), { file: 'u.yaml', source: untitled }, ctx));
  assert.deepEqual(
    state.phases.map((phase) => [phase.id, phase.itemIds]),
    [['prep-work', ['check-the-backups']]],
  );
  assert.equal(state.items['check-the-backups']?.required, false);
});

test('export writes the same YAML back: a round trip through a file keeps every field', () => {
  const folder = mkdtempSync(join(tmpdir(), 'warroom-template-'));
  try {
    const original = parseChecklistTemplate(shipped, 'go-live.yaml');
    const events = applyTemplate(initialChecklistState(), { file: 'go-live.yaml', source: shipped }, ctx);
    const state = apply(initialChecklistState(), events);
    // Durations and dependencies live in the plan slice, fed by the same event.
    const plan = events.reduce((current, event, index) => reducePlan(current, { ...event, actor: ctx.actor, ts: ctx.now, seq: index }), initialPlanState());
    const exported = formatChecklistTemplate(checklistToTemplate(state, original.name, original.description, plan));
    const file = join(folder, 'exported.yaml');
    writeFileSync(file, exported);
    const reread = parseChecklistTemplate(readFileSync(file, 'utf8'), file);
    assert.deepEqual(reread, original);
    assert.equal(formatChecklistTemplate(reread), exported);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

function assertOnlyLocatedErrors(source: string): void {
  try {
    parseChecklistTemplate(source, 'random.yaml');
  } catch (error) {
    assert.ok(error instanceof WarRoomError, `not a WarRoomError: ${String(error)}`);
    assert.ok(error.locations.length > 0, error.message);
    for (const location of error.locations) {
      assert.equal(location.file, 'random.yaml');
      assert.ok(Number.isInteger(location.line) && (location.line ?? 0) >= 1, error.message);
      assert.ok(Number.isInteger(location.column) && (location.column ?? 0) >= 1, error.message);
    }
  }
}

test('random YAML never crashes the template parser: only WarRoomError with line and column', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), assertOnlyLocatedErrors), { numRuns: 400 });
  const yamlish = fc.array(
    fc.constantFrom(
      'name: ',
      'version: 1',
      'phases:',
      '  - ',
      'title: ',
      'items:',
      '    - ',
      '&a ',
      '*a',
      '[',
      ']',
      '{',
      '}',
      ': ',
      '\n',
      '  ',
      '- ',
      '"',
      "'",
      '#',
      '|',
      '>',
      'T-3d',
      'due: ',
      '!!binary ',
      '? ',
      ',',
      'x',
    ),
    { maxLength: 60 },
  );
  fc.assert(
    fc.property(yamlish, (parts) => assertOnlyLocatedErrors(parts.join(''))),
    { numRuns: 600 },
  );
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => assertOnlyLocatedErrors(stringify(value))),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.nat(shipped.length - 1), fc.string({ maxLength: 5 }), (at, insert) =>
      assertOnlyLocatedErrors(shipped.slice(0, at) + insert + shipped.slice(at + 1)),
    ),
    { numRuns: 200 },
  );
});

test('a template carries durations and dependencies into the plan, renamed ids followed', () => {
  const source = [
    'name: Cutover',
    'version: 1',
    'phases:',
    '  - title: Cutover',
    '    items:',
    '      - { id: backup, title: Backup taken, duration: 15m }',
    '      - { id: deploy, title: Deploy, duration: 1h30m, dependsOn: [backup] }',
  ].join('\n');
  const existing = apply(initialChecklistState(), applyTemplate(initialChecklistState(), { file: 'first.yaml', source }, ctx));
  const [event] = applyTemplate(existing, { file: 'second.yaml', source }, ctx);
  assert.deepEqual((event?.data as { plan?: unknown }).plan, [
    { nodeId: 'item:backup-2', dependsOn: [], plannedMs: 15 * 60_000 },
    { nodeId: 'item:deploy-2', dependsOn: ['item:backup-2'], plannedMs: 90 * 60_000 },
  ]);
});

test('a template whose dependencies make a cycle is refused with the cycle named and its line', () => {
  const source = [
    'name: Cutover',
    'version: 1',
    'phases:',
    '  - title: Cutover',
    '    items:',
    '      - { id: a, title: Migrate schema, dependsOn: [c] }',
    '      - { id: b, title: Deploy API, dependsOn: [a] }',
    '      - { id: c, title: Release mobile, dependsOn: [b] }',
    '      - { id: d, title: Announce, dependsOn: [nothing], duration: soon }',
  ].join('\n');
  const error = templateError(source, 'cycle.yaml');
  assert.match(
    error.message,
    /the dependencies make a cycle: (Migrate schema -> Release mobile -> Deploy API -> Migrate schema|Deploy API -> Migrate schema -> Release mobile -> Deploy API|Release mobile -> Deploy API -> Migrate schema -> Release mobile)/,
  );
  assert.match(error.message, /'nothing' is not the id of an item of this template/);
  assert.match(error.message, /must be a duration like 30m/);
  assert.ok(
    error.locations.every((location) => location.file === 'cycle.yaml' && (location.line ?? 0) >= 6),
    JSON.stringify(error.locations),
  );
});
