import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RiskRow, RiskSortKey } from '../../../../contract/models';

/** Rows are virtualised: only what is on screen is in the DOM, so 5,000 risks scroll freely. */
const TABLE = {
  /** Row height in px: one line of 15px text with padding, projector-readable. */
  rowHeight: 38,
  /** Rows rendered beyond the visible ones, so fast scrolling shows no blank band. */
  overscan: 12,
} as const;

export interface RiskSort {
  readonly key: RiskSortKey;
  readonly direction: 'asc' | 'desc';
}

interface Column {
  readonly label: string;
  readonly title: string;
  readonly sortKey: RiskSortKey;
  readonly className: string;
}

const COLUMNS: readonly Column[] = [
  { label: 'ID', title: 'Risk id', sortKey: 'id', className: 'col-id' },
  { label: 'Title', title: 'Title', sortKey: 'title', className: 'col-title' },
  { label: 'Category', title: 'Category', sortKey: 'category', className: 'col-category' },
  { label: 'L', title: 'Likelihood (1-5)', sortKey: 'likelihood', className: 'col-num' },
  { label: 'I', title: 'Impact (1-5)', sortKey: 'impact', className: 'col-num' },
  { label: 'Score', title: 'Score: likelihood × impact', sortKey: 'score', className: 'col-num' },
  { label: 'Band', title: 'Band of the score', sortKey: 'score', className: 'col-band' },
  { label: 'Residual', title: 'Residual score and band after mitigation', sortKey: 'residualScore', className: 'col-residual' },
  { label: 'Owner', title: 'Owner', sortKey: 'owner', className: 'col-owner' },
  { label: 'Status', title: 'Status', sortKey: 'status', className: 'col-status' },
  { label: 'Review', title: 'Next review date', sortKey: 'reviewDate', className: 'col-review' },
];

interface Props {
  readonly rows: readonly RiskRow[];
  readonly sort: RiskSort;
  readonly onSort: (sort: RiskSort) => void;
  readonly selectedId: string | null;
  readonly onOpen: (id: string) => void;
  readonly today: string;
}

/**
 * The register as a table: sortable by every column (click a header; again to reverse),
 * keyboard-navigable (arrows move, Enter opens), virtualised for thousands of rows.
 */
export function RiskTable({ rows, sort, onSort, selectedId, onOpen, today }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => TABLE.rowHeight,
    overscan: TABLE.overscan,
  });

  const focusRow = (index: number) => {
    const bounded = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(bounded);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${bounded}"]`)?.focus());
  };

  return (
    <div className="risk-table" role="table" aria-label="Risk register" aria-rowcount={rows.length + 1} data-testid="risk-table">
      <div className="risk-row risk-head" role="row">
        {COLUMNS.map((column) => {
          const active = sort.key === column.sortKey;
          // Band sorts by score too; only the Score header shows the arrow.
          const isCurrent = active && column.label !== 'Band';
          return (
            <div
              key={column.label}
              role="columnheader"
              className={column.className}
              aria-sort={isCurrent ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button
                type="button"
                title={`${column.title}: sort`}
                onClick={() => onSort({ key: column.sortKey, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' })}
              >
                {column.label}
                <span className="sort-mark" aria-hidden="true">
                  {isCurrent ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
      <div className="risk-body" ref={scroller} role="rowgroup">
        {rows.length === 0 ? (
          <p className="empty risk-empty">
            No risk matches. Press <kbd>n</kbd> to add one.
          </p>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const overdue = row.reviewDate !== null && row.reviewDate < today && row.status !== 'closed';
            return (
              <div
                key={row.id}
                role="row"
                tabIndex={0}
                data-index={item.index}
                data-testid={`risk-row-${row.id}`}
                aria-selected={row.id === selectedId}
                className={`risk-row status-${row.status}${row.id === selectedId ? ' selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: TABLE.rowHeight }}
                onClick={() => onOpen(row.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') onOpen(row.id);
                  else if (event.key === 'ArrowDown') focusRow(item.index + 1);
                  else if (event.key === 'ArrowUp') focusRow(item.index - 1);
                  else return;
                  event.preventDefault();
                }}
              >
                <div role="cell" className="col-id mono">
                  {row.id}
                </div>
                <div role="cell" className="col-title" title={row.title}>
                  {row.status === 'occurred' ? (
                    <span className="incident-mark" title="Occurred: an incident">
                      ⚠
                    </span>
                  ) : null}
                  {row.title}
                </div>
                <div role="cell" className="col-category">
                  {row.category}
                </div>
                <div role="cell" className="col-num">
                  {row.likelihood}
                </div>
                <div role="cell" className="col-num">
                  {row.impact}
                </div>
                <div role="cell" className="col-num score">
                  {row.score}
                </div>
                <div role="cell" className="col-band">
                  <span className={`band-badge band-${row.band}`}>{row.band}</span>
                </div>
                <div role="cell" className="col-residual" title={row.residualAssessed ? 'After mitigation' : 'Not assessed: the inherent score stands'}>
                  <span className={`band-badge band-${row.residualBand}${row.residualAssessed ? '' : ' unassessed'}`}>
                    {row.residualScore} {row.residualBand}
                  </span>
                </div>
                <div role="cell" className="col-owner" title={row.owner}>
                  {row.owner || <span className="faint">—</span>}
                </div>
                <div role="cell" className="col-status">
                  <span className={`status-badge status-${row.status}`}>{row.status}</span>
                </div>
                <div role="cell" className={`col-review mono${overdue ? ' overdue' : ''}`} title={overdue ? 'Review date passed' : undefined}>
                  {row.reviewDate ?? <span className="faint">—</span>}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
