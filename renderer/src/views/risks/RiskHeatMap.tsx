import type { HeatMapBasis, RiskHeatMap as HeatMapData } from '../../../../contract/models';
import { RISK_SCORING, riskBand, riskScore } from '../../../../contract/risk-register';

/** Geometry of the SVG, in its own units (it scales with CSS). */
const LAYOUT = {
  /** Side of one cell: room for a three-digit count at projector size. */
  cell: 42,
  gap: 3,
  /** Left margin for the likelihood labels, bottom margin for the impact labels. */
  axis: 34,
} as const;

export interface HeatMapCell {
  readonly basis: HeatMapBasis;
  readonly likelihood: number;
  readonly impact: number;
}

interface Props {
  readonly map: HeatMapData;
  readonly title: string;
  readonly selected: HeatMapCell | null;
  readonly onSelect: (cell: HeatMapCell | null) => void;
}

const LEVELS = Array.from({ length: RISK_SCORING.maxLevel }, (_, index) => index + 1);

/**
 * A 5x5 likelihood x impact grid with the count of risks in each cell, coloured by the
 * band of the cell's score. Likelihood rises upwards, impact to the right, as on the
 * matrices release managers know. Clicking a cell (or Enter on it) filters the table;
 * clicking it again clears the filter.
 */
export function RiskHeatMap({ map, title, selected, onSelect }: Props) {
  const { cell, gap, axis } = LAYOUT;
  const side = LEVELS.length * (cell + gap) - gap;
  const width = axis + side + 4;
  const height = side + axis + 4;
  return (
    <figure className="heatmap" data-testid={`heatmap-${map.basis}`}>
      <figcaption>
        <strong>{title}</strong>
        <span className="heatmap-total">
          {map.total} risk{map.total === 1 ? '' : 's'}
          {map.basis === 'residual' && map.unassessed > 0 ? ` · ${map.unassessed} not assessed, shown at inherent` : ''}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="grid" aria-label={`${title} heat map: likelihood by impact`}>
        <text className="heatmap-axis-title" x={8} y={side / 2} transform={`rotate(-90 8 ${side / 2})`} textAnchor="middle">
          Likelihood
        </text>
        {LEVELS.map((likelihood) => (
          <text key={`l${likelihood}`} className="heatmap-axis" x={axis - 8} y={(LEVELS.length - likelihood) * (cell + gap) + cell / 2 + 5} textAnchor="end">
            {likelihood}
          </text>
        ))}
        {LEVELS.map((impact) => (
          <text key={`i${impact}`} className="heatmap-axis" x={axis + (impact - 1) * (cell + gap) + cell / 2} y={side + 18} textAnchor="middle">
            {impact}
          </text>
        ))}
        <text className="heatmap-axis-title" x={axis + side / 2} y={side + axis} textAnchor="middle">
          Impact
        </text>
        {LEVELS.map((likelihood) => (
          <g key={likelihood} role="row">
            {LEVELS.map((impact) => {
              const count = map.counts[likelihood - 1]?.[impact - 1] ?? 0;
              const band = riskBand(riskScore(likelihood, impact));
              const isSelected = selected?.basis === map.basis && selected.likelihood === likelihood && selected.impact === impact;
              const x = axis + (impact - 1) * (cell + gap);
              const y = (LEVELS.length - likelihood) * (cell + gap);
              const toggle = () => onSelect(isSelected ? null : { basis: map.basis, likelihood, impact });
              return (
                <g
                  key={impact}
                  role="gridcell"
                  tabIndex={0}
                  aria-selected={isSelected}
                  aria-label={`Likelihood ${likelihood}, impact ${impact}: ${count} risk${count === 1 ? '' : 's'} (${band})`}
                  data-testid={`cell-${map.basis}-${likelihood}-${impact}`}
                  data-count={count}
                  className={`heatmap-cell band-${band}${count === 0 ? ' empty' : ''}${isSelected ? ' selected' : ''}`}
                  onClick={toggle}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      toggle();
                    }
                  }}
                >
                  <title>{`L${likelihood} × I${impact} = ${likelihood * impact} (${band}): ${count} risk${count === 1 ? '' : 's'}`}</title>
                  <rect x={x} y={y} width={cell} height={cell} rx={5} />
                  {count > 0 ? (
                    <text
                      x={x + cell / 2}
                      y={y + cell / 2 + 6}
                      textAnchor="middle"
                      className={count >= 1000 ? 'count-4' : count >= 100 ? 'count-3' : undefined}
                    >
                      {count}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}
