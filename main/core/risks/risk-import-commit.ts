/**
 * Turn a confirmed import preview into the event that adds its risks to the register.
 *
 * Ids from the file are kept when the register has never used them (so an export
 * re-imported into a new release gives the same register); otherwise the risk gets a
 * fresh id and the event says which ids were renumbered. Ids are never reused.
 */
import { WarRoomError } from '../../../contract/domain/errors';
import type { Risk } from '../../../contract/domain/risks/risk-model';
import { riskIdOf, riskNumberOf } from '../../../contract/domain/risks/risk-model';
import type { RiskDraft } from '../../../contract/domain/risks/risk-csv-columns';
import { RISK_CSV_HEADERS } from '../../../contract/domain/risks/risk-csv-columns';
import { riskImportPreviewSchema, type RiskImportPreview } from '../../../contract/domain/risks/risk-import-preview';
import type { RiskEvent, RiskImportedData, RisksState } from './risks-reducer';
import { RISK_EVENT_TYPES } from './risks-reducer';
import type { CommandContext } from './risks-commands';

/**
 * Commit an import preview: one `risks.imported` event with the good rows; bad rows
 * stay out (the user saw them in the preview).
 */
export function commitRiskImport(state: RisksState, preview: unknown, context: CommandContext): RiskEvent[] {
  const parsed = riskImportPreviewSchema.safeParse(preview);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WarRoomError(
      'invalid-input',
      `The import preview is not valid (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}); preview the file again`,
    );
  }
  return commitCheckedRiskImport(state, parsed.data, context);
}

/**
 * Commit a preview that main made itself and kept (never one that crossed a process
 * boundary): the same rules as `commitRiskImport`, without checking the preview's shape again.
 */
export function commitCheckedRiskImport(state: RisksState, preview: RiskImportPreview, context: CommandContext): RiskEvent[] {
  const { rows, missingFields, format, nextNumber: fileNextNumber } = preview;
  if (missingFields.length > 0) {
    const names = missingFields.map((field) => RISK_CSV_HEADERS[field]).join(', ');
    throw new WarRoomError('refused', `Nothing imported: no column is mapped to ${names}; fix the mapping first`, [{ field: 'mapping' }]);
  }
  if (rows.length === 0) throw new WarRoomError('invalid-input', 'Nothing to import: the file has no good rows');

  const keep = new Set<string>();
  let next = state.nextNumber;
  for (const row of rows) {
    const number = row.risk.id === null ? null : riskNumberOf(row.risk.id);
    if (number === null || number < state.nextNumber || keep.has(row.risk.id as string)) continue;
    keep.add(row.risk.id as string);
    next = Math.max(next, number + 1);
  }
  const kept = new Set<string>();
  const renumbered: { from: string; to: string }[] = [];
  const risks: Risk[] = rows.map(({ risk: draft }) => {
    let id: string;
    if (draft.id !== null && keep.has(draft.id) && !kept.has(draft.id)) {
      id = draft.id;
      kept.add(id);
    } else {
      id = riskIdOf(next);
      next += 1;
      if (draft.id !== null) renumbered.push({ from: draft.id, to: id });
    }
    return completeDraft(draft as RiskDraft, id, context);
  });
  // Members in sorted (canonical) order, like each risk's: see completeDraft.
  const data: RiskImportedData = {
    format,
    nextNumber: Math.max(next, fileNextNumber !== null && state.risks.length === 0 ? fileNextNumber : 0),
    renumbered,
    risks,
    skippedBadRows: preview.badRows.length,
  };
  return [{ type: RISK_EVENT_TYPES.imported, data }];
}

/**
 * The risk to journal. Its members are written in sorted order (as are the nested
 * ones), which is the journal's canonical order: an import of thousands of risks is
 * then written by the engine's JSON.stringify as it is, without a sorted copy.
 */
function completeDraft(draft: RiskDraft, id: string, context: CommandContext): Risk {
  const { contingency, acceptance } = draft;
  return {
    acceptance: acceptance === null ? null : { at: acceptance.at || context.now, by: acceptance.by, reason: acceptance.reason },
    category: draft.category,
    contingency: { plan: contingency.plan, playbook: contingency.playbook, step: contingency.step },
    createdAt: draft.createdAt ?? context.now,
    createdBy: draft.createdBy ?? context.actor,
    description: draft.description,
    id,
    impact: draft.impact,
    likelihood: draft.likelihood,
    mitigation: draft.mitigation,
    owner: draft.owner,
    residualImpact: draft.residualImpact,
    residualLikelihood: draft.residualLikelihood,
    reviewDate: draft.reviewDate,
    status: draft.status,
    title: draft.title,
    trigger: draft.trigger,
    updatedAt: draft.updatedAt ?? context.now,
  };
}
