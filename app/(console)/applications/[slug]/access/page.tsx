import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { getViewer, requireActor } from '@/lib/auth/session';
import { listAssignments } from '@/lib/data/assignments';
import { dataContext } from '@/lib/data/context';
import { listConditionAttributes, listRules } from '@/lib/data/entitlements';
import { getLicenceSummary } from '@/lib/data/licences';
import { loadApplication } from '../_components/load-application';
import { AssignmentsTable } from './_components/assignments-table';
import { LicencePanel } from './_components/licence-panel';
import { RulesEditor } from './_components/rules-editor';
import { assignmentsTableState } from './search-params';

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: 'Access' };

/** Who has access to the application: entitlement rules, licences, and every assigned identity. */
export default async function AccessPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requireActor();
  const [{ slug }, raw] = await Promise.all([params, searchParams]);
  const [app, viewer, ctx] = await Promise.all([loadApplication(slug), getViewer(), dataContext(actor)]);
  if (!app) notFound();
  if (app.role !== 'target') {
    return <Alert tone="info">{app.name} is a source application: it feeds identities in. Identities are assigned, and licensed, in target applications.</Alert>;
  }
  const canAct = viewer.role === 'admin';
  const state = assignmentsTableState.parse(raw);
  const [licences, rules, attributes, assigned] = await Promise.all([
    getLicenceSummary(ctx, app.id),
    listRules(ctx, app.id),
    listConditionAttributes(ctx),
    listAssignments(ctx, app.id, {
      q: state.q,
      status: state.filters.status,
      licence: state.filters.licence,
      origin: state.filters.origin,
      sort: { key: state.sort, dir: state.dir },
      page: state.page,
      pageSize: state.pageSize,
    }),
  ]);

  return (
    <div className="stack stack-lg">
      {/* One above the other: the rules table needs the page's width for its columns and buttons. */}
      <Card title="Entitlement rules" description="Members of a group get a role here. The rule with the lowest priority number wins; anyone no rule applies to any more is suspended, never deleted.">
        <RulesEditor slug={app.slug} rules={rules} attributes={attributes} canEdit={canAct} />
      </Card>
      <Card title="Licences" description="Assigned identities arrive invited. Licences go first come, first served as they are activated; the rest wait in order.">
        <LicencePanel slug={app.slug} summary={licences} canEdit={canAct} />
      </Card>
      <Card title="Assigned identities" description={`Only these identities are ever sent to ${app.name}.`}>
        <AssignmentsTable slug={app.slug} rows={assigned.rows} total={assigned.total} counts={assigned.counts} canAct={canAct} />
      </Card>
    </div>
  );
}
