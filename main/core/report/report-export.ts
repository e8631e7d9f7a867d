import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { TerminalEventTypes, parseTerminalEvent } from '../../../contract/domain/terminal/terminal-events';
import { replayRelease } from '../release/release-state';
import type { RedactionOptions } from '../redaction/redaction-patterns';
import { LITERALS_FILE, readWorkspaceLiterals, workspaceOfRelease } from '../redaction/workspace-literals';
import { allowedFindingsOf, clearLiteralsOf } from './report-state';
import { refuseUnmaskedSecrets } from '../redaction/final-scan';
import { buildReportModel } from './build-report-model';
import type { ReportModel } from '../../../contract/domain/report/report-model';
import { MatchCollector, redactAsciicast, redactEvents, redactionOptionsOf, textRedactor, type ReviewMatch } from './report-redaction';
import { listReleaseFiles, readReleaseFolder, type ReleaseOnDisk } from './release-reader';
import { hashReleaseFiles } from './hash-files';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { renderPdf } from './report-pdf';
import { checkJournalForExport, importedPartialNotice, type PartialJournal } from './broken-journal';

export type ReportFormat = 'md' | 'html' | 'pdf';

/** Progress of long work, for the CLI's stderr and the UI. */
export type Progress = (message: string) => void;

export interface PreparedReport {
  readonly release: ReleaseOnDisk;
  readonly model: ReportModel;
  /** Masked matches in the journal (what the report is built from). */
  /** The redaction review: `count` is everything masked, `recorded` the part masked while recording (the journal's part is model.redactionCount). */
  readonly review: ReleaseReview;
  /** The redacted journal events the report was built from. */
  readonly redactedEvents: readonly AppliedEvent[];
  /** Set when the journal does not verify and a partial export was asked for. */
  readonly partial: PartialJournal | null;
  /** The redaction every exported file of this release uses: built-ins, the release's patterns, the workspace's literals. */
  readonly options: RedactionOptions;
  /** What the operator should know before handing the export over (literals in clear in the journal). */
  readonly warnings: readonly string[];
}

/**
 * The redaction options of a release folder: the patterns saved in its journal, the
 * workspace's literals (from the 0600 literals file), and the literals that journals
 * written before that file hold in clear (they are masked too).
 */
export function releaseRedactionOptions(dir: string, onDisk: ReleaseOnDisk): RedactionOptions {
  const options = redactionOptionsOf({ literals: [], patterns: [...onDisk.state.report.redaction.patterns] });
  const literals = [...readWorkspaceLiterals(workspaceOfRelease(dir)), ...clearLiteralsOf(onDisk.events as readonly AppliedEvent[])];
  return { ...options, literals };
}

/** The warnings an export of this release carries (a journal that holds literals in clear). */
export function exportWarnings(onDisk: ReleaseOnDisk): string[] {
  const seqs = onDisk.state.report.redaction.clearLiteralEvents;
  if (seqs.length === 0) return [];
  return [
    `journal.jsonl holds redaction literals in clear (seq ${seqs.join(', ')}, redaction.settings-saved, written before literals moved to the workspace's ${LITERALS_FILE}): ` +
      'this export masks them, but the release folder still holds them; rotate those secrets, and hand over only exports.',
  ];
}

export interface PrepareOptions {
  /** Build from the verified prefix of a journal that does not verify (the export says it is partial). */
  readonly allowBroken?: boolean;
  /** What the refusal tells the user to do (the CLI names --allow-broken, the app names repair). */
  readonly hint?: string;
}

/** What to do about a journal that does not verify, said by default. */
const BROKEN_HINT = 'repair the journal first (warroom repair), or export a partial copy that says so (--allow-broken).';

/**
 * Build the redacted report of a release folder: read and verify the journal, hash the
 * recordings and run logs, mask secrets in every event with the release's saved
 * settings, replay the masked journal, build the model.
 */
