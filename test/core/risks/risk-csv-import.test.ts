import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addRisk, deleteRisk, transitionRisk, updateRisk } from '../../../main/core/risks/risks-commands';
import { previewRiskCsv, detectCsvDelimiter } from '../../../main/core/risks/risk-csv-import';
import { commitRiskImport } from '../../../main/core/risks/risk-import-commit';
import { exportRisksCsv, exportRisksJson, previewRiskJson } from '../../../main/core/risks/risk-export';
import type { RiskImportedData } from '../../../main/core/risks/risks-reducer';
import { WarRoomError } from '../../../contract/domain/errors';
import { riskHistory } from '../../../contract/domain/risks/risk-history';
import { newRegister } from './risk-test-helpers';

function tempFile(name: string, content: string | Uint8Array): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-risks-'));
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  return file;
}

function trickyRegister() {
  const register = newRegister();
  register.run(addRisk, {
    title: 'Zoë\'s "quick" fix, again',
    description: 'Line one, with a comma\nLine two; with a semicolon\r\nLine "three"',
    likelihood: 3,
    impact: 4,
    category: 'people',
    owner: 'Zoë Ångström',
    trigger: 'Error rate > 2% for 5m',
    mitigation: '=HYPERLINK("http://evil.invalid") must stay text',
    contingency: { plan: 'Roll back;\nthen call the 東京 pod', playbook: 'rollback.yaml', step: 'restore-db' },
    residualLikelihood: 1,
    residualImpact: 2,
    reviewDate: '2026-03-31',
  });
  register.run(addRisk, { title: 'Øresund bridge link down', likelihood: 2, impact: 5, category: 'third-party', owner: '東京チーム' });
  register.run(addRisk, { title: 'Deleted one', likelihood: 1, impact: 1 });
  register.run(addRisk, { title: '-1 is not a number here', likelihood: 5, impact: 5, category: 'compliance', description: '  leading and trailing spaces  ' });
  register.run(deleteRisk, { id: 'R-3' });
  register.run(transitionRisk, { id: 'R-2', to: 'accepted', reason: 'SLA, credits, and "best effort"', acceptedBy: 'Søren' });
  register.run(transitionRisk, { id: 'R-4', to: 'occurred' });
  register.run(updateRisk, { id: 'R-2', changes: { description: 'multi\n\nparagraph\n' } });
  return register;
}

function importInto(text: string | Uint8Array) {
  const preview = previewRiskCsv(text);
  const target = newRegister();
  target.run((state, input, context) => commitRiskImport(state, input, context), preview, 'importer');
  return { preview, target };
}

test('CSV export re-imports to the same register: quotes, commas, newlines, BOM, non-ASCII, formulas', () => {
  const source = trickyRegister();
  const csv = exportRisksCsv(source.state);
  assert.ok(csv.startsWith('\uFEFF'), 'BOM by default, so Excel reads UTF-8');
  assert.ok(csv.includes("'=HYPERLINK"), 'formula cells are protected in the file');
  const bytes = fs.readFileSync(tempFile('register.csv', csv));
  const { preview, target } = importInto(bytes);
  assert.equal(preview.hasBom, true);
  assert.equal(preview.delimiter, ',');
  assert.deepEqual(preview.badRows, []);
  assert.deepEqual(preview.missingFields, []);
  assert.ok(preview.mapping.every((column) => column.field !== null || /score|band/i.test(column.header)));
  assert.deepEqual(
    preview.rows.map((row) => row.line),
    [2, 6, 10],
    'each record at the line where it starts',
  );
  assert.deepEqual(target.state.risks, source.state.risks);
});

test('CSV round trip with semicolons and without BOM', () => {
  const source = trickyRegister();
  const csv = exportRisksCsv(source.state, { delimiter: ';', bom: false });
  assert.ok(!csv.startsWith('\uFEFF'));
  const { preview, target } = importInto(fs.readFileSync(tempFile('register.csv', csv), 'utf8'));
  assert.equal(preview.delimiter, ';');
  assert.equal(preview.hasBom, false);
  assert.deepEqual(target.state.risks, source.state.risks);
});

test('JSON export re-imports to the same register, deleted ids stay retired', () => {
  const source = trickyRegister();
  source.run(deleteRisk, { id: 'R-1' });
  const preview = previewRiskJson(fs.readFileSync(tempFile('register.json', exportRisksJson(source.state)), 'utf8'));
  assert.deepEqual(preview.badRows, []);
  const target = newRegister();
  target.run(commitRiskImport, preview);
  assert.deepEqual(target.state, source.state);
  assert.throws(
    () => previewRiskJson('{"risks": []}'),
    (error: unknown) => error instanceof WarRoomError && /not a War Room risk register/.test(error.message),
  );
  assert.throws(
    () => previewRiskJson('{'),
    (error: unknown) => error instanceof WarRoomError && error.code === 'invalid-input',
  );
});

