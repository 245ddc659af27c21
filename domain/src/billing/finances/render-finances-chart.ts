import sharp from 'sharp';

export interface FinancesChartInput {
  title: string;
  legend: { charged: string; collected: string };
  months: { label: string; chargedKopecks: number; collectedKopecks: number }[];
  /** How an axis value (kopecks, a round number) is written in the reader's language. */
  axisLabel: (kopecks: number) => string;
}

const WIDTH = 960;
const HEIGHT = 540;
const MARGIN = { top: 78, right: 24, bottom: 64, left: 104 };
const COLORS = { charged: '#4C78A8', collected: '#54A24B', grid: '#DDDDDD', text: '#222222' };
/** Rendered by librsvg through fontconfig: the Docker image installs fonts-dejavu-core for Cyrillic. */
const FONT = "'DejaVu Sans', 'Liberation Sans', sans-serif";

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * A value axis that ends on a round sum (the smallest 1, 2 or 5 × 10ⁿ kopecks at or above the largest bar) with
 * round steps between: fifths of 1 and 5 × 10ⁿ, quarters of 2 × 10ⁿ.
 */
function valueAxis(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 100_00, step: 20_00 };
  const power = 10 ** Math.floor(Math.log10(max));
  const lead = [1, 2, 5, 10].find((d) => d * power >= max) ?? 10;
  const top = lead * power;
  return { top, step: lead === 2 ? top / 4 : top / 5 };
}

/** The chart as SVG: charged and collected side by side per month, with a value grid. */
export function financesChartSvg(input: FinancesChartInput): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { top, step } = valueAxis(
    Math.max(0, ...input.months.flatMap((m) => [m.chargedKopecks, m.collectedKopecks])),
  );
  const y = (kopecks: number) => MARGIN.top + plotHeight - (Math.max(0, kopecks) / top) * plotHeight;
  const slot = plotWidth / Math.max(1, input.months.length);
  const bar = Math.min(28, (slot * 0.7) / 2);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="100%" height="100%" fill="#FFFFFF"/>`,
    `<g font-family="${FONT}" fill="${COLORS.text}">`,
    `<text x="${MARGIN.left}" y="34" font-size="22" font-weight="bold">${escapeXml(input.title)}</text>`,
  ];
  const legend = [
    [COLORS.charged, input.legend.charged],
    [COLORS.collected, input.legend.collected],
  ] as const;
  legend.forEach(([color, label], i) => {
    const x = MARGIN.left + i * 260;
    parts.push(
      `<rect x="${x}" y="48" width="14" height="14" fill="${color}"/>`,
      `<text x="${x + 20}" y="60" font-size="15">${escapeXml(label)}</text>`,
    );
  });
  for (let value = 0; value <= top; value += step) {
    const gy = y(value).toFixed(1);
    parts.push(
      `<line x1="${MARGIN.left}" y1="${gy}" x2="${WIDTH - MARGIN.right}" y2="${gy}" stroke="${COLORS.grid}"/>`,
      `<text x="${MARGIN.left - 8}" y="${gy}" dy="5" font-size="13" text-anchor="end">${escapeXml(input.axisLabel(value))}</text>`,
    );
  }
  input.months.forEach((m, i) => {
    const center = MARGIN.left + slot * i + slot / 2;
    const bars = [
      [COLORS.charged, m.chargedKopecks, center - bar - 1],
      [COLORS.collected, m.collectedKopecks, center + 1],
    ] as const;
    for (const [color, value, x] of bars) {
      const by = y(value);
      const height = MARGIN.top + plotHeight - by;
      if (height > 0)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${by.toFixed(1)}" width="${bar.toFixed(1)}" height="${height.toFixed(1)}" fill="${color}"/>`,
        );
    }
    parts.push(
      `<text x="${center.toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 22}" font-size="13" text-anchor="middle">${escapeXml(m.label)}</text>`,
    );
  });
  parts.push(
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotHeight}" x2="${WIDTH - MARGIN.right}" y2="${MARGIN.top + plotHeight}" stroke="${COLORS.text}"/>`,
    '</g></svg>',
  );
  return parts.join('\n');
}

/** The chart as a PNG photo for Telegram, rasterised at 96 dpi: 1280×720, sharp on a phone and under 100 KB. */
export async function renderFinancesChart(input: FinancesChartInput): Promise<Buffer> {
  return sharp(Buffer.from(financesChartSvg(input)), { density: 96 })
    .png()
    .toBuffer();
}
