import { PageHeader } from '@/components/app-shell/page-header';
import type { ApplicationSummary } from '@/lib/data/applications';
import { RoleBadge } from '../../_components/role-badge';

/** The application's name (the page's one `<h1>`), role and slug, above its tabs. */
export function ApplicationHeader({ app }: { app: Pick<ApplicationSummary, 'name' | 'slug' | 'role'> }) {
  return (
    <PageHeader
      breadcrumbs={[{ label: 'Applications', href: '/applications' }, { label: app.name }]}
      title={app.name}
      description={
        <span className="row row-wrap">
          <RoleBadge role={app.role} />
          <span className="text-sm">
            Slug <span className="mono">{app.slug}</span>
          </span>
        </span>
      }
    />
  );
}
