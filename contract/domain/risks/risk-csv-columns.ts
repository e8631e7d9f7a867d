/**
 * The columns of a risk register spreadsheet: export headers, header guessing on import,
 * and turning one row of cells into a risk draft (or the reasons it cannot be one).
 *
 * Spreadsheets name their columns many ways ("Probability", "Plan B", "Early warning");
 * the guess covers the common ones and the user can override it in the preview.
 */
import { z } from 'zod';
import type { Risk, RiskCategory, RiskStatus } from './risk-model';
import { RISK_CATEGORIES, RISK_STATUSES, riskBand, riskNumberOf, riskScore } from './risk-model';
import { riskSchema } from './risks-schemas';
import type { RiskCsvField } from './risk-csv-fields';
import { RISK_CSV_FIELDS, RISK_CSV_HEADERS } from './risk-csv-fields';

export type { RiskCsvField } from './risk-csv-fields';
export { RISK_CSV_FIELDS, RISK_CSV_HEADERS, RISK_CSV_REQUIRED_FIELDS } from './risk-csv-fields';
export const riskCsvFieldSchema = z.enum(RISK_CSV_FIELDS);

/** Derived columns the export adds for the reader; the import ignores them (they are recomputed). */
export const RISK_CSV_DERIVED_HEADERS = { score: 'Score', band: 'Band', residualScore: 'Residual score', residualBand: 'Residual band' } as const;

/** Other names spreadsheets use, normalised (lower case, letters and digits only). */
const HEADER_ALIASES: ReadonlyArray<readonly [RiskCsvField, readonly string[]]> = [
  ['id', ['riskid', 'ref', 'reference', 'riskref', 'riskno', 'risknumber']],
  ['title', ['risk', 'name', 'riskname', 'risktitle', 'summary']],
  ['description', ['details', 'desc', 'riskdescription']],
  ['category', ['type', 'riskcategory', 'risktype']],
  ['likelihood', ['probability', 'l', 'p', 'inherentlikelihood', 'inherentprobability']],
  ['impact', ['severity', 'i', 'consequence', 'inherentimpact']],
  ['owner', ['riskowner', 'responsible', 'assignee', 'assignedto']],
  ['trigger', ['triggers', 'earlywarning', 'earlywarningsign', 'warningsign', 'indicator']],
  ['mitigation', ['mitigationplan', 'mitigations', 'mitigationaction']],
  ['contingency', ['contingencyplan', 'planb', 'fallback', 'fallbackplan']],
  ['contingencyPlaybook', ['playbook', 'contingencyplaybook']],
  ['contingencyStep', ['playbookstep', 'step', 'contingencystep']],
  ['residualLikelihood', ['residualprobability']],
  ['residualImpact', ['residualseverity']],
  ['reviewDate', ['review', 'nextreview', 'reviewby', 'reviewon']],
  ['status', ['state']],
  ['acceptanceReason', ['acceptedbecause', 'acceptancerationale', 'whyaccepted']],
  ['createdBy', ['raisedby', 'author']],
  ['updatedAt', ['lastupdated', 'modified']],
];

/** Lower case, accents dropped, letters and digits only: "Résidual  Likelihood" -> "residuallikelihood". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const HEADER_INDEX: ReadonlyMap<string, RiskCsvField> = new Map(
  RISK_CSV_FIELDS.flatMap((field): [string, RiskCsvField][] => [
    [normaliseHeader(RISK_CSV_HEADERS[field]), field],
    [normaliseHeader(field), field],
    ...(HEADER_ALIASES.find(([aliased]) => aliased === field)?.[1] ?? []).map((alias): [string, RiskCsvField] => [alias, field]),
  ]),
);

/** One column of the file and the field it feeds (null: ignored). */
export interface RiskCsvColumn {
  /** 0-based position in the row. */
  readonly column: number;
  readonly header: string;
  readonly field: RiskCsvField | null;
}

/** Guess the field of each header; a field goes to its first matching column only. */
export function guessRiskCsvMapping(headers: readonly string[]): RiskCsvColumn[] {
  const taken = new Set<RiskCsvField>();
  return headers.map((header, column) => {
    const field = HEADER_INDEX.get(normaliseHeader(header)) ?? null;
    if (field === null || taken.has(field)) return { column, header, field: null };
    taken.add(field);
    return { column, header, field };
  });
}

