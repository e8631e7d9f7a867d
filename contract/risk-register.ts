/**
 * The risk register's pure, Node-free rules, shared with the renderer.
 *
 * Why runtime code in the contract: the table, the heat maps, the transition buttons and
 * the go/no-go list must score, band, filter and count exactly as main does; a second copy
 * in the renderer would drift. These modules import neither Node, zod nor csv-parse
 * (test/core/risks/risk-register-contract.test.ts keeps it that way).
 */
export { RISK_BANDS, RISK_CATEGORIES, RISK_SCORING, RISK_STATUSES, RISK_TRANSITIONS, canTransition, riskBand, riskScore } from './domain/risks/risk-model';
export { RISK_LIVE_STATUSES, RISK_SORT_KEYS, filterRiskRows, riskHeatMap, riskRows, sortRiskRows } from './domain/risks/risks-queries';
export { RISK_CSV_FIELDS, RISK_CSV_HEADERS, RISK_CSV_REQUIRED_FIELDS } from './domain/risks/risk-csv-fields';
