import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import { interruptionResolutionInput, startRunInput, stepDecisionInput } from '../domain/playbooks/playbooks-schemas';
import type { Playbook } from '../domain/playbooks/playbook-model';
import type { ContractErrorLocation } from '../result';

/** One thing a playbook needs (its `requires:`) that the release lacks, and the one-click fix when War Room has one. */
export interface UnmetRequirement {
  readonly target: string;
  /** "needs the sandbox target (War Room's local sandbox service), which this release does not have". */
  readonly message: string;
  /** "add-sandbox": War Room can add its local sandbox target and service files to the release. */
  readonly fix: 'add-sandbox' | null;
}

/** A schedule finding as the start dialog shows it (a structural slice of the schedule's findings). */
export interface HeldFinding {
  readonly id: string;
  /** outside-window, blackout, friday-rule, ... */
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly override?: { readonly reason: string; readonly actor: string; readonly at: string } | undefined;
}

/** What holds a run before it starts: what the playbook needs, and the schedule findings a live run must override. */
export interface RunPreflight {
  readonly needs: readonly UnmetRequirement[];
  /** Blocking findings, not overridden: a live run starts only with a written reason. */
  readonly held: readonly HeldFinding[];
  /** Findings already overridden on record (shown, not asked again). */
  readonly overridden: readonly HeldFinding[];
}

/** One playbook file of a release: parsed, or the precise reasons it does not validate. */
export interface PlaybookListing {
  /** File name inside the release's playbooks/ folder. */
  readonly file: string;
  readonly format: 'yaml' | 'markdown';
  readonly playbook: Playbook | null;
  /** Set when the file does not validate: nothing runs from it. */
  readonly error: { readonly message: string; readonly locations: readonly ContractErrorLocation[] } | null;
  /** What it needs that this release lacks, for a run in the release's own mode (listed and imported playbooks). */
  readonly needs?: readonly UnmetRequirement[];
}

/** Something a running playbook waits for a person to answer. */
export type RunQuestion =
  | {
      readonly kind: 'decision';
      readonly runId: string;
      readonly stepIndex: number;
      readonly stepName: string;
      readonly message: string;
      readonly hint: string | undefined;
      readonly problem: string | undefined;
      /** An analysis that could not decide: the choices are retry, accept with a reason, or fail. */
      readonly inconclusive?: boolean;
    }
  | {
      readonly kind: 'confirm';
      readonly runId: string;
      readonly stepIndex: number;
      readonly stepName: string;
      readonly instructions: string;
      /** A live flag flip asks to be confirmed (the instructions say the flag, its state now, and where); absent: a manual step. */
      readonly flag?: true;
    }
  | {
      readonly kind: 'approve';
      readonly runId: string;
      readonly stepIndex: number;
      readonly stepName: string;
      readonly role: string;
      readonly instructions: string;
      /** Four-eyes: distinct approvers needed, who asked (never counts) and whose approval already counted. */
      readonly fourEyes?: { readonly required: number; readonly requester: string; readonly approvedBy: readonly string[] } | undefined;
    }
  | {
      readonly kind: 'prompt';
      readonly runId: string;
      readonly stepIndex: number | undefined;
      readonly name: string;
      readonly question: string;
      readonly defaultValue: string | undefined;
      readonly secret: boolean;
    };

/** Runs hosted by this app right now, and what they wait for. */
export interface ActiveRuns {
  readonly runIds: readonly string[];
  readonly questions: readonly RunQuestion[];
}

/** Remaining time of a run (from earlier rehearsals) against the release window. */
export interface RunEstimateView {
  readonly remainingMs: number;
  /** Steps neither rehearsed nor with a planned duration (counted as 0). */
  readonly unknownSteps: number;
  readonly rehearsedSteps: number;
  /** Complete rehearsals of this playbook the estimate comes from; 0: "no rehearsal yet", no ETA. */
  readonly rehearsals: number;
  /** When the last complete rehearsal ended (ISO UTC). */
  readonly lastRehearsalAt: string | undefined;
  /** End of the release window (ISO UTC), when the schedule has one. */
  readonly windowEnd: string | undefined;
  readonly warning: string | undefined;
}

/** The raw output of a run (ANSI intact), the tail when it is long. */
export interface RunLogView {
  readonly text: string;
  readonly truncated: boolean;
  readonly bytes: number;
}

const runRef = { slug: slugSchema, runId: stepDecisionInput.shape.runId };
const note = z.string().trim().max(2000).optional();

/** The playbook requests of the contract. */
export const playbookRequests = {
  'playbook.list': request<readonly PlaybookListing[]>()(z.object({ slug: slugSchema }).strict()),
  'playbook.import': request<PlaybookListing>()(
    z
      .object({
        slug: slugSchema,
        fileName: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.(ya?ml|md)$/, 'must be a file name ending in .yaml, .yml or .md (letters, digits, dot, dash, underscore)'),
        text: z.string().max(1_000_000, 'a playbook is at most 1 MB'),
        overwrite: z.boolean().default(false),
      })
      .strict(),
  ),
  /** What would hold a run of this playbook in this mode now (requirements, and the schedule for a live run). */
  'run.preflight': request<RunPreflight>()(
    z.object({ slug: slugSchema, playbookFile: startRunInput.shape.playbookFile, mode: startRunInput.shape.mode }).strict(),
  ),
  /** Add War Room's local sandbox target to the release and initialise its service files (what the shipped rollback needs). */
  'playbook.add-sandbox': request<{ readonly targetId: string; readonly sandboxDir: string }>()(z.object({ slug: slugSchema }).strict()),
  'run.start': request<{ readonly runId: string }>()(z.object({ slug: slugSchema }).extend(startRunInput.shape).strict()),
  'run.active': request<ActiveRuns>()(z.object({ slug: slugSchema }).strict()),
  'run.decide': request<{ readonly ok: true }>()(z.object({ slug: slugSchema }).extend(stepDecisionInput.shape).strict()),
  'run.confirm': request<{ readonly ok: true }>()(z.object({ ...runRef, stepIndex: z.int().min(0), done: z.boolean(), note }).strict()),
  'run.approve': request<{ readonly ok: true }>()(
    z.object({ ...runRef, stepIndex: z.int().min(0), role: z.string().min(1).max(200), approved: z.boolean(), note }).strict(),
  ),
  'run.answer': request<{ readonly ok: true }>()(z.object({ ...runRef, name: z.string().min(1).max(200), value: z.string().max(10_000) }).strict()),
  'run.abort': request<{ readonly ok: true }>()(z.object({ ...runRef, reason: note }).strict()),
  'run.resolve-interruption': request<{ readonly ok: true }>()(z.object({ slug: slugSchema }).extend(interruptionResolutionInput.shape).strict()),
  'run.estimate': request<RunEstimateView>()(z.object(runRef).strict()),
  'run.log': request<RunLogView>()(z.object({ ...runRef, maxBytes: z.int().min(1024).max(4_000_000).default(512_000) }).strict()),
};
