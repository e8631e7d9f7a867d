/**
 * The plan's Gantt chart in the report: the same geometry as the live view
 * (contract/gantt-layout.ts), drawn as SVG text for HTML and PDF, on paper colours.
 */
import { GANTT, formatDrift, formatPlanDuration, ganttDomain, ganttScale, ganttTicks, rowGeometry } from '../../../contract/gantt-layout';
import type { ReportPlan } from '../plan/report-plan';
import { escapeHtml as e } from './report-svg';

const PAPER = {
  width: 720,
  label: 240,
  planned: '#616161',
  rehearsal: '#d29922',
  actual: '#1565c0',
  critical: '#c62828',
  window: '#e8f5e9',
  now: '#000000',
} as const;

export function planGanttSvg(plan: ReportPlan): string {
  const { view } = plan;
  if (view.cycle) return `<p class="failed">The plan has a cycle: ${e(view.cycle.join(' -> '))}</p>`;
  const nowMs = Date.parse(plan.at);
  const chartWidth = PAPER.width - PAPER.label;
  const scale = ganttScale(ganttDomain(view, plan.window ? [plan.window] : [], nowMs), chartWidth);
  const ticks = ganttTicks(scale, plan.zone, plan.zone);
  const rowHeight = GANTT.rowHeight;
  const top = 24;
  const height = top + view.rows.length * rowHeight + 4;
  const x = (iso: string) => PAPER.label + scale.x(Date.parse(iso));
  const parts: string[] = [];
  if (plan.window) {
    parts.push(
      `<rect x="${x(plan.window.start).toFixed(1)}" y="${top}" width="${Math.max(1, x(plan.window.end) - x(plan.window.start)).toFixed(1)}" height="${height - top}" fill="${PAPER.window}"/>`,
      `<line x1="${x(plan.window.end).toFixed(1)}" x2="${x(plan.window.end).toFixed(1)}" y1="${top}" y2="${height}" stroke="#2e7d32" stroke-dasharray="5 3"/>`,
    );
  }
  for (const tick of ticks) {
    const tx = (PAPER.label + tick.x).toFixed(1);
    parts.push(
      `<line x1="${tx}" x2="${tx}" y1="${top - 4}" y2="${height}" stroke="#e0e0e0"/><text x="${tx}" y="14" font-size="10" text-anchor="middle">${e(tick.label)}</text>`,
    );
  }
  view.rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    const geometry = rowGeometry(row, scale, nowMs);
    const colour = row.critical ? PAPER.critical : PAPER.actual;
    const lane = (span: { x: number; width: number }, laneY: number, laneHeight: number, attributes: string) =>
      `<rect x="${(PAPER.label + span.x).toFixed(1)}" y="${y + laneY}" width="${span.width.toFixed(1)}" height="${laneHeight}" ${attributes}/>`;
    parts.push(
      `<text x="0" y="${y + 18}" font-size="11"${row.critical ? ` fill="${PAPER.critical}" font-weight="bold"` : ''}>${e(truncate(`${row.critical ? '◆ ' : ''}${row.label}`, 38))}</text>`,
      `<text x="0" y="${y + 32}" font-size="9" fill="#616161">${e(truncate(`${row.group} · planned ${formatPlanDuration(row.plannedMs)} · actual ${formatPlanDuration(row.actualMs)}`, 48))}</text>`,
      lane(geometry.planned, GANTT.lanes.planned.y, GANTT.lanes.planned.height, `fill="none" stroke="${PAPER.planned}"`),
    );
    if (geometry.rehearsal) parts.push(lane(geometry.rehearsal, GANTT.lanes.rehearsal.y, GANTT.lanes.rehearsal.height, `fill="${PAPER.rehearsal}"`));
    if (geometry.actual) parts.push(lane(geometry.actual, GANTT.lanes.actual.y, GANTT.lanes.actual.height, `fill="${colour}"`));
    if (geometry.forecast)
      parts.push(
        lane(
          geometry.forecast,
          GANTT.lanes.actual.y,
          GANTT.lanes.actual.height,
          `fill="${colour}" fill-opacity="0.3" stroke="${colour}" stroke-dasharray="3 2"`,
        ),
      );
  });
  if (nowMs >= scale.startMs && nowMs <= scale.endMs) {
    const nx = x(plan.at).toFixed(1);
    parts.push(`<line x1="${nx}" x2="${nx}" y1="${top - 4}" y2="${height}" stroke="${PAPER.now}" stroke-width="1.5"/>`);
  }
  const forecast = view.forecast;
  const caption = forecast
    ? `Plan in ${e(plan.zone)}: planned finish ${e(forecast.plannedFinish)}, forecast ${e(forecast.projectedFinish)} (${e(formatDrift(forecast.driftMs))}). Bars: outline planned, amber rehearsal, blue actual (dashed: forecast), red the critical path; green the window; black line: when the report was made.`
    : '';
  return `<figure class="chart plan-gantt"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${PAPER.width}" height="${height}" viewBox="0 0 ${PAPER.width} ${height}" aria-label="Plan: planned, rehearsed and actual durations">${parts.join('')}</svg><figcaption>${caption}</figcaption></figure>`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
