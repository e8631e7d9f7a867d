/**
 * The risk register's data model: categories, scoring bands and the status lifecycle.
 *
 * Plain readonly JSON (no classes, no Dates) because a risk lives in the release state,
 * which is a projection of the journal. Score and band are derived (never stored), so
 * they can never disagree with likelihood and impact.
 */
import { WarRoomError } from '../errors';

/** What kind of risk it is; 'other' keeps a spreadsheet's odd category importable. */
export const RISK_CATEGORIES = ['technical', 'data', 'people', 'third-party', 'compliance', 'schedule', 'other'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Where a risk is in its life. See RISK_TRANSITIONS for the allowed moves. */
export const RISK_STATUSES = ['open', 'mitigating', 'mitigated', 'accepted', 'occurred', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const RISK_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/**
 * Scoring: likelihood and impact are 1-5, the score is their product (1-25).
 *
 * Band thresholds are the lowest score of each band. On a 5x5 grid the reachable scores
 * are 1-6, 8-10, 12, 15, 16, 20, 25, so the bands read as:
 *   low 1-4      (at most "possible x minor": watch it)
 *   medium 5-9   (needs an owner and a mitigation before go-live)
 *   high 10-16   (shown at go/no-go; needs a mitigation or an explicit acceptance)
 *   critical 20-25 (almost certain and severe, or the worst impact at likely odds: a no-go
 *                   on its own unless mitigated)
 * These match the usual 5x5 matrices release managers bring from their spreadsheets.
 */
export const RISK_SCORING = {
  /** Lowest and highest value of likelihood and impact: the classic 5-point scales. */
  minLevel: 1,
  maxLevel: 5,
  /** Lowest score of each band (inclusive). */
  bandFloors: { low: 1, medium: 5, high: 10, critical: 20 },
} as const;

/**
 * The allowed status moves, from -> to. Why each exists:
 * - open: start mitigating, accept it as is, it happened, or it no longer applies (closed).
 * - mitigating: done (mitigated), give up and accept, it happened anyway, back to open
 *   (mitigation abandoned), or it no longer applies.
 * - mitigated: it happened anyway, it no longer applies, or the mitigation proved not
 *   enough (back to mitigating).
 * - accepted: it happened, it no longer applies, or the decision is reversed and it is
 *   mitigated after all.
 * - occurred: handled (closed). An incident is never un-happened: the journal keeps it.
 * - closed: reopened (back to open) when it turns out to apply again.
 */
export const RISK_TRANSITIONS: { readonly [From in RiskStatus]: readonly RiskStatus[] } = {
  open: ['mitigating', 'accepted', 'occurred', 'closed'],
  mitigating: ['mitigated', 'accepted', 'occurred', 'open', 'closed'],
  mitigated: ['occurred', 'closed', 'mitigating'],
  accepted: ['occurred', 'closed', 'mitigating'],
  occurred: ['closed'],
  closed: ['open'],
};

/** Plan B, optionally tied to the playbook (and step) that carries it out. */
export interface RiskContingency {
  readonly plan: string;
  readonly playbook: string | null;
  readonly step: string | null;
}

/** Who accepted a risk and why: an acceptance without a name and a reason is worthless. */
export interface RiskAcceptance {
  readonly by: string;
  readonly reason: string;
  readonly at: string;
}

export interface Risk {
  /** ...: stable, never reused, even after deletion. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly category: RiskCategory;
  readonly likelihood: number;
  readonly impact: number;
  readonly owner: string;
  /** The early warning sign: what tells us it is about to happen. */
  readonly trigger: string;
  /** What reduces it before it happens. Empty when none is written yet. */
  readonly mitigation: string;
  readonly contingency: RiskContingency;
  /** After mitigation; null while not assessed (then the inherent values stand). */
  readonly residualLikelihood: number | null;
  readonly residualImpact: number | null;
  /** ISO date (YYYY-MM-DD) of the next review, or null. */
  readonly reviewDate: string | null;
  readonly status: RiskStatus;
  readonly acceptance: RiskAcceptance | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

/** The fields a user edits directly (status, id and the audit fields are not among them). */
export const RISK_EDITABLE_FIELDS = [
  'title',
  'description',
  'category',
  'likelihood',
  'impact',
  'owner',
  'trigger',
  'mitigation',
  'contingency',
  'residualLikelihood',
  'residualImpact',
  'reviewDate',
] as const;
export type RiskEditableField = (typeof RISK_EDITABLE_FIELDS)[number];

/** The score of a likelihood and an impact: their product, 1-25. */
export function riskScore(likelihood: number, impact: number): number {
  return likelihood * impact;
}

/** The band of a score, by the floors in RISK_SCORING. */
export function riskBand(score: number): RiskBand {
  const floors = RISK_SCORING.bandFloors;
  if (score >= floors.critical) return 'critical';
  if (score >= floors.high) return 'high';
  if (score >= floors.medium) return 'medium';
  return 'low';
}

/** Residual likelihood and impact, falling back to the inherent ones while not assessed. */
export function residualLevels(risk: Risk): { likelihood: number; impact: number; assessed: boolean } {
  const assessed = risk.residualLikelihood !== null && risk.residualImpact !== null;
  return {
    likelihood: risk.residualLikelihood ?? risk.likelihood,
    impact: risk.residualImpact ?? risk.impact,
    assessed,
  };
}

/** True when the lifecycle allows moving from one status to the other. */
export function canTransition(from: RiskStatus, to: RiskStatus): boolean {
  return RISK_TRANSITIONS[from].includes(to);
}

/**
 * Refuse an illegal status move with a message that says what is allowed instead.
 */
export function assertTransition(id: string, from: RiskStatus, to: RiskStatus): void {
  if (canTransition(from, to)) return;
  const allowed = RISK_TRANSITIONS[from];
  const why = from === to ? `${id} is already ${from}` : `${id} cannot go from ${from} to ${to}`;
  throw new WarRoomError('refused', `${why}; from ${from} it can go to: ${allowed.join(', ')}`, [{ field: 'status' }]);
}

/** The id of the n-th risk of a register. */
export function riskIdOf(number: number): string {
  return `R-${number}`;
}

/** The number in an id like R-12, or null when the text is not a risk id. */
export function riskNumberOf(id: string): number | null {
  const match = /^R-([1-9][0-9]{0,8})$/.exec(id.trim());
  return match ? Number(match[1]) : null;
}
