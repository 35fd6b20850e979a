import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { run } from '@/db/sql';
import { linkStatuses, situations, type LinkStatus, type Situation } from '@/lib/enums';
import type { ReconcileQuery, ReconcileSortKey } from '@/lib/reconciliation/query';
import { authorizeForApplication } from './actor';
import type { DataContext } from './context';
import { allFacetGroups, noSituations, type FacetGroup } from './facet-counts';

export { reconcilePageSizes, reconcileSortKeys, type ReconcileQuery, type ReconcileSortKey } from '@/lib/reconciliation/query';

export type ReconcileRow = {
  id: string;
  key: string;
  label: string;
  username: string | null;
  email: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  employeeId: string | null;
  situation: Situation;
  linkStatus: LinkStatus;
  version: number;
  candidateCount: number;
  matchedRule: number | null;
  user: { id: string; displayName: string | null; email: string | null; username: string | null; status: string } | null;
};

export type ReconcileResult = {
  rows: ReconcileRow[];
  /** accounts matching every filter */
  total: number;
  /** faceted counts: each facet counts with the search and the other facet applied */
  counts: { situation: Record<Situation, number>; status: Record<LinkStatus, number> };
  /** exact matches that need confirmation among the accounts matching every filter: what "Confirm all exact matches" would confirm */
  confirmable: number;
  /** unmatched, unlinked accounts among those matching every filter: what "Create users for all unmatched" would make users for */
  creatable: number;
};

// Whitelisted sort expressions; the URL only ever picks a key from this table. Case-folded with the
// C collation so that every driver (PGlite's locale differs from a server's) sorts alike, on an index.
const sortExpressions: Record<ReconcileSortKey, string> = {
  account: 'lower(a.label) collate "C"',
  situation: 'a.situation',
  user: 'lower(i.display_name) collate "C"',
  status: 'a.link_status',
  updated: 'a.updated_at',
};

/** The search expression matches the trigram index on accounts exactly, so ILIKE '%x%' uses it. */
export function searchCondition(q: string): SQL {
  if (!q) return sql`true`;
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(coalesce(a.display_name, '') || ' ' || coalesce(a.email, '') || ' ' || coalesce(a.username, '') || ' ' || a.key) ilike ${pattern}`;
}

// Each filter travels as an array literal cast straight to the enum array. A parameter first typed
// text[] and then cast hides its values from the planner, which then takes "Manually linked" for 98 %
// of the accounts (and PGlite cannot send a JS array as an enum array). Only known values go in.
const enumArray = <T extends string>(known: readonly T[], wanted: readonly T[]) => `{${known.filter((v) => wanted.includes(v)).join(',')}}`;

export function facetCondition(query: Pick<ReconcileQuery, 'situation' | 'status'>): SQL {
  const parts: SQL[] = [sql`true`];
  if (query.situation.length > 0) parts.push(sql`a.situation = any(${enumArray(situations, query.situation)}::situation[])`);
  if (query.status.length > 0) parts.push(sql`a.link_status = any(${enumArray(linkStatuses, query.status)}::link_status[])`);
  return sql.join(parts, sql` and `);
}

/**
 * Active accounts per situation and link status. Without a search they are the sums of
 * account_facet_deltas (allFacetGroups); with one, the matching accounts are counted.
 */
async function facetGroups(ctx: DataContext, applicationId: string, base: SQL, q: string): Promise<FacetGroup[]> {
  if (!q) return allFacetGroups(ctx.db, applicationId);
  const { rows } = await run<FacetGroup>(
    ctx.db,
    sql`select a.situation, a.link_status, count(*)::int as n from accounts a where ${base} and ${searchCondition(q)} group by a.situation, a.link_status`,
  );
  return rows;
}

/**
 * The page's account ids, found on the sort's index alone (page 500 skips 24,950 rows without joining
 * each to its user); the caller then reads the columns and the user of those few.
 */
function pageIds(where: SQL, order: SQL, query: ReconcileQuery): SQL {
  return sql`select a.id from accounts a where ${where} order by ${order} limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
}

/** Of the active accounts (from the facet groups), how many the situation and status filters keep. */
function facetTotals(groups: readonly FacetGroup[], query: Pick<ReconcileQuery, 'situation' | 'status'>): { matching: number; active: number } {
  const keeps = facetFilter(query);
  let matching = 0;
  let active = 0;
  for (const g of groups) {
    active += g.n;
    if (keeps.situation(g.situation) && keeps.status(g.link_status)) matching += g.n;
  }
  return { matching, active };
}

/** Whether the situation and status filters keep a value (an empty filter keeps every value). */
function facetFilter(query: Pick<ReconcileQuery, 'situation' | 'status'>) {
  return {
    situation: (s: Situation) => query.situation.length === 0 || query.situation.includes(s),
    status: (s: LinkStatus) => query.status.length === 0 || query.status.includes(s),
  };
}

/**
 * Whether walking the sort's index would pass many accounts the filters drop before the page is full
 * (about pageEnd × active / matching of them), while the accounts kept are few enough to sort outright.
 */
