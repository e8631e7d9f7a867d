import type { ItemStatus } from '../../../contract/domain/checklist/checklist-model';

/**
 * Which status changes are legal, and when a reason is required.
 *
 * Why these rules: the checklist is evidence for the go/no-go and the report, so a
 * finished item is not quietly undone, and every exception is explained.
 * - blocked and not-applicable always need a reason (what blocks it, why it does not apply);
 * - reopening a done item (back to todo or in-progress) needs a reason;
 * - a done item cannot become blocked or not applicable directly: reopen it first, so
 *   the timeline says it was reopened and why;
 * - a not-applicable item goes back to todo (or in-progress) before it can be done;
 * - setting the status an item already has is refused (a double click, a stale view).
 */
export interface StatusChangeVerdict {
  readonly allowed: boolean;
  readonly reasonRequired: boolean;
  /** Why a change is refused, phrased for the person who tried it; null when allowed. */
  readonly message: string | null;
}

const STATUS_WORDS: Readonly<Record<ItemStatus, string>> = {
  todo: 'to do',
  'in-progress': 'in progress',
  done: 'done',
  blocked: 'blocked',
  'not-applicable': 'not applicable',
};

/** How a status reads in a sentence ("in progress"). */
export function statusWords(status: ItemStatus): string {
  return STATUS_WORDS[status];
}

const LEGAL_MOVES: Readonly<Record<ItemStatus, readonly ItemStatus[]>> = {
  todo: ['in-progress', 'done', 'blocked', 'not-applicable'],
  'in-progress': ['todo', 'done', 'blocked', 'not-applicable'],
  blocked: ['todo', 'in-progress', 'done', 'not-applicable'],
  done: ['todo', 'in-progress'],
  'not-applicable': ['todo', 'in-progress'],
};

/** Judge a status change from `from` to `to`; a reason is checked separately with checkStatusReason. */
export function judgeStatusChange(from: ItemStatus, to: ItemStatus): StatusChangeVerdict {
  if (from === to) {
    return { allowed: false, reasonRequired: false, message: `the item is already ${statusWords(to)}` };
  }
  if (!LEGAL_MOVES[from].includes(to)) {
    const hint = from === 'done' ? 'reopen it first (set it to to do or in progress with a reason)' : 'set it back to to do first, with a reason';
    return { allowed: false, reasonRequired: false, message: `a ${statusWords(from)} item cannot become ${statusWords(to)} directly: ${hint}` };
  }
  const reasonRequired = to === 'blocked' || to === 'not-applicable' || from === 'done';
  return { allowed: true, reasonRequired, message: null };
}

/** Why a reason is missing for a legal change, or null when the reason is fine. */
export function checkStatusReason(from: ItemStatus, to: ItemStatus, reason: string | undefined): string | null {
  const verdict = judgeStatusChange(from, to);
  if (!verdict.reasonRequired) return null;
  if (reason !== undefined && reason.trim().length > 0) return null;
  if (to === 'blocked') return 'say what blocks the item: a reason is required to mark it blocked';
  if (to === 'not-applicable') return 'say why the item does not apply: a reason is required to mark it not applicable';
  return `say why the item is reopened: a reason is required to move a done item back to ${statusWords(to)}`;
}