test('a spreadsheet file: Excel sep= line, semicolons, words for levels, guessed headers', () => {
  const csv = [
    'sep=;',
    'Risk;Probability;Severity;Plan B;Early warning sign;Risk owner;Type;Score',
    'Zoë leaves mid-release;likely;major;"Hand over to 東京; pod B";Zoë offline > 30m;Ana;People;16',
    '"Øresund link, the ""slow"" one";2;5;;;Kenji;third party;10',
    '',
  ].join('\r\n');
  const preview = previewRiskCsv(csv);
  assert.equal(preview.delimiter, ';');
  assert.deepEqual(
    preview.mapping.map((column) => column.field),
    ['title', 'likelihood', 'impact', 'contingency', 'trigger', 'owner', 'category', null],
  );
  assert.deepEqual(preview.badRows, []);
  assert.deepEqual(
    preview.rows.map((row) => [row.line, row.risk.title, row.risk.likelihood, row.risk.impact, row.risk.category]),
    [
      [3, 'Zoë leaves mid-release', 4, 4, 'people'],
      [4, 'Øresund link, the "slow" one', 2, 5, 'third-party'],
    ],
  );
  assert.equal(preview.rows[0]?.risk.contingency.plan, 'Hand over to 東京; pod B');
});

test('bad rows are reported by the line where the record starts, with the reason; the rest is read', () => {
  const csv = [
    'Title,Likelihood,Impact,Description', // 1
    'Good one,1,2,"spans', // 2
    'two lines"', // 3
    'Bad level,7,2,', // 4
    'Multi-line bad impact,2,"x', // 5
    'y",', // 6
    '', // 7
    'Stray "quote" in a field,1,1,', // 8
    'Too many,1,1,a,b', // 9
    ',1,1,no title', // 10
    'Bad close,1,1,"closed"x', // 11
    'Good two,5,5,"ok ""quoted""', // 12
    'still good"', // 13
    'Unclosed,1,1,"never closed', // 14
    'Lost,1,1,', // 15
  ].join('\n');
  const preview = previewRiskCsv(csv);
  assert.deepEqual(
    preview.rows.map((row) => [row.line, row.risk.title]),
    [
      [2, 'Good one'],
      [12, 'Good two'],
    ],
  );
  assert.equal(preview.rows[1]?.risk.description, 'ok "quoted"\nstill good');
  const bad = preview.badRows.map((row) => [row.line, row.reason]);
  assert.deepEqual(
    bad.map(([line]) => line),
    [4, 5, 8, 9, 10, 11, 14],
  );
  const reasonOf = (line: number) => String(bad.find(([at]) => at === line)?.[1]);
  assert.match(reasonOf(4), /likelihood '7' must be a number from 1 to 5/);
  assert.match(reasonOf(5), /impact 'x\ny' must be a number from 1 to 5/);
  assert.match(reasonOf(8), /quote inside/);
  assert.match(reasonOf(9), /5 fields but the header has 4/);
  assert.match(reasonOf(10), /title/);
  assert.match(reasonOf(11), /text after its closing quote/);
  assert.match(reasonOf(14), /never closed/);
  assert.deepEqual(
    preview.badRows.map((row) => row.record),
    [2, 3, 4, 5, 6, 7, 9],
  );
});

test('the same bad rows are found at the same lines with CRLF line ends and a BOM', () => {
  const csv = '\uFEFFTitle,Likelihood,Impact\r\n"a\r\nb",1,1\r\nBad,0,1\r\n\r\nOK,2,2\r\n';
  const preview = previewRiskCsv(Buffer.from(csv, 'utf8'));
  assert.equal(preview.hasBom, true);
  assert.deepEqual(
    preview.rows.map((row) => [row.line, row.risk.title]),
    [
      [2, 'a b'],
      [6, 'OK'],
    ],
  );
  assert.deepEqual(
    preview.badRows.map((row) => row.line),
    [4],
  );
});

