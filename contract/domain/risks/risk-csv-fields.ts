/**
 * The fields a risk register CSV column can feed, and their export headers.
 *
 * Kept apart from the parsing code (zod, csv-parse) so the renderer's mapping editor can
 * list the same fields through the contract without bundling either.
 */
/** Fields a CSV column can feed. */
export const RISK_CSV_FIELDS = [
  'id',
  'title',
  'description',
  'category',
  'likelihood',
  'impact',
  'owner',
  'trigger',
  'mitigation',
  'contingency',
  'contingencyPlaybook',
  'contingencyStep',
  'residualLikelihood',
  'residualImpact',
  'reviewDate',
  'status',
  'acceptedBy',
  'acceptanceReason',
  'acceptedAt',
  'createdAt',
  'createdBy',
  'updatedAt',
] as const;
export type RiskCsvField = (typeof RISK_CSV_FIELDS)[number];

/** Without these a row cannot become a risk: the preview refuses a mapping that lacks one. */
export const RISK_CSV_REQUIRED_FIELDS: readonly RiskCsvField[] = ['title', 'likelihood', 'impact'];

/** The header each field is exported under (and the first name the import recognises). */
export const RISK_CSV_HEADERS: { readonly [Field in RiskCsvField]: string } = {
  id: 'ID',
  title: 'Title',
  description: 'Description',
  category: 'Category',
  likelihood: 'Likelihood',
  impact: 'Impact',
  owner: 'Owner',
  trigger: 'Trigger',
  mitigation: 'Mitigation',
  contingency: 'Contingency',
  contingencyPlaybook: 'Contingency playbook',
  contingencyStep: 'Contingency step',
  residualLikelihood: 'Residual likelihood',
  residualImpact: 'Residual impact',
  reviewDate: 'Review date',
  status: 'Status',
  acceptedBy: 'Accepted by',
  acceptanceReason: 'Acceptance reason',
  acceptedAt: 'Accepted at',
  createdAt: 'Created at',
  createdBy: 'Created by',
  updatedAt: 'Updated at',
};
