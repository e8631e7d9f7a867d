import type { ReportHeatMap, ReportRun } from '../../../contract/domain/report/report-model';
import { formatDuration } from './report-format';

/** Escape text for HTML and SVG content and attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // One scan for the common case (nothing to escape), one replace otherwise: a report has ~250k cells.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (char) => ENTITIES[char]!) : text;
}

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Drawing constants of the inline charts (px in the SVG's own units). */
const CHART = {
  cell: 44,
  axis: 28,
  ganttLabel: 220,
  ganttWidth: 560,
  ganttRow: 22,
} as const;

/** Colour of a heat map cell by score band (matches the risk register's bands). */
function bandColour(score: number): string {
  if (score >= 20) return '#b71c1c';
  if (score >= 10) return '#e65100';
  if (score >= 5) return '#f9a825';
  return '#2e7d32';
}

/** A 5x5 likelihood x impact grid with the count of risks in each cell. */
export function heatMapSvg(map: ReportHeatMap): string {
  const size = CHART.cell * 5 + CHART.axis;
  const cells: string[] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood -= 1) {
    for (let impact = 1; impact <= 5; impact += 1) {
      const x = CHART.axis + (impact - 1) * CHART.cell;
      const y = (5 - likelihood) * CHART.cell;
      const count = map.counts[likelihood - 1]?.[impact - 1] ?? 0;
      cells.push(
        `<rect x="${x}" y="${y}" width="${CHART.cell - 2}" height="${CHART.cell - 2}" fill="${bandColour(likelihood * impact)}" fill-opacity="${count > 0 ? 0.95 : 0.25}"/>` +
          (count > 0
            ? `<text x="${x + CHART.cell / 2 - 1}" y="${y + CHART.cell / 2 + 5}" text-anchor="middle" font-size="15" font-weight="bold" fill="#fff">${count}</text>`
            : ''),
      );
    }
  }
  const labels = [1, 2, 3, 4, 5].map(
    (level) =>
      `<text x="${CHART.axis + (level - 0.5) * CHART.cell}" y="${size - 8}" text-anchor="middle" font-size="11">${level}</text><text x="10" y="${(5 - level + 0.5) * CHART.cell + 4}" text-anchor="middle" font-size="11">${level}</text>`,
  );
  return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-label="${escapeHtml(map.label)}">${cells.join('')}${labels.join('')}</svg><figcaption>${escapeHtml(map.label)}: ${map.total} risk(s). Rows: likelihood 5 (top) to 1; columns: impact 1 to 5.</figcaption></figure>`;
}

const STEP_COLOURS: Record<string, string> = {
  succeeded: '#2e7d32',
  failed: '#c62828',
  skipped: '#9e9e9e',
  aborted: '#6a1b9a',
  interrupted: '#ef6c00',
  running: '#1565c0',
  pending: '#bdbdbd',
};

/** A Gantt-style bar per step of a run, on the run's own time axis. */
export function ganttSvg(run: ReportRun): string {
  const timed = run.steps.filter((step) => step.startedAt);
  if (timed.length === 0) return '';
  // A step's bar runs from its start for its measured duration (the runner's clock), else to its end event.
  const endOf = (step: ReportRun['steps'][number]) => {
    const from = Date.parse(step.startedAt!);
    if (step.durationMs !== null) return from + step.durationMs;
    return step.endedAt ? Date.parse(step.endedAt) : from + 1000;
  };
  const start = Math.min(...timed.map((step) => Date.parse(step.startedAt!)));
  const end = Math.max(...timed.map(endOf));
  const span = Math.max(1, end - start);
  const width = CHART.ganttLabel + CHART.ganttWidth + 80;
  const height = run.steps.length * CHART.ganttRow + 24;
  const bars = run.steps.map((step, index) => {
    const y = index * CHART.ganttRow;
    const label = `<text x="0" y="${y + 15}" font-size="11">${escapeHtml(truncate(`${index + 1}. ${step.name}`, 34))}</text>`;
    if (!step.startedAt) return `${label}<text x="${CHART.ganttLabel}" y="${y + 15}" font-size="11" fill="#757575">${escapeHtml(step.status)}</text>`;
    const from = Date.parse(step.startedAt);
    const to = endOf(step);
    const x = CHART.ganttLabel + ((from - start) / span) * CHART.ganttWidth;
    const w = Math.max(2, ((to - from) / span) * CHART.ganttWidth);
    return `${label}<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${CHART.ganttRow - 8}" fill="${STEP_COLOURS[step.status] ?? '#607d8b'}"/><text x="${(x + w + 4).toFixed(1)}" y="${y + 15}" font-size="10">${escapeHtml(formatDuration(step.durationMs))}</text>`;
  });
  const axis = `<line x1="${CHART.ganttLabel}" y1="${height - 20}" x2="${CHART.ganttLabel + CHART.ganttWidth}" y2="${height - 20}" stroke="#555"/><text x="${CHART.ganttLabel}" y="${height - 6}" font-size="10">0</text><text x="${CHART.ganttLabel + CHART.ganttWidth}" y="${height - 6}" font-size="10" text-anchor="end">${escapeHtml(formatDuration(span))}</text>`;
  return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="Step timing of ${escapeHtml(run.playbook)}">${bars.join('')}${axis}</svg><figcaption>Step timing (bars: green succeeded, red failed, grey skipped).</figcaption></figure>`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
