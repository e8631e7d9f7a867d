import { test } from 'node:test';
import assert from 'node:assert/strict';
import { previewRiskCsv } from '../../../main/core/risks/risk-csv-import';
import { commitRiskImport } from '../../../main/core/risks/risk-import-commit';
import { canonicalJson } from '../../../main/core/journal/canonical-json';

test('an import event is built in canonical member order, so the journal writes it as it is', () => {
  const csv =
    'Title,Likelihood,Impact,Owner,Accepted by,Acceptance reason,Status\nDNS cut-over,3,4,Zoë,Ana,Low traffic window,accepted\nCDN purge,2,2,,,,open\n';
  const [event] = commitRiskImport({ risks: [], nextNumber: 1 }, previewRiskCsv(csv), { actor: 'tester', now: '2026-11-22T10:00:00.000Z' });
  assert.ok(event);
  assert.equal(JSON.stringify(event.data), canonicalJson(event.data));
});
