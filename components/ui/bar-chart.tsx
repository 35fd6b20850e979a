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
  /** Height of the plot in CSS pixels; the chart takes its container's width. */
  height?: number;
  /** Defaults to showing a legend when there is more than one series. */
  legend?: boolean;
  className?: string;
}

const MAX_X_LABELS = 8;
const BAND = 10;

/**
 * A dependency-free bar chart; several series stack. The bars are an SVG stretched to the
 * container's width, the axis labels are HTML, so text keeps its size at any width. To assistive
 * technology it is one image (`role="img"`) named by `label` plus a summary in words; each bar
 * carries a `<title>` for pointer users, and the legend names every series in words.
 */
export function BarChart({ label, series, data, summary, height = 160, legend, className }: BarChartProps) {
  const colorOf = (index: number) => series[index]?.color ?? `var(--chart-${(index % 6) + 1})`;
  const totals = data.map((datum) => series.reduce((sum, s) => sum + Math.max(0, datum.values[s.key] ?? 0), 0));
  const { max, ticks } = niceScale(Math.max(0, ...totals));
  const width = Math.max(1, data.length) * BAND;
  const barWidth = BAND * 0.7;
  const labelEvery = Math.max(1, Math.ceil(data.length / MAX_X_LABELS));
  const showLegend = legend ?? series.length > 1;
  const y = (value: number) => 100 - (value / max) * 100;

  return (
    <figure className={cx('chart', className)}>
      <div className="chart-body" role="img" aria-label={`${label}. ${summary ?? describe(series, data, totals)}`}>
        <div className="chart-y" style={{ height }}>
          {ticks.map((tick) => (
            <span key={tick} className="chart-tick" style={{ bottom: `${(tick / max) * 100}%` }}>
              {formatShort(tick)}
            </span>
          ))}
        </div>
        <div className="chart-plot">
          <svg viewBox={`0 0 ${width} 100`} preserveAspectRatio="none" style={{ height }}>
            {ticks.map((tick) => (
              <line key={tick} className={tick === 0 ? 'chart-axis' : 'chart-grid'} x1={0} x2={width} y1={y(tick)} y2={y(tick)} />
            ))}
            {data.map((datum, index) => {
              const x = index * BAND + (BAND - barWidth) / 2;
              let base = 0;
              return (
                <g key={`${datum.label}-${index}`}>
                  <title>{[datum.label, ...series.map((s) => `${s.label}: ${formatCount(datum.values[s.key] ?? 0)}`)].join('\n')}</title>
                  <rect x={index * BAND} y={0} width={BAND} height={100} fill="transparent" />
                  {series.map((s, seriesIndex) => {
                    const value = Math.max(0, datum.values[s.key] ?? 0);
                    if (value === 0) return null;
                    const top = y(base + value);
                    const rectHeight = y(base) - top;
                    base += value;
                    return <rect key={s.key} x={x} y={top} width={barWidth} height={rectHeight} fill={colorOf(seriesIndex)} />;
                  })}
                </g>
              );
            })}
          </svg>
          <div className="chart-x" style={{ gridTemplateColumns: `repeat(${Math.max(1, data.length)}, minmax(0, 1fr))` }}>
            {data.map((datum, index) => (
              <span key={`${datum.label}-${index}`} className="chart-tick">
                {index % labelEvery === 0 ? datum.label : ''}
              </span>
            ))}
          </div>
        </div>
      </div>
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
