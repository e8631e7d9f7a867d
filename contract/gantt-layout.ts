/**
 * The geometry of the plan's Gantt chart, shared by the live view (React SVG) and the
 * report (SVG text), so both draw the same chart from the same numbers.
 *
 * Pure: instants in, pixels and labels out. Times are epoch milliseconds on one linear
 * axis (real time): the spring-forward night is an hour shorter on the axis than on the
 * wall, and its labels say so (01:00, 03:00).
 */
import { DateTime } from 'luxon';
import type { PlanRow, PlanView } from './domain/plan/plan-views';

export const GANTT = {
  /** Three lanes (planned, rehearsal, actual) stay apart at projector distance. */
  rowHeight: 44,
  labelWidth: 320,
  axisHeight: 52,
  /** Aim for about one tick per this many pixels. */
  tickSpacing: 110,
  lanes: {
    planned: { y: 7, height: 8 },
    rehearsal: { y: 17, height: 8 },
    actual: { y: 27, height: 11 },
  },
} as const;

/** Nice tick steps, minutes. */
const TICK_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080] as const;

export interface GanttScale {
  readonly startMs: number;
  readonly endMs: number;
  readonly width: number;
  x(ms: number): number;
}

export interface GanttSpan {
  readonly x: number;
  readonly width: number;
}

export interface RowGeometry {
  readonly planned: GanttSpan;
  readonly rehearsal: GanttSpan | null;
  /** Done or elapsed part. */
  readonly actual: GanttSpan | null;
  /** What remains (forecast). */
  readonly forecast: GanttSpan | null;
}

export interface GanttTick {
  readonly ms: number;
  readonly x: number;
  /** Time in the release's zone ("22:30"), with the date at midnight or at the first tick. */
  readonly label: string;
  /** The same instant in the viewer's zone, when it differs. */
  readonly viewerLabel: string | null;
}

/** The time span the chart shows: every bar, the window, and now, with a little room either side. */
export function ganttDomain(
  view: Pick<PlanView, 'rows'>,
  periods: readonly { start: string; end: string }[],
  nowMs: number,
): { startMs: number; endMs: number } {
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  const take = (iso: string | undefined | null) => {
    if (!iso) return;
    const ms = Date.parse(iso);
    if (ms < startMs) startMs = ms;
    if (ms > endMs) endMs = ms;
  };
  for (const row of view.rows) {
    take(row.planned.start);
    take(row.planned.end);
    take(row.forecast.start);
    take(row.forecast.end);
    take(row.rehearsal?.end);
  }
  for (const period of periods) {
    take(period.start);
    take(period.end);
  }
  if (!Number.isFinite(startMs)) return { startMs: nowMs - 3_600_000, endMs: nowMs + 3_600_000 };
  if (nowMs >= startMs - 3_600_000 && nowMs <= endMs + 3_600_000) {
    startMs = Math.min(startMs, nowMs);
    endMs = Math.max(endMs, nowMs);
  }
  const pad = Math.max(60_000, (endMs - startMs) * 0.03);
  return { startMs: startMs - pad, endMs: endMs + pad };
}

export function ganttScale(domain: { startMs: number; endMs: number }, width: number): GanttScale {
  const span = Math.max(1, domain.endMs - domain.startMs);
  return { ...domain, width, x: (ms: number) => ((ms - domain.startMs) / span) * width };
}

/** Ticks on round local times of the release's zone, labelled in it and in the viewer's. */
export function ganttTicks(scale: GanttScale, zone: string, viewerZone: string): GanttTick[] {
  const wanted = Math.max(2, Math.floor(scale.width / GANTT.tickSpacing));
  const spanMin = (scale.endMs - scale.startMs) / 60_000;
  const stepMin = TICK_STEPS_MIN.find((step) => spanMin / step <= wanted) ?? TICK_STEPS_MIN[TICK_STEPS_MIN.length - 1];
  const first = DateTime.fromMillis(scale.startMs, { zone });
  // Round up to the step in local minutes of the day (hour steps land on local hours).
  const minuteOfDay = first.hour * 60 + first.minute + (first.second > 0 || first.millisecond > 0 ? 1 : 0);
  const aligned = stepMin >= 1440 ? first.startOf('day').plus({ days: 1 }) : first.startOf('day').plus({ minutes: Math.ceil(minuteOfDay / stepMin) * stepMin });
  const ticks: GanttTick[] = [];
  let previousDay = '';
  for (let moment = aligned; moment.toMillis() <= scale.endMs && ticks.length < 200; moment = moment.plus({ minutes: stepMin })) {
    const ms = moment.toMillis();
    const day = moment.toFormat('ccc d LLL');
    const time = moment.toFormat('HH:mm');
    const label = day !== previousDay ? `${day} ${time}` : time;
    previousDay = day;
    const viewer = DateTime.fromMillis(ms, { zone: viewerZone });
    ticks.push({ ms, x: scale.x(ms), label, viewerLabel: viewerZone === zone || viewer.offset === moment.offset ? null : viewer.toFormat('HH:mm') });
  }
  return ticks;
}

/** The bars of one row. A bar shorter than 2 px is drawn 2 px wide (a milestone must still be seen). */
export function rowGeometry(row: PlanRow, scale: GanttScale, nowMs: number): RowGeometry {
  const span = (startIso: string, endIso: string): GanttSpan => {
    const x = scale.x(Date.parse(startIso));
    return { x, width: Math.max(2, scale.x(Date.parse(endIso)) - x) };
  };
  const planned = span(row.planned.start, row.planned.end);
  const rehearsal = row.rehearsal ? span(row.rehearsal.start, row.rehearsal.end) : null;
  if (row.status === 'done') return { planned, rehearsal, actual: span(row.forecast.start, row.forecast.end), forecast: null };
  if (row.status === 'running') {
    const nowIso = new Date(nowMs).toISOString();
    const endIso = Date.parse(row.forecast.end) > nowMs ? row.forecast.end : nowIso;
    return { planned, rehearsal, actual: span(row.forecast.start, nowIso), forecast: Date.parse(endIso) > nowMs ? span(nowIso, endIso) : null };
  }
  return { planned, rehearsal, actual: null, forecast: span(row.forecast.start, row.forecast.end) };
}

/** Minutes as people read them: "45 min", "2 h 05 min", "12 s". */
export function formatPlanDuration(ms: number | null): string {
  if (ms === null) return '—';
  const negative = ms < 0;
  const abs = Math.abs(ms);
  let text: string;
  if (abs < 60_000) text = `${Math.round(abs / 1000)} s`;
  else {
    const minutes = Math.round(abs / 60_000);
    text = minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  }
  return negative ? `-${text}` : text;
}

/** "+12 min late", "8 min early", "on plan". */
export function formatDrift(driftMs: number): string {
  if (Math.abs(driftMs) < 30_000) return 'on plan';
  return driftMs > 0 ? `${formatPlanDuration(driftMs)} late` : `${formatPlanDuration(-driftMs)} early`;
}
