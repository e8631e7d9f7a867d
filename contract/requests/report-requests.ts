import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import type { JournalEvent } from '../domain/journal/journal-event';
import { actionItemAddSchema, actionItemUpdateSchema, incidentOpenSchema, incidentUpdateSchema } from '../domain/incidents/incident-schemas';
import { redactionSettingsSchema } from '../domain/redaction/redaction-settings';
import type { ReportModel } from '../domain/report/report-model';
import type { ReviewMatch } from '../domain/report/report-model';

/** The masked matches of a redaction review (the list is capped; `count` is the total). */
export interface RedactionReview {
  readonly matches: readonly ReviewMatch[];
  /** Every secret masked in what leaves: found by this review, plus `recorded`. */
  readonly count: number;
  /** Masked while recording (recordings are redacted as they are written): not in `matches`, already masked on disk. */
  readonly recorded: number;
}

/** An export written into the release's reports/ folder. */
export interface ReportExport {
  readonly file: string;
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
  /** The file's content for the browser to offer as a download: text for md/html, base64 for pdf. */
  readonly content: string;
  readonly encoding: 'utf8' | 'base64';
  readonly masked: number;
  /** What the operator should know before handing the file over (a journal holding literals in clear). */
  readonly warnings: readonly string[];
}

/** Incidents, action items, the report, the redaction review and the handover bundle. */
export const reportRequests = {
  'incident.open': request<JournalEvent>()(incidentOpenSchema.extend({ slug: slugSchema }).strict()),
  'incident.update': request<readonly JournalEvent[]>()(incidentUpdateSchema.extend({ slug: slugSchema }).strict()),
  'action-item.add': request<JournalEvent>()(actionItemAddSchema.extend({ slug: slugSchema }).strict()),
  'action-item.update': request<readonly JournalEvent[]>()(actionItemUpdateSchema.extend({ slug: slugSchema }).strict()),
  'report.preview': request<{ readonly model: ReportModel; readonly review: RedactionReview }>()(z.object({ slug: slugSchema }).strict()),
  /** The full review: journal, run logs and recordings (reads every file). */
  'report.review': request<RedactionReview>()(z.object({ slug: slugSchema }).strict()),
  'report.redaction-save': request<RedactionReview>()(z.object({ slug: slugSchema, settings: redactionSettingsSchema.strict() }).strict()),
  /** Allow one finding of the final export scan (it is not a secret), with a reason: journaled. */
  'report.finding-allow': request<{ readonly fingerprint: string }>()(
    z
      .object({
        slug: slugSchema,
        fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'a finding fingerprint is 16 hex digits, as the refusal names it'),
        // As every override: a reason a reader of the journal can follow, not "ok".
        reason: z.string().trim().min(10, 'allowing a finding needs a written reason of at least 10 characters').max(500),
      })
      .strict(),
  ),
  'report.export': request<ReportExport>()(z.object({ slug: slugSchema, format: z.enum(['md', 'html', 'pdf']) }).strict()),
  'bundle.export': request<{ readonly file: string; readonly sha256: string; readonly files: number; readonly masked: number }>()(
    z.object({ slug: slugSchema }).strict(),
  ),
  'bundle.import': request<{ readonly slug: string; readonly events: number }>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
};