/** A risk read from a file, before the register gives it an id and audit fields. */
export interface RiskDraft extends Omit<Risk, 'id' | 'createdAt' | 'createdBy' | 'updatedAt'> {
  /** The id in the file; kept when still free in the register, else renumbered. */
  readonly id: string | null;
  readonly createdAt: string | null;
  readonly createdBy: string | null;
  readonly updatedAt: string | null;
}

export const riskDraftSchema = riskSchema.extend({
  id: riskSchema.shape.id.nullable(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

const LEVEL_WORDS: ReadonlyMap<string, number> = new Map([
  ['verylow', 1],
  ['rare', 1],
  ['insignificant', 1],
  ['negligible', 1],
  ['low', 2],
  ['unlikely', 2],
  ['minor', 2],
  ['medium', 3],
  ['possible', 3],
  ['moderate', 3],
  ['high', 4],
  ['likely', 4],
  ['major', 4],
  ['veryhigh', 5],
  ['almostcertain', 5],
  ['certain', 5],
  ['severe', 5],
  ['catastrophic', 5],
]);

function parseLevel(text: string, label: string, problems: string[]): number | null {
  if (text === '') return null;
  const numeric = /^([1-5])(?:[.,]0+)?$/.exec(text);
  if (numeric) return Number(numeric[1]);
  const word = LEVEL_WORDS.get(normaliseHeader(text));
  if (word !== undefined) return word;
  problems.push(`${label} '${text}' must be a number from 1 to 5`);
  return null;
}

/** Categories by their normalised name ("Third party", "third-party" -> third-party), built once. */
const CATEGORY_INDEX: ReadonlyMap<string, RiskCategory> = new Map(RISK_CATEGORIES.map((category) => [normaliseHeader(category), category]));

function parseCategory(text: string, problems: string[]): RiskCategory {
  if (text === '') return 'other';
  // Most cells already hold the exact name: skip the Unicode normalisation for them.
  const found = (RISK_CATEGORIES as readonly string[]).includes(text) ? (text as RiskCategory) : CATEGORY_INDEX.get(normaliseHeader(text));
  if (found) return found;
  problems.push(`category '${text}' is not one of ${RISK_CATEGORIES.join(', ')} (use other)`);
  return 'other';
}

function parseStatus(text: string, problems: string[]): RiskStatus {
  if (text === '') return 'open';
  if ((RISK_STATUSES as readonly string[]).includes(text)) return text as RiskStatus;
  const wanted = normaliseHeader(text);
  const found = RISK_STATUSES.find((status) => status === wanted);
  if (found) return found;
  problems.push(`status '${text}' is not one of ${RISK_STATUSES.join(', ')}`);
  return 'open';
}

const FIELD_LABELS: Partial<Record<string, string>> = Object.fromEntries(RISK_CSV_FIELDS.map((field) => [field, RISK_CSV_HEADERS[field].toLowerCase()]));

/**
 * Turn the cells of one row (by field) into a risk draft, or the reasons it is bad,
 * all of them at once so the user fixes the row in one go.
 */
export function riskDraftFromCells(cells: ReadonlyMap<RiskCsvField, string>): { draft: RiskDraft } | { problems: string[] } {
  // Short values are trimmed (spreadsheets pad them); prose is kept as written so a round trip is exact.
  const text = (field: RiskCsvField): string => unprotectFormula(cells.get(field) ?? '');
  const cell = (field: RiskCsvField): string => text(field).trim();
  const problems: string[] = [];
  const idText = cell('id');
  if (idText !== '' && riskNumberOf(idText) === null) problems.push(`id '${idText}' must look like R-12 (or be left empty)`);
  const likelihood = parseLevel(cell('likelihood'), 'likelihood', problems);
  const impact = parseLevel(cell('impact'), 'impact', problems);
  if (cell('likelihood') === '') problems.push('likelihood is empty (1 to 5)');
  if (cell('impact') === '') problems.push('impact is empty (1 to 5)');
  const status = parseStatus(cell('status'), problems);
  const acceptedBy = cell('acceptedBy');
  const acceptanceReason = cell('acceptanceReason');
  const hasAcceptance = acceptedBy !== '' || acceptanceReason !== '';
  if ((status === 'accepted' || hasAcceptance) && (acceptedBy === '' || acceptanceReason === '')) {
    problems.push('an accepted risk needs both accepted by and acceptance reason');
  }
  const candidate = {
    id: idText === '' ? null : idText,
    title: cell('title'),
    description: text('description'),
    category: parseCategory(cell('category'), problems),
    likelihood,
    impact,
    owner: cell('owner'),
    trigger: text('trigger'),
    mitigation: text('mitigation'),
    contingency: {
      plan: text('contingency'),
      playbook: cell('contingencyPlaybook') || null,
      step: cell('contingencyStep') || null,
    },
    residualLikelihood: parseLevel(cell('residualLikelihood'), 'residual likelihood', problems),
    residualImpact: parseLevel(cell('residualImpact'), 'residual impact', problems),
    reviewDate: cell('reviewDate') || null,
    status,
    acceptance: hasAcceptance ? { by: acceptedBy, reason: text('acceptanceReason'), at: cell('acceptedAt') } : null,
    createdAt: cell('createdAt') || null,
    createdBy: cell('createdBy') || null,
    updatedAt: cell('updatedAt') || null,
  };
  if (problems.length > 0) return { problems };
  const checked = riskDraftSchema.safeParse(candidate);
  if (!checked.success) {
    return {
      problems: checked.error.issues.map((issue) => {
        const top = String(issue.path[0] ?? 'row');
        const label = FIELD_LABELS[top] ?? top;
        return `${label}${issue.path.length > 1 ? `.${issue.path.slice(1).join('.')}` : ''}: ${issue.message}`;
      }),
    };
  }
  return { draft: checked.data };
}

/** A cell that starts like a formula, possibly behind apostrophes we or a user put there. */
const NEEDS_PROTECTION = /^'*[=+\-@\t\r]/;

/**
 * Keep a spreadsheet from running a cell as a formula ("=HYPERLINK(...)" in a title):
 * prefix such cells with an apostrophe, as OWASP advises for CSV exports. A cell that
 * already starts with apostrophes before such a character gets one more, so the import
 * can always strip exactly one.
 */
export function protectFormula(value: string): string {
  return NEEDS_PROTECTION.test(value) ? `'${value}` : value;
}

/** Undo protectFormula on import, so an export re-imports to the same text. */
export function unprotectFormula(value: string): string {
  return value.startsWith("'") && NEEDS_PROTECTION.test(value.slice(1)) ? value.slice(1) : value;
}

/** The cells of a risk for export, in RISK_CSV_FIELDS order, plus the derived score columns. */
export function riskCsvRecord(risk: Risk): string[] {
  const score = riskScore(risk.likelihood, risk.impact);
  const residualScore = riskScore(risk.residualLikelihood ?? risk.likelihood, risk.residualImpact ?? risk.impact);
  const byField: { readonly [Field in RiskCsvField]: string } = {
    id: risk.id,
    title: risk.title,
    description: risk.description,
    category: risk.category,
    likelihood: String(risk.likelihood),
    impact: String(risk.impact),
    owner: risk.owner,
    trigger: risk.trigger,
    mitigation: risk.mitigation,
    contingency: risk.contingency.plan,
    contingencyPlaybook: risk.contingency.playbook ?? '',
    contingencyStep: risk.contingency.step ?? '',
    residualLikelihood: risk.residualLikelihood === null ? '' : String(risk.residualLikelihood),
    residualImpact: risk.residualImpact === null ? '' : String(risk.residualImpact),
    reviewDate: risk.reviewDate ?? '',
    status: risk.status,
    acceptedBy: risk.acceptance?.by ?? '',
    acceptanceReason: risk.acceptance?.reason ?? '',
    acceptedAt: risk.acceptance?.at ?? '',
    createdAt: risk.createdAt,
    createdBy: risk.createdBy,
    updatedAt: risk.updatedAt,
  };
  return [...RISK_CSV_FIELDS.map((field) => protectFormula(byField[field])), String(score), riskBand(score), String(residualScore), riskBand(residualScore)];
}

/** The header row of an export, matching riskCsvRecord. */
export function riskCsvHeaderRecord(): string[] {
  return [...RISK_CSV_FIELDS.map((field) => RISK_CSV_HEADERS[field]), ...Object.values(RISK_CSV_DERIVED_HEADERS)];
}
