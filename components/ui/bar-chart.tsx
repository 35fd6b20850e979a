import { cx, formatCount } from './class-names';

export interface BarChartSeries {
  key: string;
  label: string;
  /** Any CSS colour; defaults to the palette `--chart-1` … `--chart-6`. */
  color?: string;
}

export interface BarChartDatum {
  /** The bar's label on the x axis, e.g. a date. */
  label: string;
  /** Series key → value; a missing key counts as 0. */
  values: Readonly<Record<string, number>>;
}

export interface BarChartProps {
  /** What the chart shows, e.g. "Accounts changed per import". Starts the accessible summary. */
  label: string;
  series: readonly BarChartSeries[];
  data: readonly BarChartDatum[];
  /** Replaces the generated summary (after `label`). */
  summary?: string;
  /** Drawing height in SVG units; the chart scales to its container's width. */
  height?: number;
  /** Defaults to showing a legend when there is more than one series. */
  legend?: boolean;
  className?: string;
}

const WIDTH = 640;
const MARGIN = { top: 8, right: 8, bottom: 22, left: 44 };
const MAX_X_LABELS = 8;

/**
 * A dependency-free SVG bar chart; several series stack. It is one image to assistive technology
 * (`role="img"`), named by `label` plus a summary in words; each bar also carries a `<title>` for
 * pointer users. Colours are never the only key: the legend names every series.
 */
export function BarChart({ label, series, data, summary, height = 180, legend, className }: BarChartProps) {
  const colorOf = (index: number) => series[index]?.color ?? `var(--chart-${(index % 6) + 1})`;
  const totals = data.map((datum) => series.reduce((sum, s) => sum + Math.max(0, datum.values[s.key] ?? 0), 0));
  const { max: yMax, ticks } = niceScale(Math.max(0, ...totals));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const band = data.length > 0 ? plotWidth / data.length : plotWidth;
  const barWidth = Math.min(48, Math.max(2, band * 0.7));
  const y = (value: number) => MARGIN.top + plotHeight - (yMax === 0 ? 0 : (value / yMax) * plotHeight);
  const labelEvery = Math.max(1, Math.ceil(data.length / MAX_X_LABELS));
  const accessibleName = `${label}. ${summary ?? describe(series, data, totals)}`;
  const showLegend = legend ?? series.length > 1;

  return (
    <figure className={cx('chart', className)} style={{ margin: 0 }}>
      <svg role="img" aria-label={accessibleName} viewBox={`0 0 ${WIDTH} ${height}`} preserveAspectRatio="xMidYMid meet">
        {ticks.map((tick) => (
          <g key={tick}>
            <line className={tick === 0 ? 'chart-axis' : 'chart-grid'} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text className="chart-tick" x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
              {formatShort(tick)}
            </text>
          </g>
        ))}
        {data.map((datum, index) => {
          const x = MARGIN.left + index * band + (band - barWidth) / 2;
          let base = 0;
          const tooltip = [datum.label, ...series.map((s) => `${s.label}: ${formatCount(datum.values[s.key] ?? 0)}`)].join('\n');
          return (
            <g key={`${datum.label}-${index}`}>
              <title>{tooltip}</title>
              {series.map((s, seriesIndex) => {
                const value = Math.max(0, datum.values[s.key] ?? 0);
                if (value === 0) return null;
                const top = y(base + value);
                const rectHeight = y(base) - top;
                base += value;
                return <rect key={s.key} x={x} y={top} width={barWidth} height={Math.max(rectHeight, 1)} fill={colorOf(seriesIndex)} />;
              })}
              {index % labelEvery === 0 && (
                <text className="chart-tick" x={x + barWidth / 2} y={height - 6} textAnchor="middle">
                  {datum.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {showLegend && (
        <ul className="chart-legend" aria-hidden="true">
          {series.map((s, index) => (
            <li key={s.key}>
              <span className="chart-swatch" style={{ background: colorOf(index) }} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

/** Whole-number ticks on a round step (1, 2, 2.5, 5 × 10ⁿ), at most five lines, the top one at or above `value`. */
function niceScale(value: number): { max: number; ticks: number[] } {
  const raw = Math.max(1, value / 4);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const multipliers = magnitude === 1 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const multiplier = multipliers.find((m) => m * magnitude >= raw) ?? 10;
  const step = Math.max(1, multiplier * magnitude);
  const max = Math.max(step, Math.ceil(value / step) * step);
  const ticks: number[] = [];
  for (let tick = 0; tick <= max; tick += step) ticks.push(tick);
  return { max, ticks };
}

function formatShort(value: number): string {
  if (value >= 1_000_000) return `${trim(value / 1_000_000)}M`;
  if (value >= 1_000) return `${trim(value / 1_000)}k`;
  return trim(value);
}

function trim(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

function describe(series: readonly BarChartSeries[], data: readonly BarChartDatum[], totals: number[]): string {
  if (data.length === 0) return 'No data.';
  const first = data[0]!.label;
  const last = data[data.length - 1]!.label;
  const peakIndex = totals.indexOf(Math.max(...totals));
  const sums = series.map((s) => `${s.label} ${formatCount(data.reduce((sum, d) => sum + (d.values[s.key] ?? 0), 0))}`);
  const span = data.length === 1 ? `1 bar, ${first}` : `${data.length} bars from ${first} to ${last}`;
  return `${span}. Totals: ${sums.join(', ')}. Highest: ${data[peakIndex]!.label} with ${formatCount(totals[peakIndex]!)}.`;
}
