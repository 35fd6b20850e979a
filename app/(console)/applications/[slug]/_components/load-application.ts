import 'server-only';
import { cache } from 'react';
import { requireActor } from '@/lib/auth/session';
import { getApplication } from '@/lib/data/applications';
import { dataContext } from '@/lib/data/context';

/**
 * The application of the URL, read once per request however many of the layout, the page and
 * `generateMetadata` ask for it. `null` when the slug is unknown. The data layer checks the role.
 */
export const loadApplication = cache(async (slug: string) => {
  const actor = await requireActor();
  return getApplication(await dataContext(actor), slug);
});
