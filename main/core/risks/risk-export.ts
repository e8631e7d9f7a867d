/**
 * Export the register to CSV (for spreadsheets) and JSON (lossless), and read a JSON
 * export back into an import preview.
 *
 * Both re-import to the same register: every stored field has a CSV column (score and
 * band are added for the reader and ignored on import).
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { WarRoomError } from '../../../contract/domain/errors';
import { riskCsvHeaderRecord, riskCsvRecord } from '../../../contract/domain/risks/risk-csv-columns';
import type { RiskImportPreview, RiskImportProblem, RiskImportRow } from '../../../contract/domain/risks/risk-import-preview';
import type { RisksState } from './risks-reducer';
import { riskSchema } from '../../../contract/domain/risks/risks-schemas';

/** Marks a JSON file as a War Room risk register, so another JSON is refused clearly. */
export const RISK_JSON_FORMAT = { name: 'warroom-risk-register', version: 1 } as const;

export interface RiskCsvExportOptions {
  /** ';' for spreadsheets in locales where the comma is the decimal separator. */
  readonly delimiter?: ',' | ';';
  /** A BOM makes Excel read the file as UTF-8 (Zoë, 東京); on by default. */
  readonly bom?: boolean;
}

/** The register as CSV: header row, one row per risk, CRLF line ends as spreadsheets write. */
export function exportRisksCsv(state: RisksState, options: RiskCsvExportOptions = {}): string {
  const records = [riskCsvHeaderRecord(), ...state.risks.map(riskCsvRecord)];
  return stringify(records, {
    delimiter: options.delimiter ?? ',',
    bom: options.bom ?? true,
    record_delimiter: 'windows',
    eof: true,
    // csv-stringify only quotes the record delimiter (CRLF) itself; a bare LF inside a cell must be quoted too.
    quoted_match: /[\r\n]/,
  });
}

/** The register as JSON, with its next number so deleted ids stay retired after re-import. */
export function exportRisksJson(state: RisksState): string {
  return `${JSON.stringify({ format: RISK_JSON_FORMAT.name, version: RISK_JSON_FORMAT.version, nextNumber: state.nextNumber, risks: state.risks }, null, 2)}\n`;
}

const envelopeSchema = z.object({
  format: z.literal(RISK_JSON_FORMAT.name),
  version: z.literal(RISK_JSON_FORMAT.version),
  nextNumber: z.number().int().positive().optional(),
  risks: z.array(z.unknown()),
});

/**
 * Preview the import of a JSON export: each risk is checked; bad ones are reported by
 * their position in the file.
 */
export function previewRiskJson(text: string): RiskImportPreview {
  let document: unknown;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    document = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const location = jsonErrorLocation(body, message);
    throw new WarRoomError('invalid-input', `The file is not valid JSON (line ${location.line}, column ${location.column}): ${message}`, [location], {
      cause: error,
    });
  }
  const envelope = envelopeSchema.safeParse(document);
  if (!envelope.success) {
    throw new WarRoomError('invalid-input', `The file is not a War Room risk register export (expected "format": "${RISK_JSON_FORMAT.name}", "version": 1)`, [
      { line: 1 },
    ]);
  }
  const rows: RiskImportRow[] = [];
  const badRows: RiskImportProblem[] = [];
  const seen = new Set<string>();
  envelope.data.risks.forEach((candidate, index) => {
    const record = index + 1;
    const parsed = riskSchema.safeParse(candidate);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'risk'}: ${issue.message}`).join('; ');
      badRows.push({ line: null, record, reason });
      return;
    }
    if (seen.has(parsed.data.id)) {
      badRows.push({ line: null, record, reason: `id ${parsed.data.id} appears twice` });
      return;
    }
    seen.add(parsed.data.id);
    rows.push({ line: null, record, risk: parsed.data });
  });
  return {
    format: 'json',
    delimiter: null,
    hasBom: text.startsWith('\uFEFF'),
    headers: [],
    mapping: [],
    missingFields: [],
    rows,
    badRows,
    nextNumber: envelope.data.nextNumber ?? null,
  };
}

/** Line and column (1-based) of a JSON.parse error: from its "position N", else the end of the text. */
function jsonErrorLocation(text: string, message: string): { line: number; column: number } {
  const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
