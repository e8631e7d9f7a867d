/**
 * Read-only views of the register: scored rows, heat maps, filters, sorting, go/no-go.
 *
 * Pure functions over the state so the table, the heat map, the go/no-go gate and the
 * report all count the same way.
 */
import type { Risk, RiskBand, RiskCategory, RiskStatus } from './risk-model';
import { RISK_SCORING, residualLevels, riskBand, riskNumberOf, riskScore } from './risk-model';
import type { RisksState } from './risk-events';

/** A risk with its derived numbers, as the table shows it. */
export interface RiskRow extends Risk {
  readonly score: number;
  readonly band: RiskBand;
  readonly residualScore: number;
  readonly residualBand: RiskBand;
  /** False while residual likelihood and impact are not both set (the inherent ones stand). */
  readonly residualAssessed: boolean;
}

/** Statuses that still weigh on the release (shown in heat maps and at go/no-go by default). */
export const RISK_LIVE_STATUSES: readonly RiskStatus[] = ['open', 'mitigating', 'mitigated', 'accepted', 'occurred'];

/** Statuses where nothing has yet reduced or settled the risk: the go/no-go gate looks at these. */
export const RISK_UNSETTLED_STATUSES: readonly RiskStatus[] = ['open', 'mitigating', 'occurred'];

/** The row of a risk: score, band, residual score and band. */
export function riskRow(risk: Risk): RiskRow {
  const score = riskScore(risk.likelihood, risk.impact);
  const residual = residualLevels(risk);
  const residualScore = riskScore(residual.likelihood, residual.impact);
  return {
    ...risk,
    score,
    band: riskBand(score),
    residualScore,
    residualBand: riskBand(residualScore),
    residualAssessed: residual.assessed,
  };
}

/** All rows of the register, in register order. */
export function riskRows(state: RisksState): RiskRow[] {
  return state.risks.map(riskRow);
}

export type HeatMapBasis = 'inherent' | 'residual';

export interface RiskHeatMap {
  readonly basis: HeatMapBasis;
  /** counts[likelihood - 1][impact - 1]: 5 rows of 5 cells. */
  readonly counts: readonly (readonly number[])[];
  readonly total: number;
  /** Residual map only: risks placed at their inherent cell because residual is not assessed. */
  readonly unassessed: number;
}

/**
 * Count risks per likelihood x impact cell, inherent or residual. Closed risks are left
 * out unless `statuses` says otherwise.
 */
export function riskHeatMap(state: RisksState, basis: HeatMapBasis, statuses: readonly RiskStatus[] = RISK_LIVE_STATUSES): RiskHeatMap {
  const size = RISK_SCORING.maxLevel;
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let total = 0;
  let unassessed = 0;
  for (const risk of state.risks) {
    if (!statuses.includes(risk.status)) continue;
    let likelihood = risk.likelihood;
    let impact = risk.impact;
    if (basis === 'residual') {
      const residual = residualLevels(risk);
      likelihood = residual.likelihood;
      impact = residual.impact;
      if (!residual.assessed) unassessed += 1;
    }
    const row = counts[likelihood - 1];
    if (row === undefined || impact < 1 || impact > size) continue;
    row[impact - 1] = (row[impact - 1] ?? 0) + 1;
    total += 1;
  }
  return { basis, counts, total, unassessed };
}

/** Both heat maps side by side: before and after mitigation. */
export function riskHeatMaps(state: RisksState, statuses?: readonly RiskStatus[]): { inherent: RiskHeatMap; residual: RiskHeatMap } {
  return { inherent: riskHeatMap(state, 'inherent', statuses), residual: riskHeatMap(state, 'residual', statuses) };
}

/** What the table is filtered by; every criterion given must hold. */
export interface RiskFilter {
  readonly statuses?: readonly RiskStatus[];
  readonly categories?: readonly RiskCategory[];
  readonly bands?: readonly RiskBand[];
  readonly residualBands?: readonly RiskBand[];
  /** Case-insensitive, exact owner name. */
  readonly owner?: string;
  /** Case-insensitive words, each found in id, title, description, owner, trigger, mitigation or plan B. */
  readonly text?: string;
  /** A heat-map cell that was clicked. */
  readonly cell?: { readonly basis: HeatMapBasis; readonly likelihood: number; readonly impact: number };
}

