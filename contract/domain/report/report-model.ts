import type { ReportPlan } from '../plan/plan-views';
/**
 * The post-release report as data: every section the Markdown, HTML and PDF renderers
 * (and the Report view's preview) print. Node-free, so the renderer can use the type.
 *
 * Built from the redacted journal (see report-inputs.ts): nothing in here holds a secret
 * the redaction review matched.
 */
import type { IncidentSeverity, IncidentStatus } from '../incidents/incident-model';
import type { ReportHypercare } from '../hypercare/hypercare-report-model';

export type ReportOutcome = 'released' | 'rolled back' | 'no-go' | 'aborted' | 'postponed' | 'in progress';

/** One instant shown in several zones (release zone, UTC, each pod's zone). */
export interface ZonedTime {
  readonly iso: string;
  readonly zones: readonly { readonly zone: string; readonly text: string }[];
}

export interface ReportSummary {
  readonly name: string;
  readonly version: string;
  readonly mode: string;
  readonly zone: string;
  readonly outcome: ReportOutcome;
  /** The outcome as the report's headline says it, with its moment when it has one ("no-go at Thu 3 Dec, 10:32 GMT+1"). */
  readonly outcomeLabel: string;
  readonly outcomeWhy: string;
  readonly createdBy: string;
  readonly generatedAt: string;
  readonly description: string;
}

export interface ReportTimes {
  readonly zones: readonly string[];
  readonly rows: readonly { readonly label: string; readonly planned: ZonedTime | null; readonly actual: ZonedTime | null }[];
  readonly pods: readonly { readonly name: string; readonly zone: string; readonly hours: string }[];
}

export interface ReportVote {
  readonly participant: string;
  readonly role: string;
  readonly required: boolean;
  readonly value: string;
  readonly comment: string | null;
  readonly castBy: string;
  readonly castAt: string;
  /** NO-GO (or a changed vote): written down as dissent. */
  readonly dissent: boolean;
}

export interface ReportPoll {
  readonly pollId: string;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly outcome: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly note: string | null;
  readonly votes: readonly ReportVote[];
  readonly changedVotes: number;
  readonly overrides: readonly { readonly reason: string; readonly by: string; readonly at: string; readonly blockers: readonly string[] }[];
}

export interface ReportChecklistItem {
  readonly phase: string;
  readonly title: string;
  readonly status: string;
  readonly required: boolean;
  readonly owner: string;
  readonly due: string | null;
  readonly overdue: boolean;
  readonly updatedBy: string;
  readonly updatedAt: string;
  readonly evidence: number;
  readonly reason: string | null;
}

export interface ReportHeatMap {
  readonly label: string;
  /** counts[likelihood-1][impact-1] */
  readonly counts: readonly (readonly number[])[];
  readonly total: number;
}

export interface ReportRisk {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly score: number;
  readonly owner: string;
  readonly mitigation: string;
}

export interface ReportStep {
  readonly name: string;
  readonly kind: string;
  readonly status: string;
  readonly attempts: number;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly plannedMs: number | null;
  readonly exitCode: number | null;
  readonly failure: string | null;
  readonly choices: readonly string[];
  /** Analysis steps: each measurement with the query as sent, its values and verdict (the evidence); absent on other kinds. */
  readonly measurements?: readonly {
    readonly at: string;
    readonly query: string;
    readonly value: number | null;
    readonly baseline: number | null;
    readonly threshold: number | null;
    readonly phase: string;
    readonly message: string;
  }[];
}

export interface ReportRun {
  readonly id: string;
  readonly playbook: string;
  readonly mode: string;
  readonly status: string;
  /** The status as a reader needs it: "succeeded with 1 skipped step". */
  readonly outcome: string;
  /** Steps a person skipped after they failed, with the reason given. */
  readonly skipped: readonly { readonly step: number; readonly name: string; readonly reason: string; readonly by: string }[];
  readonly startedBy: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly logFile: string;
  readonly logSha256: string | null;
  readonly steps: readonly ReportStep[];
}

export interface ReportTerminal {
  readonly sessionId: string;
  readonly target: string;
  readonly environment: string;
  readonly openedAt: string;
  readonly durationMs: number | null;
  readonly exitCode: number | null;
  /** How it ended: "closed by dana", "server stopped", "exited with code 3" (null while open). */
  readonly ending: string | null;
  readonly recordingFile: string | null;
  readonly sha256: string | null;
  readonly redactionCount: number | null;
  /** Why the recording misses part of the session (a write failed), when it does. */
  readonly recordingIncomplete: string | null;
  readonly commands: readonly { readonly command: string; readonly exitCode: number | null; readonly durationMs: number; readonly at: string }[];
}

export interface ReportIncident {
  readonly id: string;
  readonly title: string;
  readonly severity: IncidentSeverity;
  readonly status: IncidentStatus;
  readonly owner: string;
  readonly summary: string;
  readonly startedAt: string;
  readonly mitigatedAt: string | null;
  readonly resolvedAt: string | null;
}

export interface ReportNote {
  readonly seq: number;
  readonly ts: string;
  readonly actor: string;
  readonly kind: string;
  readonly text: string;
}

export interface ReportTimelineRow {
  readonly seq: number;
  readonly ts: string;
  readonly actor: string;
  readonly type: string;
  readonly text: string;
}

export interface ReportVerification {
  readonly ok: boolean;
  readonly count: number;
  readonly headSeq: number;
  readonly headHash: string;
  readonly problem: string | null;
  /** Set when the journal in the bundle was re-chained after masking secrets. */
  readonly redactedHeadHash: string | null;
  /** This release was imported from a partial bundle: that bundle's notice (from which seq the original is missing). */
  readonly handedOverPartial?: string | null;
}

/** The whole report. */
export interface ReportModel {
  readonly summary: ReportSummary;
  readonly times: ReportTimes;
  readonly polls: readonly ReportPoll[];
  readonly checklist: { readonly items: readonly ReportChecklistItem[]; readonly done: number; readonly total: number; readonly overdue: number };
  readonly risks: {
    readonly atGoNoGo: ReportHeatMap | null;
    readonly atClose: ReportHeatMap;
    readonly occurred: readonly ReportRisk[];
    readonly all: readonly ReportRisk[];
  };
  readonly runs: readonly ReportRun[];
  readonly rehearsalVsLive: readonly { readonly playbook: string; readonly rehearsalMs: number | null; readonly liveMs: number | null }[];
  readonly terminals: readonly ReportTerminal[];
  readonly incidents: readonly ReportIncident[];
  /** Post-release issues and SLA compliance (hypercare). */
  readonly hypercare: ReportHypercare;
  readonly decisions: readonly ReportNote[];
  readonly notes: readonly ReportNote[];
  readonly actionItems: readonly {
    readonly id: string;
    readonly text: string;
    readonly owner: string;
    readonly status: string;
    readonly incidentId: string | null;
    readonly createdAt: string;
  }[];
  readonly timeline: readonly ReportTimelineRow[];
  readonly verification: ReportVerification;
  readonly redactionCount: number;
  /** The plan (critical path, forecast) when the release has one (main/core/plan). */
  readonly plan?: ReportPlan | null;
}

/** One masked secret as the redaction review lists it: which pattern, where, a masked preview. */
export interface ReviewMatch {
  readonly pattern: string;
  /** "journal seq 12 (note.added) data.text", "runs/abc.log offset 120", "recordings/x.cast"... */
  readonly where: string;
  readonly preview: string;
}
