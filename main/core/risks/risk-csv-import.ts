/**
 * Read a risk register CSV as spreadsheets write it, into an import preview.
 *
 * Excel, LibreOffice and Google Sheets write: a header row, quoted fields with commas,
 * quotes and line breaks inside, UTF-8 with or without BOM, comma or (in many European
 * locales) semicolon delimiters, sometimes an Excel `sep=;` first line. Bad records are
 * reported by the line where they start, with the reason, and skipped; a broken quote
 * does not lose the rest of the file (reading resumes on the next line).
 */
import { parse } from 'csv-parse/sync';
import { WarRoomError } from '../../../contract/domain/errors';
import type { RiskCsvColumn, RiskCsvField } from '../../../contract/domain/risks/risk-csv-columns';
import {
  RISK_CSV_FIELDS,
  RISK_CSV_HEADERS,
  RISK_CSV_REQUIRED_FIELDS,
  guessRiskCsvMapping,
  riskDraftFromCells,
} from '../../../contract/domain/risks/risk-csv-columns';
import type { RiskImportPreview, RiskImportProblem, RiskImportRow } from '../../../contract/domain/risks/risk-import-preview';
import { riskCsvMappingSchema } from '../../../contract/domain/risks/risk-import-preview';

/** Bounds on what an import reads, against runaway files (a register is hundreds of rows). */
export const RISK_CSV_LIMITS = {
  /** 20 MB: 5,000 full rows are ~3 MB; anything far bigger is not a risk register. */
  maxBytes: 20_000_000,
  /** Data records per file: 4x the 5,000-row benchmark. */
  maxRecords: 20_000,
  /** Characters per record: a row of every long field at its limit (12 x 5,000) plus slack. */
  maxRecordChars: 100_000,
} as const;

type Delimiter = ',' | ';';

interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** Decode bytes as UTF-8 (refusing anything else) and split off a BOM. */
export function decodeCsvInput(input: string | Uint8Array): { text: string; hasBom: boolean } {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch (error) {
      throw new WarRoomError('invalid-input', 'The file is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8" and import again', [], {
        cause: error,
      });
    }
  }
  const hasBom = text.startsWith('\uFEFF');
  return { text: hasBom ? text.slice(1) : text, hasBom };
}

/**
 * The delimiter of a CSV: the one of comma and semicolon that occurs more often outside
 * quotes in the header row. Headers rarely hold either, so the header decides reliably.
 */
export function detectCsvDelimiter(text: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && character === ',') commas += 1;
    else if (!quoted && character === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

function describeCsvError(error: { code?: unknown; message?: unknown }): string {
  switch (error.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field has text after its closing quote; inside quotes, write a quote as two quotes ("")';
    case 'INVALID_OPENING_QUOTE':
      return 'a field has a quote inside but does not start with one; put the whole field in quotes and double the quote ("")';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field opened here is never closed, so the rest of the file was read as part of it; add the closing quote';
    case 'CSV_MAX_RECORD_SIZE':
      return `the record is longer than ${RISK_CSV_LIMITS.maxRecordChars} characters (a missing closing quote?)`;
    default:
      return `the record cannot be read: ${String(error.message)}`;
  }
}

function isCsvParseError(error: unknown): error is { code: string; lines?: unknown; message: string } {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE');
}

/** The number of line feeds in a record's fields: the lines it spans beyond its first. */
function lineFeedsIn(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let index = field.indexOf('\n'); index >= 0; index = field.indexOf('\n', index + 1)) count += 1;
  }
  return count;
}

/**
 * The fast path for a well-formed file (the usual case): one csv-parse call without a
 * per-record callback (csv-parse builds a context object per record for one, which
 * costs as much as the parsing), lines counted from the line feeds inside the fields.
 * Null when the file has a malformed record: the careful path then finds and skips it.
 */
