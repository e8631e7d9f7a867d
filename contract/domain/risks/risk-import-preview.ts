/**
 * The shape of an import preview, shared by CSV and JSON: what would be imported, how
 * the columns were understood, and which records are bad and why.
 *
 * Nothing is imported until the user confirms: the preview goes to the UI and comes back
 * to commitRiskImport, which validates it again (it crossed the untrusted boundary).
 */
import { z } from 'zod';
import type { RiskCsvColumn, RiskCsvField, RiskDraft } from './risk-csv-columns';
import { riskCsvFieldSchema, riskDraftSchema } from './risk-csv-columns';

/** A record that will be imported. */
export interface RiskImportRow {
  /** Line in the file where the record starts (1-based); null for JSON. */
  readonly line: number | null;
  /** Position of the record among the data records (1-based, header not counted). */
  readonly record: number;
  readonly risk: RiskDraft;
}

/** A record that will not be imported, and why. */
export interface RiskImportProblem {
  readonly line: number | null;
  readonly record: number;
  readonly reason: string;
}

export interface RiskImportPreview {
  readonly format: 'csv' | 'json';
  /** The detected (or Excel `sep=`-declared) delimiter; null for JSON. */
  readonly delimiter: ',' | ';' | null;
  readonly hasBom: boolean;
  readonly headers: readonly string[];
  readonly mapping: readonly RiskCsvColumn[];
  /** Required fields no column feeds: fix the mapping before importing. */
  readonly missingFields: readonly RiskCsvField[];
  readonly rows: readonly RiskImportRow[];
  readonly badRows: readonly RiskImportProblem[];
  /** From a JSON export: the register's next number, so deleted ids stay retired. */
  readonly nextNumber: number | null;
}

const lineSchema = z.number().int().positive().nullable();

/** The preview as it comes back from the renderer to be committed. */
export const riskImportPreviewSchema = z.object({
  format: z.enum(['csv', 'json']),
  delimiter: z.enum([',', ';']).nullable(),
  hasBom: z.boolean(),
  headers: z.array(z.string()),
  mapping: z.array(z.object({ column: z.number().int().nonnegative(), header: z.string(), field: riskCsvFieldSchema.nullable() })),
  missingFields: z.array(riskCsvFieldSchema),
  rows: z.array(z.object({ line: lineSchema, record: z.number().int().positive(), risk: riskDraftSchema })),
  badRows: z.array(z.object({ line: lineSchema, record: z.number().int().positive(), reason: z.string() })),
  nextNumber: z.number().int().positive().nullable(),
});

/** A column mapping chosen by the user: the field of each column by position (null: ignore). */
export const riskCsvMappingSchema = z.array(riskCsvFieldSchema.nullable());
export type RiskCsvMapping = z.input<typeof riskCsvMappingSchema>;
