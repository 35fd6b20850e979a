import Link from 'next/link';
import { formatCount } from '@/components/ui/class-names';
import { Skeleton } from '@/components/ui/skeleton';
import { situations, type Situation } from '@/lib/enums';
import { situationLabels } from './badges';

/** One colour per situation, echoing the badges' tones; the words and numbers carry the meaning. */
const situationColors: Record<Situation, string> = {
  no_match: 'var(--color-danger)',
  exact_match: 'var(--chart-1)',
  multiple_matches: 'var(--color-warning)',
  manually_linked: 'var(--color-success)',
};

const barStyle = {
  display: 'flex',
  height: '0.75rem',
  overflow: 'hidden',
  borderRadius: '999px',
  background: 'var(--color-surface-muted)',
  border: '1px solid var(--color-border)',
} as const;

export interface SituationSummaryProps {
  /** Active accounts per situation, for the whole application (not the current filters). */
  counts: Record<Situation, number>;
  /** The table filtered to one situation. */
  hrefFor: Record<Situation, string>;
}

/**
 * How far reconciliation has come, at a glance: one stacked bar of the application's accounts by
 * situation, and a legend whose entries filter the table. The bar is decoration; the legend says it all.
 */
export function SituationSummary({ counts, hrefFor }: SituationSummaryProps) {
  const total = situations.reduce((sum, s) => sum + counts[s], 0);
  const percent = (n: number) => (total === 0 ? 0 : (n / total) * 100);
  const shownPercent = (n: number) => (n > 0 && percent(n) < 1 ? '<1%' : `${Math.round(percent(n))}%`);
  // An application without accounts says so in the table, with the way to its Imports tab.
  if (total === 0) return null;

  return (
    <section className="card stack stack-sm" aria-labelledby="situation-summary-title">
      <div className="row row-between row-wrap">
        <h3 id="situation-summary-title" className="card-title">
          Accounts by situation
        </h3>
        <span className="muted text-sm">{total === 1 ? '1 active account' : `${formatCount(total)} active accounts`}</span>
      </div>
      <div style={barStyle} aria-hidden="true">
        {situations.map((s) =>
          counts[s] > 0 ? <span key={s} style={{ width: `${percent(counts[s])}%`, minWidth: 3, background: situationColors[s] }} /> : null,
        )}
      </div>
      <ul className="chart-legend" style={{ fontSize: 'var(--text-sm)' }}>
        {situations.map((s) => (
          <li key={s}>
            <span className="chart-swatch" style={{ background: situationColors[s] }} aria-hidden="true" />
            <Link href={hrefFor[s]} aria-label={`${situationLabels[s]}: ${formatCount(counts[s])} accounts. Show only these`}>
              {situationLabels[s]}
            </Link>
            <strong style={{ color: 'var(--color-text)', fontVariantNumeric: 'tabular-nums' }}>{formatCount(counts[s])}</strong>
            <span>({shownPercent(counts[s])})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SituationSummarySkeleton() {
  return (
    <div className="card stack stack-sm" aria-hidden="true">
      <Skeleton width="10rem" height="1.1rem" />
      <Skeleton height="0.75rem" />
      <Skeleton width="70%" />
    </div>
  );
}
