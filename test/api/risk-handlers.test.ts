import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import type { RequestName, RequestOutput } from '../../contract/requests';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'maria', transport: 'test' } as const;

async function open(): Promise<{ services: Services; slug: string; journal: string }> {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  return { services, slug: listing!.slug, journal: join(services.workspace.releasesDir, listing!.slug, 'journal.jsonl') };
}

async function call<Name extends RequestName>(services: Services, name: Name, input: unknown): Promise<RequestOutput<Name>> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as RequestOutput<Name>;
}

function journalTypes(file: string): string[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { type: string }).type);
}

test('add, update, transition and close a risk; each change is journaled and in its history', async () => {
  const { services, slug, journal } = await open();
  const added = await call(services, 'risk.add', { slug, title: 'Payment provider throttles us', likelihood: 3, impact: 5, owner: 'Zoë' });
  assert.equal(added.id, 'R-4', 'the demo has R-1..R-3');
  const updated = await call(services, 'risk.update', { slug, id: added.id, changes: { likelihood: 2, mitigation: 'Raise the quota' } });
  assert.equal(updated.likelihood, 2);
  await call(services, 'risk.transition', { slug, id: added.id, to: 'accepted', reason: 'Quota raised for the night', acceptedBy: 'Priya' });
  const occurred = await call(services, 'risk.transition', { slug, id: added.id, to: 'occurred', note: 'HTTP 429 at 22:14' });
  assert.equal(occurred.status, 'occurred');
  const closed = await call(services, 'risk.close', { slug, id: added.id, note: 'Handled' });
  assert.equal(closed.status, 'closed');
  const types = journalTypes(journal);
  // The risk that occurred opened its incident in the same command.
  assert.deepEqual(types.slice(-6), ['risks.added', 'risks.updated', 'risks.status-changed', 'risks.occurred', 'incident.opened', 'risks.status-changed']);
  const history = await call(services, 'risk.history', { slug, id: added.id });
  assert.deepEqual(
    history.map((entry) => entry.kind),
    ['added', 'updated', 'status-changed', 'occurred', 'status-changed'],
  );
  assert.deepEqual(
    history[1]!.changes.find((change) => change.field === 'likelihood'),
    { field: 'likelihood', before: 3, after: 2 },
  );
  assert.equal(history[2]!.acceptance?.by, 'Priya');
  assert.equal(history[0]!.actor, 'maria');
  await services.dispose();
});

test('illegal transitions and bad input come back as typed errors and journal nothing', async () => {
  const { services, slug, journal } = await open();
  const before = readFileSync(journal);
  const cases: [RequestName, unknown, RegExp][] = [
    [
      'risk.transition',
      { slug, id: 'R-1', to: 'mitigated' },
      /R-1 cannot go from open to mitigated; from open it can go to: mitigating, accepted, occurred, closed/,
    ],
    ['risk.transition', { slug, id: 'R-1', to: 'accepted' }, /needs a reason/],
    ['risk.add', { slug, title: 'x', likelihood: 6, impact: 1 }, /'likelihood' must be from 1 to 5/],
    ['risk.add', { slug, title: 'x', likelihood: 1, impact: 1, extra: 1 }, /extra/],
    ['risk.update', { slug, id: 'R-99', changes: { likelihood: 2 } }, /There is no risk R-99/],
    ['risk.delete', { slug, id: 'nope' }, /'id' must be a risk id/],
  ];
  for (const [name, input, message] of cases) {
    const result = await dispatch(services, name, input, context);
    assert.equal(result.ok, false, `${name} ${JSON.stringify(input)}`);
    if (!result.ok) assert.match(result.error.message, message);
  }
  assert.deepEqual(readFileSync(journal), before);
  await services.dispose();
});

