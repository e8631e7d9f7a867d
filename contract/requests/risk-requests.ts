import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import {
  addRiskInputSchema,
  closeRiskInputSchema,
  deleteRiskInputSchema,
  riskIdSchema,
  transitionRiskInputSchema,
  updateRiskInputSchema,
} from '../domain/risks/risks-schemas';
import { riskCsvMappingSchema } from '../domain/risks/risk-import-preview';
import type { RiskImportPreview } from '../domain/risks/risk-import-preview';
import type { Risk } from '../domain/risks/risk-model';
import type { RiskHistoryEntry } from '../domain/risks/risk-history';
import type { GoNoGoRisk } from '../domain/risks/risks-queries';

/** An import preview as the renderer shows it, with the id main keeps it under until Confirm. */
export type RiskImportPreviewView = RiskImportPreview & { readonly previewId: string };

/** The outcome of a confirmed import: what the journal now says. */
export interface RiskImportResult {
  /** Seq of the `risks.imported` event. */
  readonly seq: number;
  /** Ids of the imported risks, in file order. */
  readonly ids: readonly string[];
  /** File ids already used in this register, and the ids they got instead. */
  readonly renumbered: readonly { readonly from: string; readonly to: string }[];
  readonly skippedBadRows: number;
}

/** A file to download: the renderer saves it through a Blob. */
export interface RiskExportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly text: string;
}

const withSlug = { slug: slugSchema };

/**
 * The largest file text a preview accepts: the core's own limit (RISK_CSV_LIMITS.maxBytes,
 * not imported here because that module pulls csv-parse, which needs Node's Buffer).
 */
const MAX_IMPORT_CHARS = 20_000_000;

/** The risk register: edits, lifecycle, history, import (preview, then commit) and export. */
export const riskRequests = {
  'risk.add': request<Risk>()(addRiskInputSchema.extend(withSlug).strict()),
  'risk.update': request<Risk>()(updateRiskInputSchema.extend(withSlug).strict()),
  'risk.transition': request<Risk>()(transitionRiskInputSchema.extend(withSlug).strict()),
  'risk.close': request<Risk>()(closeRiskInputSchema.extend(withSlug).strict()),
  'risk.delete': request<{ readonly id: string }>()(deleteRiskInputSchema.extend(withSlug).strict()),
  'risk.history': request<readonly RiskHistoryEntry[]>()(z.object({ slug: slugSchema, id: riskIdSchema }).strict()),
  /** Read a CSV or JSON export into a preview; imports nothing. */
  'risk.import-preview': request<RiskImportPreviewView>()(
    z
      .object({
        slug: slugSchema,
        format: z.enum(['csv', 'json']),
        text: z.string().max(MAX_IMPORT_CHARS, 'must be at most 20 MB'),
        /** The field of each column by position (null: ignore); omitted: guessed from the headers. */
        mapping: riskCsvMappingSchema.optional(),
      })
      .strict(),
  ),
  /** Import the good rows of a preview the user confirmed: the one main made and kept under `previewId`. */
  'risk.import-commit': request<RiskImportResult>()(
    z.object({ slug: slugSchema, previewId: z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'must be the id of a preview') }).strict(),
  ),
  'risk.export': request<RiskExportFile>()(
    z.object({ slug: slugSchema, format: z.enum(['csv', 'json']), delimiter: z.enum([',', ';']).default(',') }).strict(),
  ),
  /** Unsettled high and critical risks, worst first, with whether each has a mitigation. */
  'risk.go-no-go': request<readonly GoNoGoRisk[]>()(z.object({ slug: slugSchema }).strict()),
};
