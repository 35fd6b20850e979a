import 'server-only';
import { cache } from 'react';
import { requireActor } from '@/lib/auth/session';
import { getAccountDetail } from '@/lib/data/accounts';
import { dataContext } from '@/lib/data/context';

/** The account of the URL, read once per request for the page and its metadata; null when unknown. */
export const loadAccount = cache(async (accountId: string) => getAccountDetail(await dataContext(await requireActor()), accountId));