test('CSV import in two phases: the preview imports nothing, reports bad rows by line, the commit journals the good ones', async () => {
  const { services, slug, journal } = await open();
  const csv = '\uFEFFRisk;Probability;Severity;Owner\n"DNS; cut over";3;4;Zoë\nBroken row;9;2;x\n"Multi\nline";2;2;東京\n';
  const before = readFileSync(journal);
  const preview = await call(services, 'risk.import-preview', { slug, format: 'csv', text: csv });
  assert.equal(preview.delimiter, ';');
  assert.equal(preview.rows.length, 2);
  assert.deepEqual(
    preview.badRows.map((row) => row.line),
    [3],
  );
  assert.match(preview.badRows[0]!.reason, /likelihood '9' must be a number from 1 to 5/);
  assert.deepEqual(readFileSync(journal), before, 'a preview imports nothing');

  const remapped = await call(services, 'risk.import-preview', { slug, format: 'csv', text: csv, mapping: ['title', 'impact', 'likelihood', null] });
  assert.equal(remapped.rows[0]!.risk.likelihood, 4);
  assert.equal(remapped.rows[0]!.risk.owner, '');

  const result = await call(services, 'risk.import-commit', { slug, previewId: preview.previewId });
  assert.deepEqual(result.ids, ['R-4', 'R-5']);
  // A preview is committed once, by the release it was made for; the id is all that comes back.
  const again = await dispatch(services, 'risk.import-commit', { slug, previewId: preview.previewId }, context);
  assert.equal(again.ok, false);
  if (!again.ok) assert.match(again.error.message, /no longer available/);
  const sent = await dispatch(services, 'risk.import-commit', { slug, preview: remapped }, context);
  assert.equal(sent.ok, false, 'a preview sent back by the renderer is not accepted');
  assert.equal(result.skippedBadRows, 1);
  assert.equal(journalTypes(journal).at(-1), 'risks.imported');
  const view = await call(services, 'release.get', { slug });
  assert.deepEqual(
    view.state.risks.risks.slice(-2).map((risk) => [risk.title, risk.owner]),
    [
      ['DNS; cut over', 'Zoë'],
      ['Multi line', '東京'],
    ],
  );
  await services.dispose();
});

test('export CSV and JSON re-import to the same register in a new release', async () => {
  const { services, slug } = await open();
  await call(services, 'risk.transition', { slug, id: 'R-2', to: 'accepted', reason: 'Backward compatible, "tested"', acceptedBy: 'Priya' });
  const source = (await call(services, 'release.get', { slug })).state.risks.risks;
  for (const format of ['csv', 'json'] as const) {
    const file = await call(services, 'risk.export', { slug, format });
    assert.match(file.fileName, new RegExp(`^${slug}-risks-\\d{4}-\\d\\d-\\d\\d\\.${format}$`));
    const target = await call(services, 'release.create', {
      definition: { name: `Import ${format}`, mode: 'rehearsal', goLive: '2026-12-01T22:00:00+01:00', zone: 'Europe/Berlin' },
    });
    const preview = await call(services, 'risk.import-preview', { slug: target.slug, format, text: file.text });
    assert.deepEqual(preview.badRows, []);
    await call(services, 'risk.import-commit', { slug: target.slug, previewId: preview.previewId });
    const imported = (await call(services, 'release.get', { slug: target.slug })).state.risks.risks;
    assert.deepEqual(imported, source, format);
  }
  await services.dispose();
});

test('go/no-go lists unsettled high and critical risks with whether each has a mitigation', async () => {
  const { services, slug } = await open();
  await call(services, 'risk.add', { slug, title: 'No mitigation yet', likelihood: 5, impact: 5 });
  const risks = await call(services, 'risk.go-no-go', { slug });
  assert.deepEqual(
    risks.map((risk) => [risk.row.id, risk.row.band, risk.hasMitigation]),
    [
      ['R-4', 'critical', false],
      ['R-1', 'high', true],
      ['R-2', 'high', true],
    ],
  );
  await services.dispose();
});
