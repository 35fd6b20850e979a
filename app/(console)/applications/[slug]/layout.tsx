import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ApplicationHeader } from './_components/application-header';
import { ApplicationTabs } from './_components/application-tabs';
import { loadApplication } from './_components/load-application';

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const app = await loadApplication((await params).slug);
  // Its pages name themselves ("Reconcile"): "Reconcile · Salesforce CRM · Concord".
  return app ? { title: { default: app.name, template: `%s · ${app.name} · Concord` } } : { title: 'Application not found' };
}

export default async function ApplicationLayout({ children, params }: { children: ReactNode; params: Params }) {
  const app = await loadApplication((await params).slug);
  if (!app) notFound();
  return (
    <div>
      <ApplicationHeader app={app} />
      <ApplicationTabs slug={app.slug} />
      {children}
    </div>
  );
}
