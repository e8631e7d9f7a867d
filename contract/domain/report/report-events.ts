/** The report slice of a release's state (saved redaction settings, exports written) and the journal events it owns. */
import type { AppliedUnion, EventUnion } from '../journal/typed-events';
import type { reportEventDataSchemas } from './report-event-schemas';

/** What the journal keeps of an added literal: a salted sha256 and the length, never the text. */
export interface LiteralRecord {
  readonly sha256: string;
  readonly length: number;
}

/** A literal as the release knows it: never its text (that lives in the workspace's 0600 literals file). */
export interface LiteralEntry extends LiteralRecord {
  readonly at: string;
  readonly by: string;
}

/**
 * The report slice of a release: the redaction settings the operator saved in the
 * review, and the exports written (for the Report view's list).
 *
 * Literals are not kept here nor in the journal: the journal records that one was added
 * (a salted hash and its length), the text lives in the workspace's literals file.
 * Journals written before that hold literals in clear in `redaction.settings-saved`
 * events; `clearLiteralEvents` lists their seqs, so that an export can warn.
 */
export interface ReportState {
  readonly redaction: {
    readonly literals: readonly LiteralEntry[];
    readonly patterns: readonly { readonly name: string; readonly source: string; readonly caseInsensitive: boolean }[];
    readonly clearLiteralEvents: readonly number[];
    /** Findings of the final export scan the operator allowed (by fingerprint), each with its reason. */
    readonly allowedFindings: readonly { readonly fingerprint: string; readonly reason: string; readonly by: string; readonly at: string }[];
  };
  readonly exports: readonly { readonly format: string; readonly file: string; readonly sha256: string; readonly at: string; readonly by: string }[];
}

import { REPORT_EVENTS } from './report-event-types';
export { REPORT_EVENTS };

/** A report event as a command produces it: narrow on `type` to get its data. */
export type ReportEvent = EventUnion<typeof reportEventDataSchemas>;
export type AppliedReportEvent = AppliedUnion<ReportEvent>;