function fewAmongMany({ matching, active }: { matching: number; active: number }, query: ReconcileQuery): boolean {
  if (matching === 0 || matching > 50_000) return false;
  const pageEnd = query.page * query.pageSize;
  return (pageEnd * active) / matching > 20_000;
}

/**
 * The page's account ids when the filters keep few accounts: those are gathered (the facets index finds
 * them), then sorted; `offset 0` keeps the planner from walking the sort's index instead.
 */
function pageIdsOfFew(where: SQL, query: ReconcileQuery): SQL {
  const dir = query.dir === 'desc' ? 'desc' : 'asc';
  const key = query.sort === 'user' ? 'lower(i.display_name) collate "C"' : sortExpressions[query.sort];
  return sql`select f.id from (
      select a.id, ${sql.raw(key)} as sort_key from accounts a left join identities i on i.id = a.linked_identity_id
      where ${where} offset 0
    ) f
    order by f.sort_key ${sql.raw(dir)} nulls last, f.id ${sql.raw(dir)} limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
}

/**
 * The same sorted by user name (nulls last): the accounts whose user has a name, walked in name
 * order from the identities' name index, then the others (unlinked, or a user without a name) by id.
 * Each part stops after the rows the page needs, so neither joins every account to its user.
 */
function pageIdsByUser(where: SQL, query: ReconcileQuery): SQL {
  const dir = sql.raw(query.dir === 'desc' ? 'desc' : 'asc');
  const upTo = query.page * query.pageSize;
  return sql`select id from (
      (select a.id, 0 as part, lower(i.display_name) collate "C" as name
       from identities i join accounts a on a.linked_identity_id = i.id
       where ${where} and i.display_name is not null
       order by lower(i.display_name) collate "C" ${dir}, a.id ${dir} limit ${upTo})
      union all
      (select a.id, 1, null from accounts a
       -- a scalar subquery, probed only for a linked account (a NOT EXISTS becomes a scan of every identity)
       where ${where} and (a.linked_identity_id is null or (select i.display_name from identities i where i.id = a.linked_identity_id) is null)
       order by a.id ${dir} limit ${upTo})
    ) u
    order by part, name ${dir}, id ${dir} limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
}

/** The columns of a page's rows: the account (`a`) and its linked user (`i`). */
const rowColumns = sql`a.id, a.key, a.label, a.username, a.email, a.display_name as "displayName",
  a.given_name as "givenName", a.family_name as "familyName", a.employee_id as "employeeId", a.situation,
  a.link_status as "linkStatus", a.version, cardinality(a.candidate_ids) as "candidateCount",
  a.matched_rule as "matchedRule", i.id as "userId", i.display_name as "userDisplayName",
  i.email as "userEmail", i.username as "userUsername", i.status as "userStatus"`;

type PageRow = ReconcileRow & { userId: string | null; userDisplayName: string | null; userEmail: string | null; userUsername: string | null; userStatus: string | null };

/** A search gathers its matches once, for both the page and the counts, when they are at most this many. */
const ONE_PASS_MATCHES = 40_000;

/**
 * Whether a search probably matches at most `upTo` accounts: surely so when the application has no
 * more active accounts than that; otherwise judged from a 1 % sample of the table's pages (the same
 * pages each time), which costs a few milliseconds at 1,000,000 accounts, where a one pass that
 * overflows would have read up to `upTo` matches for nothing.
 */
async function fewMatchesLikely(ctx: DataContext, applicationId: string, base: SQL, search: SQL, upTo: number): Promise<boolean> {
  const active = (await allFacetGroups(ctx.db, applicationId)).reduce((sum, g) => sum + g.n, 0);
  if (active <= upTo) return true;
  const { rows } = await run<{ seen: number; hits: number }>(
    ctx.db,
    sql`select count(*)::int as seen, count(*) filter (where ${search})::int as hits
        from accounts a tablesample system (1) repeatable (0) where ${base}`,
  );
  const { seen, hits } = rows[0]!;
  // a margin: an estimate near the limit is as likely to overflow as not
  return seen > 0 && (hits / seen) * active <= upTo * 0.75;
}

/**
 * A search in one statement: its matches are read once (at 1,000,000 accounts they lie one to a heap
 * page, and that reading is the cost), then counted by situation and link status, and the page sorted
 * from them. Beyond `upTo` matches, gathering them all costs more than walking the sort's index for the
 * page beside a count, and null is returned after reading only `upTo` + 1.
 */
