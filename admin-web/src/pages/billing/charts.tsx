import { Group, Stack, Text } from '@mantine/core';
import { niceScale } from '../tickets/ticket-labels.ts';

/**
 * The billing dashboard's charts as plain SVG (the panel has no chart library), like the polls' BarChart: a fixed
 * drawing size scaled to the card by the viewBox, every mark with a <title> naming its value.
 */

const color = (name: string, shade = 6) => `var(--mantine-color-${name}-${shade})`;

export const CHARGED_COLOR = color('blue', 3);
export const PAID_COLOR = color('teal', 6);
export const RATE_COLOR = color('orange', 7);

export interface MonthPoint {
  period: string;
  charged: number;
  paid: number;
  /** Percent (97.5), null when nothing was charged. */
  rate: number | null;
}

function Legend({ items }: { items: { label: string; color: string; line?: boolean }[] }) {
  return (
    <Group gap="md" wrap="wrap">
      {items.map((item) => (
        <Group key={item.label} gap={6} wrap="nowrap">
          <svg width={14} height={10} aria-hidden="true">
            {item.line ? (
              <line x1={0} x2={14} y1={5} y2={5} stroke={item.color} strokeWidth={2} />
            ) : (
              <rect width={10} height={10} rx={2} fill={item.color} />
            )}
          </svg>
          <Text size="xs">{item.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * Charged and paid side by side for each month (roubles on the left axis), with the collection rate as a line
 * (percent on the right axis).
 */
export function MonthlyChart({
  title,
  points,
  monthLabel,
  money,
  labels,
  testId,
}: {
  title: string;
  points: MonthPoint[];
  monthLabel: (period: string) => string;
  /** Kopecks → short text for the axis and the hover titles. */
  money: (kopecks: number) => string;
  labels: { charged: string; paid: string; rate: string };
  testId?: string;
}) {
  const width = 800;
  const height = 260;
  const left = 64;
  const right = 40;
  const top = 10;
  const bottom = 26;
  const plot = height - top - bottom;
  // Whole roubles on the axis: kopecks would give unreadable tick values.
  const scale = niceScale(Math.max(0, ...points.flatMap((p) => [p.charged, p.paid])) / 100);
  const maxRate = Math.max(100, ...points.map((p) => p.rate ?? 0));
  const rateScale = niceScale(maxRate);
  const y = (kopecks: number) => top + plot - (plot * kopecks) / 100 / scale.max;
  const yRate = (percent: number) => top + plot - (plot * percent) / rateScale.max;
  const slot = (width - left - right) / Math.max(1, points.length);
  const bar = Math.min(22, slot * 0.35);
  const ticks: number[] = [];
  for (let v = 0; v <= scale.max; v += scale.step) ticks.push(v);
  const rated = points
    .map((p, i) => ({ p, x: left + i * slot + slot / 2 }))
    .filter((item): item is { p: MonthPoint & { rate: number }; x: number } => item.p.rate !== null);
  return (
    <Stack gap="xs">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ display: 'block', maxHeight: height }}
        role="img"
        aria-label={title}
        data-testid={testId}
      >
        <title>{title}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={width - right} y1={y(v * 100)} y2={y(v * 100)} stroke={color('gray', 2)} />
            <text x={left - 6} y={y(v * 100) + 4} fontSize={10} textAnchor="end" fill={color('gray', 6)}>
              {money(v * 100)}
            </text>
          </g>
        ))}
        {[0, rateScale.max / 2, rateScale.max].map((v) => (
          <text key={v} x={width - right + 6} y={yRate(v) + 4} fontSize={10} fill={RATE_COLOR}>
            {`${v}%`}
          </text>
        ))}
        {points.map((p, i) => {
          const x = left + i * slot + slot / 2;
          return (
            <g
              key={p.period}
              data-testid="chart-month"
              data-period={p.period}
              data-charged={p.charged}
              data-paid={p.paid}
              data-rate={p.rate ?? ''}
            >
              <rect
                x={x - bar - 1}
                y={y(p.charged)}
                width={bar}
                height={Math.max(0, y(0) - y(p.charged))}
                fill={CHARGED_COLOR}
                rx={2}
              >
                <title>{`${monthLabel(p.period)} · ${labels.charged}: ${money(p.charged)}`}</title>
              </rect>
              <rect
                x={x + 1}
                y={y(p.paid)}
                width={bar}
                height={Math.max(0, y(0) - y(p.paid))}
                fill={PAID_COLOR}
                rx={2}
              >
                <title>{`${monthLabel(p.period)} · ${labels.paid}: ${money(p.paid)}`}</title>
              </rect>
              <text x={x} y={height - 8} fontSize={10} textAnchor="middle" fill={color('gray', 7)}>
                {monthLabel(p.period)}
              </text>
            </g>
          );
        })}
        {rated.length > 1 && (
          <polyline
            points={rated.map(({ p, x }) => `${x},${yRate(p.rate)}`).join(' ')}
            fill="none"
            stroke={RATE_COLOR}
            strokeWidth={2}
          />
        )}
        {rated.map(({ p, x }) => (
          <circle key={p.period} cx={x} cy={yRate(p.rate)} r={3} fill={RATE_COLOR}>
            <title>{`${monthLabel(p.period)} · ${labels.rate}: ${p.rate}%`}</title>
          </circle>
        ))}
      </svg>
      <Legend
        items={[
          { label: labels.charged, color: CHARGED_COLOR },
          { label: labels.paid, color: PAID_COLOR },
          { label: labels.rate, color: RATE_COLOR, line: true },
        ]}
      />
    </Stack>
  );
}

/** One horizontal bar per ageing bucket: the debt as the bar, the accounts in words. */
export function AgeingChart({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: { key: string; label: string; value: number; caption: string }[];
  testId?: string;
}) {
  const rowHeight = 30;
  const labelWidth = 130;
  const track = 420;
  const width = labelWidth + track + 220;
  const height = rows.length * rowHeight + 4;
  const max = Math.max(1, ...rows.map((r) => r.value));
  // Older debt is the worse one: the colour darkens with age.
  const shades = [3, 5, 6, 7, 9];
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width, display: 'block' }}
      role="img"
      aria-label={title}
      data-testid={testId}
    >
      <title>{title}</title>
      {rows.map((row, i) => {
        const y0 = i * rowHeight + 4;
        return (
          <g key={row.key} data-testid="ageing-bar" data-bucket={row.key} data-value={row.value}>
            <text x={0} y={y0 + 15} fontSize={13} fill="currentColor">
              {row.label}
            </text>
            <rect x={labelWidth} y={y0} width={track} height={20} rx={4} fill={color('gray', 1)} />
            <rect
              x={labelWidth}
              y={y0}
              width={(track * row.value) / max}
              height={20}
              rx={4}
              fill={color('red', shades[i] ?? 6)}
            >
              <title>{`${row.label}: ${row.caption}`}</title>
            </rect>
            <text x={labelWidth + track + 10} y={y0 + 15} fontSize={12} fill="currentColor">
              {row.caption}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