test('the mapping can be overridden by column; a missing required field blocks the commit', () => {
  const csv = 'Name,L,Sev,Notes\nDisk full,3,3,watch /var\n';
  const guessed = previewRiskCsv(csv);
  assert.deepEqual(
    guessed.mapping.map((column) => column.field),
    ['title', 'likelihood', null, null],
  );
  assert.deepEqual(guessed.missingFields, ['impact']);
  assert.deepEqual(guessed.rows, []);
  assert.throws(
    () => commitRiskImport(newRegister().state, guessed, { actor: 'a', now: 'n' }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'refused' && /Impact/.test(error.message),
  );
  const chosen = previewRiskCsv(csv, ['title', 'likelihood', 'impact', 'description']);
  assert.deepEqual(chosen.missingFields, []);
  assert.equal(chosen.rows[0]?.risk.description, 'watch /var');
  assert.throws(() => previewRiskCsv(csv, ['title', 'title', 'impact', null]), /both map to Title/);
  assert.throws(() => previewRiskCsv(csv, ['title']), /has 1 entries but the file has 4 columns/);
  assert.throws(
    () => previewRiskCsv(csv, ['title', 'likelihood', 'impact', 'constructor']),
    (error: unknown) => error instanceof WarRoomError,
  );
});

test('ids in the file are kept when never used in the register, else renumbered; duplicates are bad rows', () => {
  const target = newRegister();
  target.run(addRisk, { title: 'Existing', likelihood: 1, impact: 1 });
  target.run(addRisk, { title: 'Existing two', likelihood: 1, impact: 1 });
  const csv = 'ID,Title,Likelihood,Impact\nR-7,Seven,1,1\nR-2,Clashes with existing,1,1\n,No id,1,1\nR-7,Duplicate,1,1\nX-1,Bad id,1,1\n';
  const preview = previewRiskCsv(csv);
  assert.deepEqual(
    preview.badRows.map((row) => [row.line, row.reason]),
    [
      [5, 'id R-7 is already used by the record on line 2'],
      [6, "id 'X-1' must look like R-12 (or be left empty)"],
    ],
  );
  const [event] = target.run(commitRiskImport, preview);
  const data = event?.data as RiskImportedData;
  assert.deepEqual(data.renumbered, [{ from: 'R-2', to: 'R-8' }]);
  assert.equal(data.skippedBadRows, 2);
  assert.deepEqual(
    target.state.risks.map((risk) => [risk.id, risk.title]),
    [
      ['R-1', 'Existing'],
      ['R-2', 'Existing two'],
      ['R-7', 'Seven'],
      ['R-8', 'Clashes with existing'],
      ['R-9', 'No id'],
    ],
  );
  target.run(addRisk, { title: 'Next', likelihood: 1, impact: 1 });
  assert.equal(target.state.risks.at(-1)?.id, 'R-10');
  const history = riskHistory(target.journal, 'R-8');
  assert.deepEqual(
    history.map((entry) => [entry.kind, entry.actor, entry.snapshot?.title]),
    [['imported', 'maria', 'Clashes with existing']],
  );
});

test('a tampered preview is refused at commit', () => {
  const preview = previewRiskCsv('Title,Likelihood,Impact\nA,1,1\n');
  const tampered = { ...preview, rows: [{ ...preview.rows[0], risk: { ...preview.rows[0]?.risk, likelihood: 9 } }] };
  assert.throws(
    () => commitRiskImport(newRegister().state, tampered, { actor: 'a', now: 'n' }),
    (error: unknown) => error instanceof WarRoomError && error.code === 'invalid-input',
  );
  assert.throws(() => commitRiskImport(newRegister().state, { ...preview, rows: [] }, { actor: 'a', now: 'n' }), /Nothing to import/);
});

test('empty files, non-UTF-8 bytes and an unreadable header are refused with a reason', () => {
  const refused = (input: string | Uint8Array, pattern: RegExp) =>
    assert.throws(
      () => previewRiskCsv(input),
      (error: unknown) => error instanceof WarRoomError && error.code === 'invalid-input' && pattern.test(error.message),
    );
  refused('', /empty/);
  refused('\uFEFF', /empty/);
  refused(Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xe9, 0x2c, 0x31]), /not UTF-8/);
  refused('"Title,Likelihood,Impact\nA,1,1\n', /Line 1: the header row cannot be read/);
});

test('the delimiter is detected from the header row, ignoring quoted ones', () => {
  assert.equal(detectCsvDelimiter('Title;Likelihood;Impact\nA,b;1;1'), ';');
  assert.equal(detectCsvDelimiter('Title,Likelihood,Impact\nA;b,1,1'), ',');
  assert.equal(detectCsvDelimiter('"Title;with;semicolons",Likelihood\n'), ',');
  assert.equal(detectCsvDelimiter('Title'), ',');
});
