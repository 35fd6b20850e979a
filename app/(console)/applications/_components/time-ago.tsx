const absoluteFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "12 Mar 2026, 09:41 UTC": the same on every server, whatever its time zone. */
export function formatAbsolute(date: Date): string {
  return `${absoluteFormat.format(date)} UTC`;
}

/** "3 hours ago", "yesterday", "just now". */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return relativeFormat.format(Math.round(seconds / 60), 'minute');
}

/**
 * A point in time as a server-rendered `<time>`: relative in the text, absolute in the tooltip,
 * or both in the text with `withAbsolute`.
 */
export function TimeAgo({ date, withAbsolute = false }: { date: Date; withAbsolute?: boolean }) {
  const absolute = formatAbsolute(date);
  const relative = formatRelative(date);
  if (!withAbsolute) {
    return (
      <time dateTime={date.toISOString()} title={absolute}>
        {relative}
      </time>
    );
  }
  return (
    <time dateTime={date.toISOString()} className="stack" style={{ gap: 0 }}>
      <span>{relative}</span>
      <span className="muted text-xs nowrap">{absolute}</span>
    </time>
  );
}
