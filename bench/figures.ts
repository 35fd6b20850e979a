/**
 * The benchmark's figures: what was measured, its target, and its ratio to the floor measured in the
 * same run. Shared by the main run (scripts/bench.ts) and the 1,000,000-account child (bench/million.ts).
 */
export type Unit = 'ms' | 'MB' | 'rows';

/** A target is either an absolute bound or a multiple of the floor (time figures only). */
export type Target = { kind: 'below'; value: number } | { kind: 'atMost'; value: number } | { kind: 'floorRatio'; max: number };

export type Figure = {
  driver: string;
  /** a stable key, e.g. "import.accounts" */
  id: string;
  label: string;
  value: number;
  unit: Unit;
  /** table queries: the median beside the p95 in `value` */
  p50?: number;
  target?: Target;
  /** time divided by the floor of the same driver and size */
  floorRatio?: number;
  pass?: boolean;
  detail?: string;
};

export function describeTarget(target: Target | undefined, unit: Unit): string {
  if (!target) return '';
  if (target.kind === 'floorRatio') return `≤ ${target.max}× floor`;
  return `${target.kind === 'below' ? '<' : '≤'} ${formatValue(target.value, unit)}`;
}

export function formatValue(value: number, unit: Unit): string {
  if (unit === 'rows') return value.toLocaleString('en-US');
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** Fills in the floor ratio and whether the target is met. */
export function judge(figure: Figure, floorMs: number | undefined): Figure {
  const floorRatio = figure.unit === 'ms' && floorMs ? figure.value / floorMs : undefined;
  const target = figure.target;
  let pass: boolean | undefined;
  if (target?.kind === 'below') pass = figure.value < target.value;
  else if (target?.kind === 'atMost') pass = figure.value <= target.value;
  else if (target?.kind === 'floorRatio') pass = floorRatio !== undefined && floorRatio <= target.max;
  return { ...figure, floorRatio, pass };
}

export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[index]!;
}

/** One console line per figure: value, target, verdict, floor ratio, detail. */
export function printFigure(f: Figure): void {
  const value = f.p50 === undefined ? formatValue(f.value, f.unit) : `${formatValue(f.p50, f.unit)} / ${formatValue(f.value, f.unit)}`;
  const verdict = f.pass === undefined ? '' : f.pass ? 'ok' : 'MISSED';
  const ratio = f.floorRatio === undefined ? '' : `${f.floorRatio.toFixed(1)}× floor`;
  console.log(
    `${f.driver.padEnd(7)} ${f.label.padEnd(74)} ${value.padStart(17)}  ${describeTarget(f.target, f.unit).padEnd(14)} ${verdict.padEnd(6)} ${ratio.padStart(12)}  ${f.detail ?? ''}`,
  );
}