export async function prepareReport(
  dir: string,
  progress: Progress = () => {},
  release?: ReleaseOnDisk,
  prepare: PrepareOptions = {},
): Promise<PreparedReport> {
  // Hash the recordings and run logs on a worker from the start, while this thread reads,
  // verifies, replays and masks the journal: on a long night both are ~100 MB-scale work.
  const files = release?.files ?? (await listReleaseFiles(dir));
  progress(`hashing ${files.length} recording(s) and run log(s) while reading the journal`);
  const hashing = hashReleaseFiles(dir, files);
  hashing.catch(() => {});
  const onDisk = release ?? (await readReleaseFolder(dir));
  const partial = checkJournalForExport(onDisk, 'An export', prepare.allowBroken === true, prepare.hint ?? BROKEN_HINT);
  progress(`masking secrets in ${onDisk.events.length} events`);
  const collector = new MatchCollector();
  const options = releaseRedactionOptions(dir, onDisk);
  const warnings = exportWarnings(onDisk);
  for (const warning of warnings) progress(`warning: ${warning}`);
  const redactedEvents = redactEvents(onDisk.events as readonly AppliedEvent[], options, collector);
  const unchanged = redactedEvents.every((event, index) => event === onDisk.events[index]);
  const state = unchanged ? onDisk.state : replayRelease(redactedEvents);
  const fileHashes = await hashing;
  const model = buildReportModel({
    state,
    events: redactedEvents,
    verification: { ...onDisk.verification, redactedHeadHash: null, handedOverPartial: importedPartialNotice(onDisk.events) },
    generatedAt: new Date().toISOString(),
    redactionCount: collector.count,
    fileHashes,
  });
  const recorded = maskedWhileRecording(onDisk.events);
  return {
    release: onDisk,
    model,
    review: { matches: collector.matches, count: collector.count + recorded, recorded },
    redactedEvents,
    partial,
    options,
    warnings,
  };
}

/**
 * The full redaction review of a release: journal, run logs and recordings. Slower than
 * the report (it reads every recording), so the UI asks for it explicitly.
 */
export async function reviewRelease(dir: string): Promise<ReleaseReview> {
  const onDisk = await readReleaseFolder(dir);
  const options = releaseRedactionOptions(dir, onDisk);
  const collector = new MatchCollector();
  redactEvents(onDisk.events as readonly AppliedEvent[], options, collector);
  await redactReleaseFiles(dir, onDisk.files, options, collector);
  const recorded = maskedWhileRecording(onDisk.events);
  return { matches: collector.matches, count: collector.count + recorded, recorded };
}

/** What the redaction review shows: matches found now (capped list), and counts that include what was masked at source. */
export interface ReleaseReview {
  readonly matches: readonly ReviewMatch[];
  /** Every secret masked in what leaves: found now, plus masked while recording. */
  readonly count: number;
  /** Masked while recording: recordings are redacted as they are written, so an export finds these already masked. */
  readonly recorded: number;
}

/**
 * Secrets masked while recording, as each session's end recorded it in the journal
 * (`terminal.session-closed` redactionCount). An export scan of a recording finds them
 * already masked (masking masked text changes nothing), so without this the review would
 * count only what slipped past the recorder.
 */
export function maskedWhileRecording(events: readonly AppliedEvent[]): number {
  let total = 0;
  for (const journalEvent of events) {
    if (journalEvent.type !== TerminalEventTypes.closed) continue;
    const event = parseTerminalEvent(journalEvent);
    if (event?.type !== TerminalEventTypes.closed) continue;
    const count = event.data.redactionCount;
    if (count !== undefined && Number.isFinite(count) && count > 0) total += count;
  }
  return total;
}

/** Mask the recordings (streamed per file) and run logs; returns the masked bytes by relative path. */
export async function redactReleaseFiles(
  dir: string,
  files: readonly string[],
  options: RedactionOptions,
  collector: MatchCollector,
): Promise<Map<string, string>> {
  const redact = textRedactor(options);
  const out = new Map<string, string>();
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    out.set(file, file.endsWith('.cast') ? redactAsciicast(text, file, options, collector) : redact(text, file, collector));
  }
  return out;
}

/** Render a prepared report in a format. */
export async function renderReport(prepared: PreparedReport, format: ReportFormat, progress: Progress = () => {}): Promise<Uint8Array> {
  const allowed = allowedFindingsOf(prepared.release.state.report);
  if (format === 'md') {
    const md = renderMarkdown(prepared.model);
    await refuseUnmaskedSecrets([{ where: 'report.md', text: md }], allowed, prepared.options);
    return Buffer.from(md, 'utf8');
  }
  const html = renderHtml(prepared.model);
  // The PDF is printed from this HTML: its text is the HTML's text.
  await refuseUnmaskedSecrets([{ where: `report.${format}`, text: html }], allowed, prepared.options);
  if (format === 'html') return Buffer.from(html, 'utf8');
  progress('printing the PDF');
  return renderPdf(html);
}

/** The file name of an export: "<slug>-report-<UTC stamp>.<ext>". */
export function reportFileName(slug: string, format: ReportFormat, at = new Date()): string {
  return `${slug}-report-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.${format}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
