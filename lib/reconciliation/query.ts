import type { LinkStatus, Situation } from '@/lib/enums';

/** The reconciliation table's query: shared by the server (the data layer) and the browser (the URL state). */
export const reconcileSortKeys = ['account', 'situation', 'user', 'status', 'updated'] as const;
export type ReconcileSortKey = (typeof reconcileSortKeys)[number];
export const reconcilePageSizes = [10, 25, 50, 100] as const;

export type ReconcileQuery = {
  q: string;
  situation: Situation[];
  status: LinkStatus[];
  sort: ReconcileSortKey;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
};
