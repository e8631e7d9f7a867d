// Property tests of the CSV import: whatever the text, the preview answers with a
// preview or a WarRoomError (never a crash), never pollutes Object.prototype, and any
// register survives an export and re-import unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { previewRiskCsv } from '../../../main/core/risks/risk-csv-import';
import { commitRiskImport } from '../../../main/core/risks/risk-import-commit';
import { exportRisksCsv } from '../../../main/core/risks/risk-export';
import { addRisk, transitionRisk } from '../../../main/core/risks/risks-commands';
import { RISK_CATEGORIES } from '../../../contract/domain/risks/risk-model';
import { WarRoomError } from '../../../contract/domain/errors';
import { newRegister } from './risk-test-helpers';

const csvPieces = fc.constantFrom(
  ',',
  ';',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\uFEFF',
  'sep=;\n',
  'a',
  'é',
  '東京',
  'R-1',
  'R-0',
  '1',
  '5',
  '9',
  '=',
  "'",
  'Title',
  'Likelihood',
  'Impact',
  'ID',
  'Status',
  'accepted',
  '__proto__',
  'constructor',
);
const csvText = fc.oneof(
  fc.array(csvPieces, { maxLength: 60 }).map((pieces) => pieces.join('')),
  fc.array(csvPieces, { maxLength: 40 }).map((pieces) => `Title,Likelihood,Impact,ID\n${pieces.join('')}`),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

test('random CSV text never crashes the preview: a preview or a WarRoomError', () => {
  fc.assert(
    fc.property(csvText, (text) => {
      try {
        const preview = previewRiskCsv(text);
        const lines = lineCount(text);
        for (const entry of [...preview.rows, ...preview.badRows]) {
          assert.ok(entry.line !== null && entry.line >= 1 && entry.line <= lines, `line ${entry.line} within 1..${lines}`);
        }
        for (const problem of preview.badRows) assert.ok(problem.reason.length > 0);
        if (preview.rows.length > 0) {
          const register = newRegister();
          register.run(commitRiskImport, preview);
          assert.equal(register.state.risks.length, preview.rows.length);
        }
      } catch (error) {
        if (!(error instanceof WarRoomError)) throw error;
      }
    }),
    { numRuns: 400 },
  );
});

test('__proto__, constructor and prototype headers leave Object.prototype unchanged', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const header = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'Title', 'Likelihood', 'Impact', 'polluted');
  const cell = fc.constantFrom('1', '3', 'x', '{"polluted":1}', 'polluted', '');
  fc.assert(
    fc.property(fc.array(header, { minLength: 1, maxLength: 8 }), fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 5 }), (headers, rows) => {
      const text = [headers.join(','), ...rows.map((row) => row.join(','))].join('\n');
      try {
        const preview = previewRiskCsv(text);
        if (preview.rows.length > 0) newRegister().run(commitRiskImport, preview);
      } catch (error) {
        if (!(error instanceof WarRoomError)) throw error;
      }
      try {
        previewRiskCsv(
          text,
          headers.map((name) => name),
        );
      } catch (error) {
        if (!(error instanceof WarRoomError)) throw error;
      }
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    }),
    { numRuns: 200 },
  );
  const preview = previewRiskCsv('__proto__,Title,Likelihood,Impact\n"{""polluted"":1}",A,1,1\n');
  assert.equal(preview.rows.length, 1);
  assert.equal(preview.mapping[0]?.field, null);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

const prose = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', "'", '=', '-', '\n', '\r\n', 'ë', '東', 'Ø', '\t'), maxLength: 30 });
const level = fc.integer({ min: 1, max: 5 });

test('any register survives a CSV export and re-import unchanged (either delimiter, with or without BOM)', () => {
  const risk = fc.record({
    title: prose.filter((text) => text.trim() !== ''),
    description: prose,
    category: fc.constantFrom(...RISK_CATEGORIES),
    likelihood: level,
    impact: level,
    owner: prose,
    trigger: prose,
    mitigation: prose,
    contingency: fc.record({ plan: prose, playbook: fc.option(prose), step: fc.option(prose) }),
    residualLikelihood: fc.option(level),
    residualImpact: fc.option(level),
    reviewDate: fc.option(fc.constantFrom('2026-01-31', '2028-02-29')),
  });
  fc.assert(
    fc.property(
      fc.array(fc.tuple(risk, fc.constantFrom('open', 'mitigating', 'accepted', 'occurred', 'closed'), prose), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(',', ';' as const),
      fc.boolean(),
      (risks, delimiter, bom) => {
        const source = newRegister();
        for (const [input, status, reason] of risks) {
          source.run(addRisk, input);
          const id = source.state.risks.at(-1)?.id;
          if (status !== 'open') source.run(transitionRisk, { id, to: status, reason: reason.trim() === '' ? 'because' : reason, acceptedBy: 'Søren' });
        }
        const preview = previewRiskCsv(exportRisksCsv(source.state, { delimiter, bom }));
        assert.deepEqual(preview.badRows, []);
        const target = newRegister();
        target.run(commitRiskImport, preview);
        assert.deepEqual(target.state, source.state);
      },
    ),
    { numRuns: 150 },
  );
});