function readWellFormedCsv(body: string, delimiter: Delimiter, firstLine: number): CsvRecord[] | null {
  let parsed: string[][];
  try {
    parsed = parse(body, { delimiter, bom: false, relax_column_count: true, skip_empty_lines: false, max_record_size: RISK_CSV_LIMITS.maxRecordChars });
  } catch (error) {
    if (isCsvParseError(error)) return null;
    throw new WarRoomError('invalid-input', `The CSV cannot be read: ${String(error)}`, [], { cause: error });
  }
  const records: CsvRecord[] = [];
  let line = firstLine;
  for (const fields of parsed) {
    // An empty line: the careful path skips these too (skip_empty_lines).
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line, fields });
    line += 1 + lineFeedsIn(fields);
  }
  if (records.length > RISK_CSV_LIMITS.maxRecords + 1) {
    throw new WarRoomError('invalid-input', `The file has more than ${RISK_CSV_LIMITS.maxRecords} records: split it and import the parts`);
  }
  return records;
}

/**
 * Split CSV text into records, each with the file line where it starts, and the records
 * that cannot be read. csv-parse does the parsing; on a malformed record we note it and
 * resume on the line after the error.
 */
function readCsvRecords(body: string, delimiter: Delimiter, firstLine: number): { records: CsvRecord[]; problems: RiskImportProblem[] } {
  const wellFormed = readWellFormedCsv(body, delimiter, firstLine);
  if (wellFormed) return { records: wellFormed, problems: [] };
  const buffer = Buffer.from(body, 'utf8');
  const lineStarts = [0];
  for (let index = 0; index < buffer.length; index += 1) if (buffer[index] === 0x0a) lineStarts.push(index + 1);
  const lineIndexOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const skipLineBreaks = (offset: number): number => {
    let position = offset;
    while (position < buffer.length && buffer[position] === 0x0a) position += 1;
    return position;
  };

  const records: CsvRecord[] = [];
  const problems: RiskImportProblem[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const chunkStart = offset;
    let previousEnd = offset;
    try {
      parse(buffer.subarray(chunkStart), {
        delimiter,
        bom: false,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: RISK_CSV_LIMITS.maxRecordChars,
        on_record: (record: string[], context) => {
          const start = skipLineBreaks(previousEnd);
          records.push({ line: firstLine + lineIndexOf(start), fields: record });
          previousEnd = chunkStart + context.bytes;
          if (records.length > RISK_CSV_LIMITS.maxRecords + 1) {
            throw new WarRoomError('invalid-input', `The file has more than ${RISK_CSV_LIMITS.maxRecords} records: split it and import the parts`);
          }
          return null;
        },
      });
      break;
    } catch (error) {
      if (error instanceof WarRoomError) throw error;
      if (!isCsvParseError(error)) throw new WarRoomError('invalid-input', `The CSV cannot be read: ${String(error)}`, [], { cause: error });
      const startIndex = lineIndexOf(skipLineBreaks(previousEnd));
      problems.push({ line: firstLine + startIndex, record: 0, reason: describeCsvError(error) });
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') break;
      const reportedLines = typeof error.lines === 'number' && Number.isFinite(error.lines) ? error.lines : 1;
      const errorIndex = lineIndexOf(chunkStart) + Math.max(1, reportedLines) - 1;
      const resumeIndex = Math.max(errorIndex, startIndex) + 1;
      if (resumeIndex >= lineStarts.length) break;
      offset = lineStarts[resumeIndex] as number;
    }
  }
  return { records, problems };
}

function applyMapping(headers: readonly string[], mapping: unknown): RiskCsvColumn[] {
  if (mapping === undefined) return guessRiskCsvMapping(headers);
  const parsed = riskCsvMappingSchema.safeParse(mapping);
  if (!parsed.success) {
    throw new WarRoomError('invalid-input', `The column mapping must list, for each column, one of ${RISK_CSV_FIELDS.join(', ')} or null`);
  }
  if (parsed.data.length !== headers.length) {
    throw new WarRoomError('invalid-input', `The column mapping has ${parsed.data.length} entries but the file has ${headers.length} columns`);
  }
  const seen = new Map<RiskCsvField, number>();
  return parsed.data.map((field, column) => {
    if (field !== null) {
      const earlier = seen.get(field);
      if (earlier !== undefined) {
        throw new WarRoomError('invalid-input', `Columns ${earlier + 1} and ${column + 1} both map to ${RISK_CSV_HEADERS[field]}: pick one`, [
          { field: 'mapping' },
        ]);
      }
      seen.set(field, column);
    }
    return { column, header: headers[column] ?? '', field };
  });
}

