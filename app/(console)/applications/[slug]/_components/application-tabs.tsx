'use client';

import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';

const tabs = [
  { segment: 'reconcile', label: 'Reconcile' },
  { segment: 'imports', label: 'Imports' },
  { segment: 'sync', label: 'Sync' },
  { segment: 'access', label: 'Access' },
  { segment: 'deliveries', label: 'Deliveries' },
  { segment: 'settings', label: 'Settings' },
] as const;

/** The application's sections; the one showing is marked `aria-current="page"`. */
export function ApplicationTabs({ slug }: { slug: string }) {
  const active = useSelectedLayoutSegment();
  return (
    <nav aria-label="Application">
      <ul className="tabs">
        {tabs.map((tab) => (
          <li key={tab.segment}>
            <Link className="tab" href={`/applications/${slug}/${tab.segment}`} aria-current={active === tab.segment ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
