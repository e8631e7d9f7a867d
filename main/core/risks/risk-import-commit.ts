/**
 * Turn a confirmed import preview into the event that adds its risks to the register.
 *
 * Ids from the file are kept when the register has never used them (so an export
 * re-imported into a new release gives the same register); otherwise the risk gets a
 * fresh id and the event says which ids were renumbered. Ids are never reused.
 */
import { WarRoomError } from '../support/errors';
import type { Risk } from './risk-model';
import { riskIdOf, riskNumberOf } from './risk-model';
import type { RiskDraft } from './risk-csv-columns';
import { RISK_CSV_HEADERS } from './risk-csv-columns';
import { riskImportPreviewSchema } from './risk-import-preview';
import type { DomainEvent, RiskImportedData, RisksState } from './risks-reducer';
import { RISK_EVENT_TYPES } from './risks-reducer';
import type { CommandContext } from './risks-commands';

/**
 * Commit an import preview: one `risks.imported` event with the good rows; bad rows
 * stay out (the user saw them in the preview).
 */
export function commitRiskImport(state: RisksState, preview: unknown, context: CommandContext): DomainEvent[] {
  const parsed = riskImportPreviewSchema.safeParse(preview);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WarRoomError(
      'invalid-input',
      `The import preview is not valid (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}); preview the file again`,
    );
  }
  const { rows, missingFields, format, nextNumber: fileNextNumber } = parsed.data;
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
  const data: RiskImportedData = {
    format,
    risks,
    renumbered,
    skippedBadRows: parsed.data.badRows.length,
    nextNumber: Math.max(next, fileNextNumber !== null && state.risks.length === 0 ? fileNextNumber : 0),
  };
  return [{ type: RISK_EVENT_TYPES.imported, data }];
}

function completeDraft(draft: RiskDraft, id: string, context: CommandContext): Risk {
  return {
    ...draft,
    id,
    acceptance: draft.acceptance === null ? null : { ...draft.acceptance, at: draft.acceptance.at || context.now },
    createdAt: draft.createdAt ?? context.now,
    createdBy: draft.createdBy ?? context.actor,
    updatedAt: draft.updatedAt ?? context.now,
  };
}
