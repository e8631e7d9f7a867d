import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BoardGate, BoardMarker } from '../../../../contract/health-board';

const MARKER_COLOURS: Readonly<Record<BoardMarker['kind'], string>> = {
  'go-live': '#5aa9ff',
  canary: '#e3b341',
  rollback: '#ff6b6b',
  incident: '#f85149',
  remedy: '#3fb950',
  bake: '#b392f0',
};

/** Vertical lines with labels for go-live, canary steps, rollbacks, incidents and remedies (read at each draw: they change live). */
function markersPlugin(markersOf: () => readonly BoardMarker[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (chart) => {
          const markers = markersOf();
          const context = chart.ctx;
          const { top, height } = chart.bbox;
          context.save();
          context.font = `${Math.round(12 * devicePixelRatio)}px system-ui, sans-serif`;
          context.textBaseline = 'top';
          context.textAlign = 'left';
          let row = 0;
          let lastX = -Infinity;
          for (const marker of markers) {
            const x = Math.round(chart.valToPos(marker.at / 1000, 'x', true));
            if (x < chart.bbox.left || x > chart.bbox.left + chart.bbox.width) continue;
            context.strokeStyle = MARKER_COLOURS[marker.kind];
            context.fillStyle = MARKER_COLOURS[marker.kind];
            context.lineWidth = 2 * devicePixelRatio;
            context.setLineDash(marker.kind === 'canary' ? [4 * devicePixelRatio, 4 * devicePixelRatio] : []);
            context.beginPath();
            context.moveTo(x, top);
            context.lineTo(x, top + height);
            context.stroke();
            // Labels of markers close together go on the next row instead of over each other.
            row = x - lastX < 160 * devicePixelRatio ? row + 1 : 0;
            lastX = x;
            // Near the right edge the label goes to the left of its line, so it is never cut.
            const right = x + 4 * devicePixelRatio + context.measureText(marker.label).width > chart.bbox.left + chart.bbox.width;
            context.textAlign = right ? 'right' : 'left';
            context.fillText(marker.label, right ? x - 4 * devicePixelRatio : x + 4 * devicePixelRatio, top + (2 + row * 15) * devicePixelRatio);
          }
          context.restore();
        },
      ],
    },
  };
}

/** One gate's measurements over the board's window: value, baseline, threshold; failed points in red. */
export function GateChart({
  gate,
  markers,
  window,
  width,
}: {
  gate: BoardGate;
  markers: readonly BoardMarker[];
  window: { start: number; end: number };
  width: number;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  // What changes with every live point is read through refs: the chart is built once per
  // gate and width, and a new point is one setData (a rebuild of 10 charts of 1,920 points is not live).
  const live = useRef({ gate, markers, window });
  live.current = { gate, markers, window };
  useEffect(() => {
    if (!holder.current) return undefined;
    const options: uPlot.Options = {
      width,
      height: 220,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: {
          time: true,
          range: () => {
            const { start, end } = live.current.window;
            const pad = Math.max(5_000, (end - start) * 0.05);
            return [(start - pad) / 1000, (end + pad) / 1000];
          },
        },
        y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.15 : 1] },
      },
      axes: [
        { stroke: '#9aa7b5', grid: { stroke: '#2a3441' }, ticks: { stroke: '#2a3441' } },
        { stroke: '#9aa7b5', grid: { stroke: '#2a3441' }, ticks: { stroke: '#2a3441' }, size: 60 },
      ],
      series: [
        {},
        {
          label: 'value',
          stroke: '#5aa9ff',
          width: 3,
          // uPlot draws the points only where they do not crowd (its default): 1,920 circles per chart would cost more than the line.
          points: { size: 9, fill: () => pointFill(live.current.gate) },
        },
        { label: 'baseline', stroke: '#8a96a4', width: 2 },
        { label: 'threshold', stroke: '#ff6b6b', width: 2, dash: [8, 6], points: { show: false } },
      ],
      plugins: [markersPlugin(() => live.current.markers)],
    };
    chart.current = new uPlot(options, dataOf(live.current.gate), holder.current);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [gate.key, width]);
  const first = useRef(true);
  // In the commit, not after the paint: the live point is drawn in the same frame as the rest of the board.
  useLayoutEffect(() => {
    // The first data came with the chart; later ones (a live point, a new marker) are one setData.
    if (first.current) {
      first.current = false;
      return;
    }
    chart.current?.setData(dataOf(gate));
  }, [gate, markers, window]);
  return <div ref={holder} className="gate-chart" data-testid="gate-chart" aria-label={`${gate.name}: chart of ${gate.points.length} measurements`} />;
}

function dataOf(gate: BoardGate): uPlot.AlignedData {
  return [
    gate.points.map((point) => point.at / 1000),
    gate.points.map((point) => point.value),
    gate.points.map((point) => point.baseline),
    gate.points.map((point) => point.threshold),
  ];
}

function pointFill(gate: BoardGate): string {
  // uPlot asks once per series: a failed gate's points are red, a passing gate's blue.
  return gate.verdict === 'failed'
    ? '#ff6b6b'
    : gate.verdict === 'inconclusive' || gate.verdict === 'error' || gate.verdict === 'accepted'
      ? '#e3b341'
      : '#5aa9ff';
}
