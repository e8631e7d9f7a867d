import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChecklistDueTimes, ItemStatus } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { useNow } from '../../app/hooks';
import type { ViewProps } from '../view-props';
import { NO_FILTER, STATUSES, STATUS_LABELS, buildRows, ownerNames, phaseProgress, reasonNeeded, type ChecklistFilter } from './checklist-rows';
import { ItemRow, PhaseHeader } from './ChecklistRowView';
import { useCriticalItems } from '../plan/use-plan';
import { ItemDialog } from './ItemDialog';
import { ItemFormDialog } from './ItemFormDialog';
import { PhaseFormDialog } from './PhaseFormDialog';
import { ReasonDialog } from './ReasonDialog';

const LIST_METRICS = {
  /** Fixed row heights keep the virtual list exact (no measuring 2,000 rows). */
  phaseRowPx: 48,
  itemRowPx: 60,
  /** Rows rendered beyond the visible ones, so fast j/k never shows a blank. */
  overscan: 12,
  /** Overdue state is re-evaluated this often: a due time passes while people watch. */
  clockTickMs: 15_000,
} as const;

interface Props extends ViewProps {
  readonly dueTimes: ChecklistDueTimes | null;
  readonly onError: (message: string | null) => void;
}

/** The checklist: filters, progress per phase, the virtualised list of items, keyboard-first. */
export function ChecklistPanel({ slug, state, dueTimes, onError }: Props) {
  const checklist = state.checklist;
  const criticalItems = useCriticalItems(slug, state.seq);
  const now = useNow(LIST_METRICS.clockTickMs);
  const nowMs = now.getTime();
  const [filter, setFilter] = useState<ChecklistFilter>(NO_FILTER);
  const rows = useMemo(() => buildRows(checklist, filter, dueTimes, nowMs), [checklist, filter, dueTimes, nowMs]);
  const owners = useMemo(() => ownerNames(checklist), [checklist]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [addingPhase, setAddingPhase] = useState(false);
  const [reasonFor, setReasonFor] = useState<{ itemId: string; to: ItemStatus } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const ownerRef = useRef<HTMLInputElement>(null);

  /** Back to the list once a dialog is gone (a modal dialog makes the list inert until it unmounts). */
  const refocusList = () => requestAnimationFrame(() => listRef.current?.focus());

  const itemIndexes = useMemo(() => rows.flatMap((row, index) => (row.kind === 'item' ? [index] : [])), [rows]);
  const selectedIndex = rows.findIndex((row) => row.kind === 'item' && row.item.id === selectedId);

  useEffect(() => {
    if (selectedIndex === -1 && itemIndexes.length > 0) setSelectedId((rows[itemIndexes[0]!] as { item: { id: string } }).item.id);
  }, [selectedIndex, itemIndexes, rows]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'phase' ? LIST_METRICS.phaseRowPx : LIST_METRICS.itemRowPx),
    overscan: LIST_METRICS.overscan,
    getItemKey: (index) => {
      const row = rows[index]!;
      return row.kind === 'phase' ? `phase:${row.phase.id}` : row.item.id;
    },
  });

  const run = useCallback(
    (promise: Promise<unknown>) => {
      promise.then(
        () => onError(null),
        (failure: Error) => onError(failure.message),
      );
    },
    [onError],
  );

  const setStatus = useCallback(
    (itemId: string, to: ItemStatus, reason?: string) => {
      const item = checklist.items[itemId];
      if (item === undefined || item.status === to) return;
      if (reason === undefined && reasonNeeded(item.status, to)) {
        setReasonFor({ itemId, to });
        return;
      }
      run(client.call('checklist.item.status', { slug, itemId, status: to, ...(reason === undefined ? {} : { reason }) }));
    },
    [checklist, run, slug],
  );

  const toggle = useCallback(
    (itemId: string) => {
      const item = checklist.items[itemId];
      if (item === undefined) return;
      setStatus(itemId, item.status === 'done' || item.status === 'not-applicable' ? 'todo' : 'done');
    },
    [checklist, setStatus],
  );

  const moveSelected = (direction: 1 | -1) => {
    const item = selectedId === null ? undefined : checklist.items[selectedId];
    if (item === undefined) return;
    const phaseIndex = checklist.phases.findIndex((phase) => phase.id === item.phaseId);
    const phase = checklist.phases[phaseIndex]!;
    const index = phase.itemIds.indexOf(item.id);
    let target = { toPhaseId: phase.id, toIndex: index + direction };
    if (target.toIndex < 0 || target.toIndex >= phase.itemIds.length) {
      const next = checklist.phases[phaseIndex + direction];
      if (next === undefined) return;
      target = { toPhaseId: next.id, toIndex: direction > 0 ? 0 : next.itemIds.length };
    }
    run(client.call('checklist.item.move', { slug, itemId: item.id, ...target }));
  };

  const select = (rowIndex: number) => {
    const row = rows[rowIndex];
    if (row?.kind !== 'item') return;
    setSelectedId(row.item.id);
    virtualizer.scrollToIndex(rowIndex, { align: 'auto' });
  };

  const step = (direction: 1 | -1) => {
    const position = itemIndexes.indexOf(selectedIndex);
    const next = itemIndexes[Math.max(0, Math.min(itemIndexes.length - 1, position + direction))];
    if (next !== undefined) select(next);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.altKey && !['ArrowUp', 'ArrowDown'].includes(event.key)) return;
    if (event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if ((key === 'J' || (event.altKey && key === 'ArrowDown')) && selectedId) moveSelected(1);
    else if ((key === 'K' || (event.altKey && key === 'ArrowUp')) && selectedId) moveSelected(-1);
    else if (key === 'j' || key === 'ArrowDown') step(1);
    else if (key === 'k' || key === 'ArrowUp') step(-1);
    else if (key === 'Home') select(itemIndexes[0] ?? -1);
    else if (key === 'End') select(itemIndexes[itemIndexes.length - 1] ?? -1);
    else if ((key === 'x' || key === ' ') && selectedId) toggle(selectedId);
    else if (key === 'i' && selectedId) setStatus(selectedId, 'in-progress');
    else if (key === 'b' && selectedId) setStatus(selectedId, 'blocked');
    else if (key === 'Enter' && selectedId) setOpenId(selectedId);
    else if (key === 'n') setAdding(true);
    else if (key === '/') ownerRef.current?.focus();
    else return;
    event.preventDefault();
  };

  const totals = useMemo(() => {
    const all = checklist.phases.map((phase) => phaseProgress(phase, checklist, dueTimes, nowMs));
    const total = all.reduce((sum, phase) => sum + phase.total, 0);
    const complete = all.reduce((sum, phase) => sum + phase.complete, 0);
    return { total, complete, overdue: all.reduce((sum, phase) => sum + phase.overdue, 0), percent: total === 0 ? 0 : Math.floor((complete * 100) / total) };
  }, [checklist, dueTimes, nowMs]);

  return (
    <div className="checklist-panel">
      <div className="checklist-toolbar">
        <div className="checklist-summary" data-testid="checklist-summary">
          <strong>{totals.complete}</strong>/{totals.total} complete · {totals.percent}%
          {totals.overdue > 0 ? <span className="summary-overdue"> · {totals.overdue} overdue</span> : null}
        </div>
        <label className="filter">
          <span>Owner</span>
          <input
            ref={ownerRef}
            data-testid="filter-owner"
            list="checklist-owners"
            value={filter.owner}
            placeholder="role or person"
            onChange={(event) => setFilter({ ...filter, owner: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'Escape' || event.key === 'Enter') {
                event.preventDefault();
                refocusList();
              }
            }}
          />
          <datalist id="checklist-owners">
            {owners.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <label className="filter">
          <span>Status</span>
          <select
            data-testid="filter-status"
            value={filter.status}
            onChange={(event) => setFilter({ ...filter, status: event.target.value as ChecklistFilter['status'] })}
          >
            <option value="">All</option>
            <option value="open">Open</option>
            <option value="overdue">Overdue</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Phase</span>
          <select data-testid="filter-phase" value={filter.phaseId} onChange={(event) => setFilter({ ...filter, phaseId: event.target.value })}>
            <option value="">All</option>
            {checklist.phases.map((phase) => (
              <option key={phase.id} value={phase.id}>
                {phase.title}
              </option>
            ))}
          </select>
        </label>
        {filter !== NO_FILTER ? (
          <button type="button" className="button secondary" onClick={() => setFilter(NO_FILTER)}>
            Clear
          </button>
        ) : null}
        <span className="toolbar-spacer" />
        <button type="button" className="button secondary" data-testid="add-phase" onClick={() => setAddingPhase(true)}>
          + Phase
        </button>
        <button
          type="button"
          className="button"
          data-testid="add-item"
          onClick={() => setAdding(true)}
          disabled={checklist.phases.length === 0}
          title={checklist.phases.length === 0 ? 'Add a phase first' : undefined}
        >
          + Item
        </button>
      </div>
      <div ref={listRef} className="checklist-list" data-testid="checklist-list" tabIndex={0} role="listbox" aria-label="Checklist items" onKeyDown={onKeyDown}>
        {rows.length === 0 ? (
          <p className="empty list-empty">
            {checklist.phases.length === 0 ? 'No checklist yet: add a phase, then its items, or import a template (YAML).' : 'No item matches the filters.'}
          </p>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const row = rows[virtual.index]!;
            return (
              <div key={virtual.key} className="virtual-row" style={{ height: virtual.size, transform: `translateY(${virtual.start}px)` }}>
                {row.kind === 'phase' ? (
                  <PhaseHeader title={row.phase.title} progress={row.progress} />
                ) : (
                  <ItemRow
                    row={row}
                    selected={row.item.id === selectedId}
                    critical={criticalItems.has(row.item.id)}
                    dueTimes={dueTimes}
                    onSelect={setSelectedId}
                    onOpen={setOpenId}
                    onToggle={toggle}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <p className="key-hint" data-testid="checklist-keys">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>x</kbd>/<kbd>Space</kbd> done · <kbd>i</kbd> in progress · <kbd>b</kbd> blocked · <kbd>Enter</kbd> open ·{' '}
        <kbd>Shift+J</kbd>/<kbd>K</kbd> reorder · <kbd>n</kbd> new item · <kbd>/</kbd> filter
      </p>
      {openId !== null && checklist.items[openId] ? (
        <ItemDialog
          slug={slug}
          item={checklist.items[openId]!}
          checklist={checklist}
          dueTimes={dueTimes}
          onClose={() => {
            setOpenId(null);
            refocusList();
          }}
        />
      ) : null}
      {addingPhase ? (
        <PhaseFormDialog
          slug={slug}
          checklist={checklist}
          onClose={() => {
            setAddingPhase(false);
            refocusList();
          }}
        />
      ) : null}
      {adding ? (
        <ItemFormDialog
          slug={slug}
          checklist={checklist}
          defaultPhaseId={(selectedId && checklist.items[selectedId]?.phaseId) || filter.phaseId || checklist.phases[0]?.id || ''}
          onClose={() => {
            setAdding(false);
            refocusList();
          }}
        />
      ) : null}
      {reasonFor !== null && checklist.items[reasonFor.itemId] ? (
        <ReasonDialog
          item={checklist.items[reasonFor.itemId]!}
          to={reasonFor.to}
          onCancel={() => {
            setReasonFor(null);
            refocusList();
          }}
          onSubmit={(reason) =>
            client.call('checklist.item.status', { slug, itemId: reasonFor.itemId, status: reasonFor.to, reason }).then(() => {
              setReasonFor(null);
              refocusList();
            })
          }
        />
      ) : null}
    </div>
  );
}