function searchableText(row: RiskRow): string {
  return [row.id, row.title, row.description, row.owner, row.trigger, row.mitigation, row.contingency.plan].join('\n').toLocaleLowerCase();
}

/** The rows that pass every criterion of the filter, in their given order. */
export function filterRiskRows(rows: readonly RiskRow[], filter: RiskFilter): RiskRow[] {
  const words = (filter.text ?? '')
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  const owner = filter.owner?.trim().toLocaleLowerCase();
  return rows.filter((row) => {
    if (filter.statuses && !filter.statuses.includes(row.status)) return false;
    if (filter.categories && !filter.categories.includes(row.category)) return false;
    if (filter.bands && !filter.bands.includes(row.band)) return false;
    if (filter.residualBands && !filter.residualBands.includes(row.residualBand)) return false;
    if (owner !== undefined && owner !== '' && row.owner.toLocaleLowerCase() !== owner) return false;
    if (filter.cell) {
      const { basis, likelihood, impact } = filter.cell;
      const levels = basis === 'residual' ? residualLevels(row) : row;
      if (levels.likelihood !== likelihood || levels.impact !== impact) return false;
    }
    if (words.length > 0) {
      const haystack = searchableText(row);
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });
}

export const RISK_SORT_KEYS = ['id', 'title', 'category', 'likelihood', 'impact', 'score', 'residualScore', 'owner', 'status', 'reviewDate'] as const;
export type RiskSortKey = (typeof RISK_SORT_KEYS)[number];

function idNumber(row: RiskRow): number {
  return riskNumberOf(row.id) ?? Number.MAX_SAFE_INTEGER;
}

function compareBy(key: RiskSortKey, left: RiskRow, right: RiskRow): number {
  switch (key) {
    case 'id':
      return idNumber(left) - idNumber(right);
    case 'likelihood':
    case 'impact':
    case 'score':
    case 'residualScore':
      return left[key] - right[key];
    case 'reviewDate':
      // Risks without a review date sort last: the dated ones are what needs attention.
      if (left.reviewDate === right.reviewDate) return 0;
      if (left.reviewDate === null) return 1;
      if (right.reviewDate === null) return -1;
      return left.reviewDate < right.reviewDate ? -1 : 1;
    default:
      return left[key].localeCompare(right[key], undefined, { sensitivity: 'base', numeric: true });
  }
}

/** Rows sorted by a column; ties keep register order by id. Returns a new array. */
export function sortRiskRows(rows: readonly RiskRow[], key: RiskSortKey, direction: 'asc' | 'desc' = 'asc'): RiskRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows.slice().sort((left, right) => sign * compareBy(key, left, right) || idNumber(left) - idNumber(right));
}

/** A high or critical risk as the go/no-go view lists it. */
export interface GoNoGoRisk {
  readonly row: RiskRow;
  readonly hasMitigation: boolean;
  readonly hasContingency: boolean;
}

function isHigh(row: RiskRow): boolean {
  return row.band === 'high' || row.band === 'critical';
}

/**
 * The unsettled (open, mitigating, occurred) high and critical risks, worst first, each
 * with whether it has a mitigation and a plan B: what the go/no-go view shows.
 */
export function goNoGoRisks(state: RisksState): GoNoGoRisk[] {
  const rows = riskRows(state).filter((row) => RISK_UNSETTLED_STATUSES.includes(row.status) && isHigh(row));
  return sortRiskRows(rows, 'score', 'desc').map((row) => ({
    row,
    hasMitigation: row.mitigation.trim() !== '',
    hasContingency: row.contingency.plan.trim() !== '' || row.contingency.playbook !== null,
  }));
}

/**
 * The unsettled high and critical risks with no mitigation written: the go/no-go gate
 * for "risk management" does not pass while this is non-empty.
 */
export function openHighRisksWithoutMitigation(state: RisksState): RiskRow[] {
  return goNoGoRisks(state)
    .filter((risk) => !risk.hasMitigation)
    .map((risk) => risk.row);
}
