/**
 * Horizontal bars drawn as plain SVG (the panel has no chart library): one row per answer with its label, a bar as
 * long as its percentage and the value. `marker` draws the threshold a decision needs (50 %, 2/3, 100 %) as a
 * dashed line across the bars, on the same scale.
 */
export interface Bar {
  label: string;
  /** 0–100; only the drawing uses it as a number, the text shows `value` as the server sent it. */
  percent: number;
  value: string;
  color: string;
}

const ROW = 30;
const LABEL = 190;
const TRACK = 300;
const WIDTH = LABEL + TRACK + 170;

export function BarChart({
  bars,
  title,
  marker,
  testId,
}: {
  bars: Bar[];
  title: string;
  marker?: { percent: number; label: string };
  testId?: string;
}) {
  const height = bars.length * ROW + (marker ? 18 : 4);
  const x = (percent: number) => LABEL + (TRACK * Math.max(0, Math.min(100, percent))) / 100;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH }}
      role="img"
      aria-label={title}
      data-testid={testId}
    >
      <title>{title}</title>
      {bars.map((bar, i) => {
        const y = i * ROW + 4;
        return (
          <g key={bar.label} data-testid="poll-bar" data-label={bar.label} data-percent={bar.percent}>
            <text x={0} y={y + 15} fontSize={13} fill="currentColor">
              {bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label}
            </text>
            <rect x={LABEL} y={y} width={TRACK} height={20} rx={4} fill="#e9ecef" />
            <rect x={LABEL} y={y} width={x(bar.percent) - LABEL} height={20} rx={4} fill={bar.color} />
            <text x={LABEL + TRACK + 10} y={y + 15} fontSize={13} fill="currentColor">
              {bar.value}
            </text>
          </g>
        );
      })}
      {marker && (
        <g data-testid="poll-threshold">
          <line
            x1={x(marker.percent)}
            x2={x(marker.percent)}
            y1={0}
            y2={bars.length * ROW + 4}
            stroke="#c92a2a"
            strokeDasharray="4 3"
          />
          <text x={x(marker.percent)} y={height - 3} fontSize={11} fill="#c92a2a" textAnchor="middle">
            {marker.label}
          </text>
        </g>
      )}
    </svg>
  );
}
