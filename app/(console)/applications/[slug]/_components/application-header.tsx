import Link from 'next/link';
import type { ApplicationSummary } from '@/lib/data/applications';
import { RoleBadge } from '../../_components/role-badge';

export function ApplicationHeader({ app }: { app: ApplicationSummary }) {
  return (
    <header className="page-header" style={{ marginBottom: 'var(--space-3)' }}>
      <div className="page-header-text">
        <nav aria-label="Breadcrumb">
          <ol className="breadcrumbs">
            <li>
              <Link href="/applications">Applications</Link>
            </li>
            <li aria-current="page">{app.name}</li>
          </ol>
        </nav>
        <div className="row row-wrap">
          <h1>{app.name}</h1>
          <RoleBadge role={app.role} />
        </div>
        <p className="muted text-sm">
          Slug <span className="mono">{app.slug}</span>
        </p>
      </div>
    </header>
  );
}
