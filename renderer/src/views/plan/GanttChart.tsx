import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PlanRow, PlanView } from '../../../../contract/models';
import { GANTT, formatPlanDuration, ganttDomain, ganttScale, ganttTicks, rowGeometry } from '../../../../contract/gantt-layout';
import type { GanttScale, GanttTick } from '../../../../contract/gantt-layout';

export interface GanttPeriod {
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

interface Props {
  readonly plan: PlanView;
  readonly zone: string;
  readonly viewerZone: string;
  readonly nowMs: number;
  readonly window: GanttPeriod | null;
  readonly blackouts: readonly GanttPeriod[];
  readonly handovers: readonly { readonly at: string; readonly label: string }[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}

const METRICS = {
  /** Rows drawn beyond the visible ones: smooth scrolling without drawing 2,000 rows. */
  overscan: 8,
  /** Below this the chart is unreadable; the grid scrolls sideways instead. */
  minChartWidth: 480,
  /**
   * Row slots are recycled in blocks of this many: the slot count only changes (and every
   * row is made anew once) when the viewport grows past a multiple of it.
   */
  slotBlock: 32,
} as const;

/** Slots for the rows on screen: at least as many as the visible range, so two rows never share a key. */
function slotCount(visible: number): number {
  return Math.max(1, Math.ceil((visible + 1) / METRICS.slotBlock)) * METRICS.slotBlock;
}

/**
 * The Gantt chart: one row per checklist item or playbook step, three bars each
 * (planned, rehearsal, actual/forecast), the critical path in red, the window, blackouts
 * and handovers behind, and a "now" line. A grid for keyboards and screen readers: focus
 * the chart, then arrows, Home/End and Page Up/Down walk the rows; each row says all its
 * bars in words. Only the visible rows are drawn (2,000 rows paint as fast as 20).
 */
export function GanttChart({ plan, zone, viewerZone, nowMs, window, blackouts, handovers, selectedId, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(METRICS.minChartWidth, element.clientWidth - GANTT.labelWidth - 16)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const periods = useMemo(() => [...(window ? [window] : [])], [window]);
  // The axis moves once a minute (the now line every second): a 2,000-row extent is not recomputed per tick.
  const nowMinute = Math.floor(nowMs / 60_000) * 60_000;
  const rows = plan.rows;
  const domain = useMemo(() => ganttDomain({ rows }, periods, nowMinute), [rows, periods, nowMinute]);
  const scale = useMemo(() => ganttScale(domain, width), [domain, width]);
  const ticks = useMemo(() => ganttTicks(scale, zone, viewerZone), [scale, zone, viewerZone]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => GANTT.rowHeight,
    overscan: METRICS.overscan,
  });
  const slots = slotCount(virtualizer.getVirtualItems().length);
  const selectedIndex = rows.findIndex((row) => row.id === selectedId);
  const totalHeight = rows.length * GANTT.rowHeight;

  const move = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    const row = rows[clamped];
    if (!row) return;
    onSelect(row.id);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / GANTT.rowHeight) - 1);
    const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in keys) move((selectedIndex === -1 ? 0 : selectedIndex) + keys[event.key]!);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else return;
    event.preventDefault();
  };

  const nowX = scale.x(nowMs);
  const nowVisible = nowMs >= scale.startMs && nowMs <= scale.endMs;

  return (
    <div
      className="gantt"
      role="grid"
      aria-label={`Plan: ${rows.length} rows. Arrow keys move between rows.`}
      aria-rowcount={rows.length + 1}
      aria-colcount={2}
      aria-activedescendant={selectedIndex === -1 ? undefined : rowDomId(rows[selectedIndex]!.id)}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="gantt"
      style={{ height: `min(64vh, ${GANTT.axisHeight + totalHeight + 20}px)` }}
    >
      <div className="gantt-scroll" ref={scroller}>
        <GanttAxis zone={zone} viewerZone={viewerZone} width={width} ticks={ticks} nowX={nowVisible ? nowX : null} />
        <div className="gantt-body" style={{ height: totalHeight, width: GANTT.labelWidth + width }}>
          <GanttBackdrop
            width={width}
            height={totalHeight}
            scale={scale}
            ticks={ticks}
            window={window}
            blackouts={blackouts}
            handovers={handovers}
            nowX={nowVisible ? nowX : null}
          />
          {virtualizer.getVirtualItems().map((virtual) => {
            const row = rows[virtual.index]!;
            return (
              <GanttRow
                // Keyed by slot, not by row: a row scrolled out lends its DOM to the one scrolled in (attributes change, no nodes made or dropped).
                key={virtual.index % slots}
                row={row}
                index={virtual.index}
                top={virtual.start}
                width={width}
                scale={scale}
                // Only a running row moves with the clock; the others keep their props and skip the render.
                nowMs={row.status === 'running' ? nowMs : 0}
                zone={zone}
                selected={row.id === selectedId}
                onSelect={onSelect}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface AxisProps {
  readonly zone: string;
  readonly viewerZone: string;
  readonly width: number;
  readonly ticks: readonly GanttTick[];
  readonly nowX: number | null;
}

/** The time axis (sticky at the top): re-drawn when the ticks or the now line move, not on every scroll. */
const GanttAxis = memo(function GanttAxis({ zone, viewerZone, width, ticks, nowX }: AxisProps) {
  return (
    <div className="gantt-axis" role="row" aria-rowindex={1} style={{ gridTemplateColumns: `${GANTT.labelWidth}px ${width}px` }}>
      <div className="gantt-axis-label" role="columnheader">
        <span>Item or step</span>
        <span className="gantt-zones">
          {zone}
          {viewerZone !== zone ? <span className="gantt-viewer-zone"> · you: {viewerZone}</span> : null}
        </span>
      </div>
      <div role="columnheader" aria-label={`Time in ${zone}`}>
        <svg width={width} height={GANTT.axisHeight} aria-hidden="true">
          {ticks.map((tick) => (
            <g key={tick.ms} transform={`translate(${tick.x},0)`}>
              <line y1={GANTT.axisHeight - 8} y2={GANTT.axisHeight} className="gantt-tick" />
              <text y={20} className="gantt-tick-label" textAnchor="middle">
                {tick.label}
              </text>
              {tick.viewerLabel ? (
                <text y={38} className="gantt-tick-viewer" textAnchor="middle">
                  {tick.viewerLabel}
                </text>
              ) : null}
            </g>
          ))}
          {nowX !== null ? (
            <text x={nowX} y={GANTT.axisHeight - 2} className="gantt-now-label" textAnchor="middle">
              now
            </text>
          ) : null}
        </svg>
      </div>
    </div>
  );
});

interface BackdropProps {
  readonly width: number;
  readonly height: number;
  readonly scale: GanttScale;
  readonly ticks: readonly GanttTick[];
  readonly window: GanttPeriod | null;
  readonly blackouts: readonly GanttPeriod[];
  readonly handovers: readonly { readonly at: string; readonly label: string }[];
  readonly nowX: number | null;
}

/** What lies behind every row (window, blackouts, gridlines, handovers, now): one SVG the height of the chart, not re-drawn on scroll. */
const GanttBackdrop = memo(function GanttBackdrop({ width, height, scale, ticks, window, blackouts, handovers, nowX }: BackdropProps) {
  const x = (iso: string) => scale.x(Date.parse(iso));
  const totalHeight = height;
  return (
    <svg className="gantt-backdrop" width={width} height={height} style={{ left: GANTT.labelWidth }} aria-hidden="true">
      {window ? <rect className="gantt-window" x={x(window.start)} width={Math.max(1, x(window.end) - x(window.start))} y={0} height={totalHeight} /> : null}
      {blackouts.map((blackout) => (
        <rect
          key={`${blackout.start}-${blackout.label}`}
          className="gantt-blackout"
          x={x(blackout.start)}
          width={Math.max(1, x(blackout.end) - x(blackout.start))}
          y={0}
          height={totalHeight}
        >
          <title>{blackout.label}</title>
        </rect>
      ))}
      {ticks.map((tick) => (
        <line key={tick.ms} className="gantt-gridline" x1={tick.x} x2={tick.x} y1={0} y2={totalHeight} />
      ))}
      {window ? <line className="gantt-window-end" x1={x(window.end)} x2={x(window.end)} y1={0} y2={totalHeight} /> : null}
      {handovers.map((handover) => (
        <line key={handover.at} className="gantt-handover" x1={x(handover.at)} x2={x(handover.at)} y1={0} y2={totalHeight}>
          <title>{handover.label}</title>
        </line>
      ))}
      {nowX !== null ? <line className="gantt-now" x1={nowX} x2={nowX} y1={0} y2={totalHeight} data-testid="gantt-now" /> : null}
    </svg>
  );
});

function rowDomId(id: string): string {
  return `gantt-row-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

interface RowProps {
  readonly row: PlanRow;
  readonly index: number;
  readonly top: number;
  readonly width: number;
  readonly scale: GanttScale;
  readonly nowMs: number;
  readonly zone: string;
  readonly selected: boolean;
  readonly onSelect: (id: string) => void;
}

const GanttRow = memo(function GanttRow({ row, index, top, width, scale, nowMs, zone, selected, onSelect }: RowProps) {
  const geometry = rowGeometry(row, scale, nowMs);
  const { lanes } = GANTT;
  const classes = ['gantt-row', row.critical ? 'critical' : '', selected ? 'selected' : '', row.overrun ? 'overrun' : ''].filter(Boolean).join(' ');
  return (
    <div
      className={classes}
      role="row"
      id={rowDomId(row.id)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ transform: `translateY(${top}px)`, width: GANTT.labelWidth + width, gridTemplateColumns: `${GANTT.labelWidth}px ${width}px` }}
      onClick={() => onSelect(row.id)}
      data-testid="gantt-row"
      data-row-id={row.id}
    >
      <div className="gantt-label" role="rowheader">
        <span className="gantt-label-title" title={row.label}>
          {row.critical ? (
            <span className="gantt-critical-mark" aria-hidden="true">
              ◆{' '}
            </span>
          ) : null}
          {row.label}
        </span>
        <span className="gantt-label-group">
          {row.group} · {statusWords(row)}
        </span>
      </div>
      <div role="gridcell" aria-label={describeRow(row, zone)}>
        <svg width={width} height={GANTT.rowHeight} aria-hidden="true">
          <rect className="gantt-bar-planned" x={geometry.planned.x} width={geometry.planned.width} y={lanes.planned.y} height={lanes.planned.height} rx={2} />
          {geometry.rehearsal ? (
            <rect
              className="gantt-bar-rehearsal"
              x={geometry.rehearsal.x}
              width={geometry.rehearsal.width}
              y={lanes.rehearsal.y}
              height={lanes.rehearsal.height}
              rx={2}
            />
          ) : null}
          {geometry.actual ? (
            <rect className="gantt-bar-actual" x={geometry.actual.x} width={geometry.actual.width} y={lanes.actual.y} height={lanes.actual.height} rx={2} />
          ) : null}
          {geometry.forecast ? (
            <rect
              className="gantt-bar-forecast"
              x={geometry.forecast.x}
              width={geometry.forecast.width}
              y={lanes.actual.y}
              height={lanes.actual.height}
              rx={2}
            />
          ) : null}
        </svg>
      </div>
    </div>
  );
});

function statusWords(row: PlanRow): string {
  if (row.status === 'done') return `done in ${formatPlanDuration(row.actualMs)}`;
  if (row.status === 'running') return `${row.overrun ? 'OVERRUN, ' : ''}running ${formatPlanDuration(row.actualMs)}`;
  return row.critical ? 'critical' : `slack ${formatPlanDuration(row.slackMs)}`;
}

/** One formatter per zone: a row scrolled in says four times of day, and building a formatter (or a luxon DateTime) per call cost more than the row's drawing. */
const hourMinuteFormats = new Map<string, Intl.DateTimeFormat>();

/** "22:05" in the zone. */
function hourMinute(iso: string, zone: string): string {
  let format = hourMinuteFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    hourMinuteFormats.set(zone, format);
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : format.format(ms);
}

/** Everything a row shows, in one sentence for a screen reader. */
export function describeRow(row: PlanRow, zone: string): string {
  const parts = [
    `planned ${hourMinute(row.planned.start, zone)} to ${hourMinute(row.planned.end, zone)} (${formatPlanDuration(row.plannedMs)})`,
    row.rehearsedMs === null ? 'not rehearsed' : `rehearsed ${formatPlanDuration(row.rehearsedMs)}`,
    row.status === 'pending'
      ? `forecast ${hourMinute(row.forecast.start, zone)} to ${hourMinute(row.forecast.end, zone)}`
      : `${row.status === 'done' ? 'took' : 'running for'} ${formatPlanDuration(row.actualMs)}`,
    row.critical ? 'on the critical path' : `slack ${formatPlanDuration(row.slackMs)}`,
  ];
  if (row.overrun) parts.push('over its estimate');
  return parts.join(', ');
}
