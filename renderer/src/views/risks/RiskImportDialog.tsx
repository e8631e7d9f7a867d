import { useState } from 'react';
import type { RiskCsvField, RiskImportPreviewView, RiskImportResult } from '../../../../contract/models';
import { RISK_CSV_FIELDS, RISK_CSV_HEADERS, RISK_CSV_REQUIRED_FIELDS, riskBand, riskScore } from '../../../../contract/risk-register';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

/** How much of a big file the preview lists: the counts are exact, the lists are a sample. */
const SHOWN = {
  rows: 200,
  badRows: 500,
} as const;

export interface ImportSource {
  readonly fileName: string;
  readonly format: 'csv' | 'json';
  readonly text: string;
}

interface Props {
  readonly slug: string;
  readonly source: ImportSource;
  readonly initial: RiskImportPreviewView;
  readonly onClose: () => void;
  readonly onImported: (result: RiskImportResult) => void;
}

/**
 * The import preview: how the columns were understood (editable), the rows that would be
 * imported and the bad rows with their line and reason. Nothing is imported until
 * Confirm; Cancel leaves the register as it was.
 */
export function RiskImportDialog({ slug, source, initial, onClose, onImported }: Props) {
  const [preview, setPreview] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const remap = (column: number, field: RiskCsvField | null) => {
    const mapping = preview.mapping.map((entry) => (entry.column === column ? field : entry.field === field && field !== null ? null : entry.field));
    setBusy(true);
    client.call('risk.import-preview', { slug, format: 'csv', text: source.text, mapping }).then(
      (next) => {
        setBusy(false);
        setError(null);
        setPreview(next);
      },
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };

  const confirm = () => {
    setBusy(true);
    // Main commits the preview it made and kept: only its id goes back.
    client.call('risk.import-commit', { slug, previewId: preview.previewId }).then(onImported, (failure: Error) => {
      setBusy(false);
      setError(failure.message);
    });
  };

  const blocked = preview.missingFields.length > 0 || preview.rows.length === 0;
  const details = [
    source.format.toUpperCase(),
    preview.delimiter ? `delimiter ${preview.delimiter === ';' ? 'semicolon' : 'comma'}` : '',
    preview.hasBom ? 'UTF-8 with BOM' : 'UTF-8',
  ].filter(Boolean);
  return (
    <Dialog title={`Import risks from ${source.fileName}`} onClose={onClose} wide>
      <div className="risk-import" data-testid="risk-import">
        <p className="import-summary">
          {details.join(' · ')} — <strong data-testid="import-good-count">{preview.rows.length}</strong> row{preview.rows.length === 1 ? '' : 's'} to import,{' '}
          <strong className={preview.badRows.length > 0 ? 'bad' : ''} data-testid="import-bad-count">
            {preview.badRows.length}
          </strong>{' '}
          bad row{preview.badRows.length === 1 ? '' : 's'} left out. Nothing is imported until you confirm.
        </p>
        {preview.format === 'csv' ? (
          <section>
            <h3>Columns</h3>
            <div className="mapping-grid" data-testid="import-mapping">
              {preview.mapping.map((entry) => (
                <label key={entry.column} className={entry.field === null ? 'ignored' : ''}>
                  <span className="mapping-header" title={entry.header}>
                    {entry.column + 1}. {entry.header || '(no header)'}
                  </span>
                  <select
                    value={entry.field ?? ''}
                    disabled={busy}
                    onChange={(event) => remap(entry.column, (event.target.value || null) as RiskCsvField | null)}
                    data-testid={`mapping-${entry.column}`}
                  >
                    <option value="">ignore</option>
                    {RISK_CSV_FIELDS.map((field) => (
                      <option key={field} value={field}>
                        {RISK_CSV_HEADERS[field]}
                        {RISK_CSV_REQUIRED_FIELDS.includes(field) ? ' *' : ''}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {preview.missingFields.length > 0 ? (
              <div className="form-error" role="alert">
                No column is mapped to {preview.missingFields.map((field) => RISK_CSV_HEADERS[field]).join(', ')}: pick one above.
              </div>
            ) : null}
          </section>
        ) : null}
        {preview.badRows.length > 0 ? (
          <section>
            <h3>Bad rows (left out)</h3>
            <ul className="bad-rows" data-testid="import-bad-rows">
              {preview.badRows.slice(0, SHOWN.badRows).map((problem) => (
                <li key={`${problem.record}-${problem.line ?? ''}`}>
                  <span className="mono line">{problem.line === null ? `risk ${problem.record}` : `line ${problem.line}`}</span>
                  <span>{problem.reason}</span>
                </li>
              ))}
            </ul>
            {preview.badRows.length > SHOWN.badRows ? <p className="faint">… and {preview.badRows.length - SHOWN.badRows} more</p> : null}
          </section>
        ) : null}
        <section>
          <h3>Rows to import</h3>
          {preview.rows.length === 0 ? (
            <p className="empty">No row can be imported{preview.missingFields.length > 0 ? ' until the required columns are mapped' : ''}.</p>
          ) : (
            <div className="import-rows">
              <table className="timeline" data-testid="import-rows">
                <thead>
                  <tr>
                    <th>Line</th>
                    <th>ID</th>
                    <th>Title</th>
                    <th>Category</th>
                    <th>L × I</th>
                    <th>Owner</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.slice(0, SHOWN.rows).map((row) => {
                    const band = riskBand(riskScore(row.risk.likelihood, row.risk.impact));
                    return (
                      <tr key={row.record}>
                        <td className="mono">{row.line ?? row.record}</td>
                        <td className="mono">{row.risk.id ?? <span className="faint">new</span>}</td>
                        <td>{row.risk.title}</td>
                        <td>{row.risk.category}</td>
                        <td>
                          <span className={`band-badge band-${band}`}>
                            {row.risk.likelihood} × {row.risk.impact} {band}
                          </span>
                        </td>
                        <td>{row.risk.owner}</td>
                        <td>{row.risk.status}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {preview.rows.length > SHOWN.rows ? <p className="faint">… and {preview.rows.length - SHOWN.rows} more rows</p> : null}
            </div>
          )}
        </section>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose} data-testid="import-cancel">
            Cancel
          </button>
          <button type="button" className="button primary" onClick={confirm} disabled={blocked || busy} data-testid="import-confirm">
            Import {preview.rows.length} risk{preview.rows.length === 1 ? '' : 's'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
