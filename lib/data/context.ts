import 'server-only';
import { getDb, type Executor } from '@/db/client';
import type { Actor } from './actor';

/** What every data-layer function receives: the database (or a transaction) and who is asking. */
export type DataContext = { db: Executor; actor: Actor };

export async function dataContext(actor: Actor): Promise<DataContext> {
  return { db: await getDb(), actor };
}
