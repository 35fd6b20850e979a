import { redirect } from 'next/navigation';

/** An application opens on its reconciliation table. */
export default async function ApplicationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  redirect(`/applications/${encodeURIComponent(slug)}/reconcile`);
}
