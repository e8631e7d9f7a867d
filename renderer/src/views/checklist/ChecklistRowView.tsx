import { memo } from 'react';
import type { ChecklistDueTimes, ChecklistItem } from '../../../../contract/models';
import { formatInstant, viewerZone, zoneLabel } from '../../format/time';
import type { ChecklistRow, PhaseProgressView } from './checklist-rows';
import { STATUS_LABELS, ownerText } from './checklist-rows';

const STATUS_GLYPHS: Readonly<Record<ChecklistItem['status'], string>> = { todo: '', 'in-progress': '◐', done: '✓', blocked: '!', 'not-applicable': '–' };

/** The due time of an item in the release's zone and, when it differs, the viewer's. */
export function DueText({ item, dueTimes }: { item: ChecklistItem; dueTimes: ChecklistDueTimes | null }) {
  if (item.due === null) return <span className="due none">no due time</span>;
  const instant = dueTimes?.items[item.id];
  if (instant === undefined || dueTimes === null) return <span className="due">{item.due}</span>;
  const viewer = viewerZone();
  const release = formatInstant(instant, dueTimes.zone);
  return (
    <span className="due" title={`${item.due}: ${release} (${dueTimes.zone})`}>
      <span className="due-offset mono">{item.due}</span>
      <span className="due-release">{release}</span>
      {viewer === dueTimes.zone ? null : (
        <span className="due-viewer">
          you ({zoneLabel(viewer)}): {formatInstant(instant, viewer)}
        </span>
      )}
    </span>
  );
}

export function PhaseHeader({ title, progress }: { title: string; progress: PhaseProgressView }) {
  return (
    <div className="phase-header" data-testid="phase-header">
      <span className="phase-title">{title}</span>
      {/* Drawn only: the count beside it says the same in words (a progressbar may not sit in a listbox). */}
      <span className="phase-bar" aria-hidden="true">
        <span className="phase-bar-fill" style={{ width: `${progress.percent}%` }} />
      </span>
      <span className="phase-count" data-testid="phase-progress">
        {progress.complete}/{progress.total} · {progress.percent}%
      </span>
      {progress.overdue > 0 ? <span className="phase-flag overdue">{progress.overdue} overdue</span> : null}
      {progress.blocked > 0 ? <span className="phase-flag blocked">{progress.blocked} blocked</span> : null}
    </div>
  );
}

interface ItemRowProps {
  readonly row: Extract<ChecklistRow, { kind: 'item' }>;
  readonly selected: boolean;
  /** On the plan's critical path: a slip of this item moves the finish. */
  readonly critical?: boolean;
  readonly dueTimes: ChecklistDueTimes | null;
  readonly onSelect: (itemId: string) => void;
  readonly onOpen: (itemId: string) => void;
  readonly onToggle: (itemId: string) => void;
}

/** One item of the checklist: status box, title and owner, due time, status. */
export const ItemRow = memo(function ItemRow({ row, selected, critical = false, dueTimes, onSelect, onOpen, onToggle }: ItemRowProps) {
  const { item, overdue } = row;
  return (
    <div
      className={`item-row status-${item.status} ${selected ? 'selected' : ''} ${overdue ? 'overdue' : ''}`}
      data-testid="checklist-item"
      data-item-id={item.id}
      data-status={item.status}
      data-critical={critical}
      aria-selected={selected}
      role="option"
      onClick={() => onSelect(item.id)}
      onDoubleClick={() => onOpen(item.id)}
    >
      {/* Not a button: a control inside an option is unreachable for assistive technology
          (nested interactive). The keyboard has x / Space on the row; the mouse keeps this box. */}
      <span
        className="status-box"
        aria-hidden="true"
        title={item.status === 'done' ? `Reopen ${item.title}` : `Mark ${item.title} done`}
        onClick={(event) => {
          event.stopPropagation();
          onSelect(item.id);
          onToggle(item.id);
        }}
      >
        {STATUS_GLYPHS[item.status]}
      </span>
      <span className="item-main">
        <span className="item-title">
          {item.required ? (
            <span className="required-mark" title="Required">
              ●
            </span>
          ) : null}
          {item.title}
        </span>
        <span className="item-sub">
          {critical ? (
            <span className="item-critical" data-testid="item-critical" title="On the plan's critical path: a slip here moves the finish">
              ◆ critical path ·{' '}
            </span>
          ) : null}
          {ownerText(item) || 'no owner'}
          {item.statusReason ? <span className="item-reason"> · {item.statusReason}</span> : null}
          {item.evidence.length > 0 ? <span className="item-evidence"> · {item.evidence.length} evidence</span> : null}
        </span>
      </span>
      <DueText item={item} dueTimes={dueTimes} />
      <span className={`status-badge status-${item.status}`}>{overdue ? 'Overdue' : STATUS_LABELS[item.status]}</span>
    </div>
  );
});
