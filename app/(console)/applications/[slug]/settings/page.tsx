import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { getViewer } from '@/lib/auth/session';
import { loadApplication } from '../_components/load-application';
import { ApiTokensCard } from './_components/api-tokens-card';
import { DangerZone } from './_components/danger-zone';
import { GeneralForm } from './_components/general-form';
import { MappingView } from './_components/mapping-view';
import { MatchingRulesEditor } from './_components/matching-rules-editor';

type Params = Promise<{ slug: string }>;

export const metadata: Metadata = { title: 'Settings' };

export default async function ApplicationSettingsPage({ params }: { params: Params }) {
  const { slug } = await params;
  const [app, viewer] = await Promise.all([loadApplication(slug), getViewer()]);
  if (!app) notFound();
  const canEdit = viewer.role === 'admin';

  return (
    <div className="stack stack-lg">
      {!canEdit && <Alert tone="info">You can read these settings; only an admin can change them.</Alert>}
      <Card title="General">
        <GeneralForm
          slug={app.slug}
          version={app.version}
          name={app.name}
          role={app.role}
          safeguardThreshold={app.safeguardThreshold}
          canEdit={canEdit}
        />
      </Card>
      <Card
        title="Matching rules"
        description={
          <>
            Rules are tried in order, and the first rule that finds anyone decides: one identity is an exact match, several are
            multiple matches. Values are compared trimmed and case-folded; a display name only with two words or more (&ldquo;Logan&rdquo;
            alone is many people). Saving re-matches the accounts; links an admin made or confirmed are kept.
          </>
        }
      >
        <MatchingRulesEditor slug={app.slug} version={app.version} role={app.role} rules={app.matchingRules} canEdit={canEdit} />
      </Card>
      <Card title="Mapping" description="Which input field of the feed fills which account attribute, which are required, and how groups split (the control file): edit it here, or export and import it as JSON.">
        <MappingView slug={app.slug} role={app.role} version={app.version} mapping={app.mapping} canEdit={canEdit} />
      </Card>
      <ApiTokensCard slug={app.slug} canEdit={canEdit} />
      {canEdit && (
        <Card title="Danger zone">
          <DangerZone slug={app.slug} name={app.name} version={app.version} />
        </Card>
      )}
    </div>
  );
}