async function searchInOnePass(
  ctx: DataContext,
  query: ReconcileQuery,
  matched: SQL,
  upTo: number,
): Promise<{ page: PageRow[]; groups: FacetGroup[] } | null> {
  const dir = sql.raw(query.dir === 'desc' ? 'desc' : 'asc');
  const key = sql.raw(query.sort === 'user' ? 'lower(i.display_name) collate "C"' : sortExpressions[query.sort]);
  const { rows } = await run<Partial<PageRow> & { groups: FacetGroup[] | null; overflow: boolean; sort_key: unknown }>(
    ctx.db,
    sql`with m as materialized (
          select a.id, a.situation, a.link_status, ${key} as sort_key
          from accounts a ${query.sort === 'user' ? sql`left join identities i on i.id = a.linked_identity_id` : sql``}
          where ${matched} limit ${upTo + 1}
        ),
        page as (
          select a.id, a.sort_key from m a where ${facetCondition(query)}
          order by a.sort_key ${dir} nulls last, a.id ${dir} limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}
        ),
        summary as (
          select (select count(*) from m) > ${upTo} as overflow,
                 (select json_agg(json_build_object('situation', situation, 'link_status', link_status, 'n', n))
                  from (select situation, link_status, count(*)::int as n from m group by situation, link_status) g) as groups
        )
        select s.overflow, s.groups, r.* from summary s
        left join lateral (
          select ${rowColumns}, p.sort_key from page p join accounts a on a.id = p.id
          left join identities i on i.id = a.linked_identity_id
          where not s.overflow
        ) r on true
        order by r.sort_key ${dir} nulls last, r.id ${dir}`,
  );
  const summary = rows[0]!;
  if (summary.overflow) return null;
  return {
    page: rows.filter((r) => r.id != null).map(({ overflow: _o, groups: _g, sort_key: _s, ...row }) => row as PageRow),
    groups: summary.groups ?? [],
  };
}

/**
 * The reconciliation table of one application: one query for the page (explicit columns, the linked
 * identity joined for the User column) and one GROUP BY for the total and the faceted counts, run
 * together; a search with few matches answers both in one pass over them (searchInOnePass).
 * `onePassUpTo` moves that limit, for tests.
 */
export async function listReconciliation(
  ctx: DataContext,
  applicationId: string,
  query: ReconcileQuery,
  { onePassUpTo = ONE_PASS_MATCHES }: { onePassUpTo?: number } = {},
): Promise<ReconcileResult> {
  await authorizeForApplication(ctx.db, ctx.actor, applicationId, 'viewer');
  const base = sql`a.application_id = ${applicationId} and a.status = 'active'`;
  const search = searchCondition(query.q);
  const searched =
    query.q && (await fewMatchesLikely(ctx, applicationId, base, search, onePassUpTo))
      ? await searchInOnePass(ctx, query, sql`${base} and ${search}`, onePassUpTo)
      : null;
  if (searched) return reconcileResult(searched.page, searched.groups, query);

  const order = sql.raw(`${sortExpressions[query.sort]} ${query.dir === 'desc' ? 'desc' : 'asc'} nulls last, a.id ${query.dir === 'desc' ? 'desc' : 'asc'}`);
  const where = sql`${base} and ${search} and ${facetCondition(query)}`;

  // Without a search the counts come from a few delta rows: read them first, and when the filters leave
  // few accounts, gather those few and sort them rather than walk the sort's index past every other
  // (with none left, that walk would read the whole application to find nothing).
  const filtered = query.situation.length > 0 || query.status.length > 0;
  const known = !query.q && filtered ? await facetGroups(ctx, applicationId, base, query.q) : null;
  const sizes = known ? facetTotals(known, query) : null;
  const pageQuery =
    sizes && fewAmongMany(sizes, query)
      ? pageIdsOfFew(where, query)
      : query.sort === 'user'
        ? pageIdsByUser(where, query)
        : pageIds(where, order, query);
  const [page, groups] = await Promise.all([
    sizes?.matching === 0
      ? { rows: [] }
      : run<PageRow>(
          ctx.db,
          sql`with page as (${pageQuery})
              select ${rowColumns}
              from page p join accounts a on a.id = p.id left join identities i on i.id = a.linked_identity_id
              order by ${order}`,
        ),
    known ?? facetGroups(ctx, applicationId, base, query.q),
  ]);
  return reconcileResult(page.rows, groups, query);
}

/** The page's rows, and the total and faceted counts that the filters make of the facet groups. */
function reconcileResult(pageRows: readonly PageRow[], groups: readonly FacetGroup[], query: ReconcileQuery): ReconcileResult {
  const counts = {
    situation: noSituations(),
    status: Object.fromEntries(linkStatuses.map((s) => [s, 0])) as Record<LinkStatus, number>,
  };
  const keeps = facetFilter(query);
  for (const g of groups) {
    if (keeps.status(g.link_status)) counts.situation[g.situation] += g.n;
    if (keeps.situation(g.situation)) counts.status[g.link_status] += g.n;
  }
  const within = (situation: Situation, linkStatus: LinkStatus) =>
    groups
      .filter((g) => g.situation === situation && g.link_status === linkStatus && keeps.situation(g.situation) && keeps.status(g.link_status))
      .reduce((sum, g) => sum + g.n, 0);
  return {
    rows: pageRows.map(({ userId, userDisplayName, userEmail, userUsername, userStatus, ...row }) => ({
      ...row,
      candidateCount: Number(row.candidateCount),
      user: userId ? { id: userId, displayName: userDisplayName, email: userEmail, username: userUsername, status: userStatus ?? 'active' } : null,
    })),
    total: facetTotals(groups, query).matching,
    counts,
    confirmable: within('exact_match', 'needs_confirmation'),
    creatable: within('no_match', 'unlinked'),
  };
}
