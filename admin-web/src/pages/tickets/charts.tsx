import { Group, Stack, Text } from '@mantine/core';
import { niceScale } from './ticket-labels.ts';

/**
 * The analytics page's charts, drawn as plain SVG (no chart library): scaled to the container's width through the
 * viewBox, every bar with a <title> so hovering names the value.
 */

const color = (name: string, shade = 6) => `var(--mantine-color-${name}-${shade})`;

export interface Series {
  key: string;
  label: string;
  color: string;
}

/** Stacked columns: one per x label (a day), one segment per series (a category). */
export function StackedBars({
  title,
  labels,
  tickLabel,
  series,
  value,
  height = 240,
  testId,
}: {
  /** What the chart shows, for screen readers. */
  title: string;
  labels: string[];
  tickLabel: (label: string) => string;
  series: Series[];
  value: (label: string, key: string) => number;
  height?: number;
  testId?: string;
}) {
  const totals = labels.map((l) => series.reduce((sum, s) => sum + value(l, s.key), 0));
  const scale = niceScale(Math.max(0, ...totals));
  const left = 36;
  const bottom = 24;
  const top = 8;
  // A fixed drawing width: the viewBox scales it to the card, so text stays readable at any range.
  const width = 800;
  const slot = (width - left - 8) / Math.max(1, labels.length);
  const plot = height - bottom - top;
  const y = (v: number) => top + plot - (plot * v) / scale.max;
  const every = Math.max(1, Math.ceil(labels.length / 12));
  const ticks: number[] = [];
  for (let v = 0; v <= scale.max; v += scale.step) ticks.push(v);
  return (
    <Stack gap="xs">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxHeight: height, display: 'block' }}
        role="img"
        aria-label={title}
        data-testid={testId}
      >
        <title>{title}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={width} y1={y(v)} y2={y(v)} stroke={color('gray', 2)} strokeWidth={1} />
            <text x={left - 6} y={y(v) + 4} fontSize={10} textAnchor="end" fill={color('gray', 6)}>
              {v}
            </text>
          </g>
        ))}
        {labels.map((label, i) => {
          let base = 0;
          const x = left + i * slot + slot * 0.15;
          const w = slot * 0.7;
          return (
            <g key={label} data-testid="chart-column" data-label={label} data-total={totals[i]}>
              {series.map((s) => {
                const v = value(label, s.key);
                if (v <= 0) return null;
                const y0 = y(base + v);
                const h = y(base) - y0;
                base += v;
                return (
                  <rect key={s.key} x={x} y={y0} width={w} height={Math.max(h, 0.5)} fill={s.color} rx={1}>
                    <title>{`${tickLabel(label)} · ${s.label}: ${v}`}</title>
                  </rect>
                );
              })}
              {i % every === 0 && (
                <text x={x + w / 2} y={height - 8} fontSize={10} textAnchor="middle" fill={color('gray', 7)}>
                  {tickLabel(label)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Group gap="md" wrap="wrap">
        {series.map((s) => (
          <Group key={s.key} gap={6} wrap="nowrap">
            <svg width={10} height={10} aria-hidden="true">
              <rect width={10} height={10} rx={2} fill={s.color} />
            </svg>
            <Text size="xs">{s.label}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

/** Met vs missed as one bar, with the share met in words. */
export function ComplianceBar({
  label,
  met,
  missed,
  percentText,
  metText,
  missedText,
  testId,
}: {
  label: string;
  met: number;
  missed: number;
  percentText: string;
  metText: string;
  missedText: string;
  testId?: string;
}) {
  const total = met + missed;
  const share = total === 0 ? 0 : met / total;
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between">
        <Text size="sm">{label}</Text>
        <Text size="sm" fw={700}>
          {percentText}
        </Text>
      </Group>
      <svg
        viewBox="0 0 100 8"
        width="100%"
        height={14}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label}: ${percentText}`}
      >
        <title>{`${label}: ${percentText}`}</title>
        <rect width={100} height={8} rx={2} fill={total === 0 ? color('gray', 2) : color('red', 5)}>
          <title>{missedText}</title>
        </rect>
        {share > 0 && (
          <rect width={100 * share} height={8} rx={2} fill={color('teal', 6)}>
            <title>{metText}</title>
          </rect>
        )}
      </svg>
      <Text size="xs" c="dimmed">
        {metText} · {missedText}
      </Text>
    </Stack>
  );
}

/** Horizontal bars, one per row (an executor's tickets), the longest filling the width. */
export function HorizontalBars({
  rows,
  testId,
}: {
  rows: { key: string; label: string; value: number; part?: number; caption: string }[];
  testId?: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <Stack gap={8} data-testid={testId}>
      {rows.map((r) => (
        <Stack key={r.key} gap={2} data-testid="bar-row" data-label={r.label} data-value={r.value}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" truncate>
              {r.label}
            </Text>
            <Text size="xs" c="dimmed">
              {r.caption}
            </Text>
          </Group>
          <svg
            viewBox="0 0 100 6"
            width="100%"
            height={10}
            preserveAspectRatio="none"
            role="img"
            aria-label={`${r.label}: ${r.caption}`}
          >
            <title>{`${r.label}: ${r.caption}`}</title>
            <rect width={100} height={6} rx={2} fill={color('gray', 1)} />
            <rect width={(100 * r.value) / max} height={6} rx={2} fill={color('teal', 4)} />
            {r.part !== undefined && r.part > 0 && (
              <rect width={(100 * r.part) / max} height={6} rx={2} fill={color('orange', 6)} />
            )}
          </svg>
        </Stack>
      ))}
    </Stack>
  );
}

/** One colour per category, stable across renders. */
export const CATEGORY_COLORS: Record<string, string> = {
  PLUMBING: color('blue'),
  ELECTRICITY: color('yellow'),
  HEATING: color('red'),
  LIFT: color('grape'),
  CLEANING: color('lime'),
  YARD: color('green'),
  INTERCOM: color('cyan'),
  ROOF_FACADE: color('orange'),
  NOISE: color('pink'),
  BILLING: color('violet'),
  OTHER: color('gray'),
};
