/**
 * A metric gate's measurements as a self-contained SVG for the report (no script, no
 * external font or style): value, baseline and threshold over the gate's own time span;
 * failed points red, errors amber.
 */
export interface GatePoint {
  readonly at: string;
  readonly value: number | null;
  readonly baseline: number | null;
  readonly threshold: number | null;
  readonly phase: string;
}

const SIZE = { width: 560, height: 140, left: 48, right: 12, top: 12, bottom: 22 } as const;
const PHASE_COLOURS: Readonly<Record<string, string>> = { successful: '#2e7d32', failed: '#c62828', inconclusive: '#ef6c00', error: '#ef6c00' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function gateSvg(name: string, points: readonly GatePoint[]): string {
  if (points.length === 0) return '';
  const times = points.map((point) => Date.parse(point.at));
  const values = points
    .flatMap((point) => [point.value, point.baseline, point.threshold])
    .filter((value): value is number => value !== null && Number.isFinite(value));
  const start = Math.min(...times);
  const span = Math.max(1, Math.max(...times) - start);
  const top = Math.max(...values, 0) * 1.15 || 1;
  const plotWidth = SIZE.width - SIZE.left - SIZE.right;
  const plotHeight = SIZE.height - SIZE.top - SIZE.bottom;
  const x = (at: number) => SIZE.left + ((at - start) / span) * plotWidth;
  const y = (value: number) => SIZE.top + plotHeight - (value / top) * plotHeight;
  const line = (pick: (point: GatePoint) => number | null, colour: string, dash = '') => {
    const coordinates = points.flatMap((point, index) => {
      const value = pick(point);
      return value === null ? [] : [`${x(times[index]!).toFixed(1)},${y(value).toFixed(1)}`];
    });
    return coordinates.length === 0
      ? ''
      : `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${coordinates.join(' ')}"/>`;
  };
  const dots = points
    .map((point, index) =>
      point.value === null
        ? `<circle cx="${x(times[index]!).toFixed(1)}" cy="${(SIZE.top + plotHeight).toFixed(1)}" r="4" fill="none" stroke="${PHASE_COLOURS[point.phase] ?? '#607d8b'}"/>`
        : `<circle cx="${x(times[index]!).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="4" fill="${PHASE_COLOURS[point.phase] ?? '#607d8b'}"/>`,
    )
    .join('');
  const axis = `<line x1="${SIZE.left}" y1="${SIZE.top + plotHeight}" x2="${SIZE.left + plotWidth}" y2="${SIZE.top + plotHeight}" stroke="#555"/><text x="${SIZE.left - 4}" y="${SIZE.top + 8}" font-size="10" text-anchor="end">${Number(top.toPrecision(2))}</text><text x="${SIZE.left - 4}" y="${SIZE.top + plotHeight}" font-size="10" text-anchor="end">0</text><text x="${SIZE.left}" y="${SIZE.height - 6}" font-size="10">0 s</text><text x="${SIZE.left + plotWidth}" y="${SIZE.height - 6}" font-size="10" text-anchor="end">${Math.round(span / 1000)} s</text>`;
  return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${SIZE.width}" height="${SIZE.height}" viewBox="0 0 ${SIZE.width} ${SIZE.height}" aria-label="Measurements of ${escape(name)}">${axis}${line((point) => point.threshold, '#c62828', '6 4')}${line((point) => point.baseline, '#757575')}${line((point) => point.value, '#1565c0')}${dots}</svg><figcaption>${escape(name)}: value (blue), baseline (grey), threshold (red, dashed); failed points red, unreadable amber.</figcaption></figure>`;
}