/**
 * Preview the import of a risk register CSV: the detected delimiter, the header -> field
 * mapping (guessed, or the one given by column), the rows that would be imported and the
 * bad rows by the line where they start. Imports nothing.
 */
export function previewRiskCsv(input: string | Uint8Array, mapping?: unknown): RiskImportPreview {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > RISK_CSV_LIMITS.maxBytes) {
    throw new WarRoomError('invalid-input', `The file is larger than ${RISK_CSV_LIMITS.maxBytes / 1_000_000} MB: that is not a risk register`);
  }
  const { text, hasBom } = decodeCsvInput(input);
  // One line-break convention: spreadsheets mix CRLF (rows) and LF (inside cells); line numbers count either.
  let body = text.replace(/\r\n?/g, '\n');
  let firstLine = 1;
  let delimiter: Delimiter;
  const declared = /^sep=([,;])\n/i.exec(body);
  if (declared) {
    delimiter = declared[1] as Delimiter;
    body = body.slice(declared[0].length);
    firstLine = 2;
  } else {
    delimiter = detectCsvDelimiter(body);
  }

  const { records, problems } = readCsvRecords(body, delimiter, firstLine);
  const header = records[0];
  const headerProblem = problems.find((problem) => header === undefined || (problem.line ?? 0) < header.line);
  if (headerProblem)
    throw new WarRoomError('invalid-input', `Line ${headerProblem.line}: the header row cannot be read: ${headerProblem.reason}`, [
      { line: headerProblem.line ?? 1 },
    ]);
  if (header === undefined) throw new WarRoomError('invalid-input', 'The file is empty: expected a header row such as Title,Likelihood,Impact', [{ line: 1 }]);
  const headers = header.fields.map((field) => field.trim());
  const columns = applyMapping(headers, mapping);
  const mapped = new Set(columns.flatMap((column) => (column.field === null ? [] : [column.field])));
  const missingFields = RISK_CSV_REQUIRED_FIELDS.filter((field) => !mapped.has(field));

  const rows: RiskImportRow[] = [];
  const badRows: RiskImportProblem[] = [];
  const idLines = new Map<string, number>();
  let recordNumber = 0;
  // Problems and records interleave by line: number them in file order.
  const pending = [...problems];
  const flushProblemsBefore = (line: number): void => {
    while (pending.length > 0 && ((pending[0] as RiskImportProblem).line ?? 0) < line) {
      recordNumber += 1;
      badRows.push({ ...(pending.shift() as RiskImportProblem), record: recordNumber });
    }
  };
  for (const record of records.slice(1)) {
    flushProblemsBefore(record.line);
    if (record.fields.every((field) => field.trim() === '')) continue;
    recordNumber += 1;
    if (missingFields.length > 0) continue;
    const bad = (reason: string): void => {
      badRows.push({ line: record.line, record: recordNumber, reason });
    };
    const extra = record.fields.slice(headers.length);
    if (extra.some((field) => field.trim() !== '')) {
      bad(`it has ${record.fields.length} fields but the header has ${headers.length}: a value with a '${delimiter}' inside needs quotes`);
      continue;
    }
    const cells = new Map<RiskCsvField, string>();
    for (const column of columns) if (column.field !== null) cells.set(column.field, record.fields[column.column] ?? '');
    const result = riskDraftFromCells(cells);
    if ('problems' in result) {
      bad(result.problems.join('; '));
      continue;
    }
    const id = result.draft.id;
    if (id !== null) {
      const earlier = idLines.get(id);
      if (earlier !== undefined) {
        bad(`id ${id} is already used by the record on line ${earlier}`);
        continue;
      }
      idLines.set(id, record.line);
    }
    rows.push({ line: record.line, record: recordNumber, risk: result.draft });
  }
  flushProblemsBefore(Number.POSITIVE_INFINITY);

  return { format: 'csv', delimiter, hasBom, headers, mapping: columns, missingFields, rows, badRows, nextNumber: null };
}
