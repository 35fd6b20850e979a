import 'server-only';
import { sql } from 'drizzle-orm';
import { run } from '@/db/sql';
import type { AccountStatus, IdentityStatus, ImportStatus, LinkStatus, Situation } from '@/lib/enums';
import type { MappedAccount } from '@/lib/feeds';
import type { MatchAttribute, MatchingRule } from '@/lib/matching/rules';
import { authorize, authorizeForApplication } from './actor';
import type { DataContext } from './context';
import { accountAddedChange } from './import-pipeline/apply';
import { isUuid } from './import-pipeline/queries';

/** How many feeds, changes and audit entries the account's page lists, newest first. */
export const ACCOUNT_HISTORY_LIMIT = 100;

/** The mapped attributes of an account (or of a row received for it), standard ones first. */
export type AccountValues = Omit<MappedAccount, 'row' | 'key'>;

export type IdentityRef = {
  id: string;
  label: string;
  username: string | null;
  email: string | null;
  employeeId: string | null;
  displayName: string | null;
  status: IdentityStatus;
};

export type AccountCandidate = IdentityRef & {
  /** The rule that found it (the account's first rule with any candidate), and its index in the application's rules. */
  rule: MatchingRule | null;
  ruleIndex: number | null;
  /** The identity's value for the rule's identity attribute, and the account's for its account attribute. */
  identityValue: string | null;
  accountValue: string | null;
};

export type ReceivedRow = { importId: string; importStatus: ImportStatus; receivedAt: Date; row: number; values: AccountValues };
export type AccountChangeEntry = { id: number; importId: string; at: Date; kind: 'add' | 'update' | 'remove' | 'restore'; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
export type AccountAuditEntry = { id: number; at: Date; actor: string; action: string; summary: string; before: unknown; after: unknown };

export type AccountDetail = AccountValues & {
  id: string;
  key: string;
  label: string;
  applicationId: string;
  applicationSlug: string;
  applicationName: string;
  status: AccountStatus;
  situation: Situation;
  linkStatus: LinkStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  linkedIdentity: IdentityRef | null;
  candidates: AccountCandidate[];
  /** Rows received for this account's key in this application's feeds, newest first (at most ACCOUNT_HISTORY_LIMIT). */
  received: ReceivedRow[];
  receivedTotal: number;
  /** Feeds applied since the newest row kept for it that repeated the account unchanged (they keep no row). */
  repeatedUnchanged: number;
  changes: AccountChangeEntry[];
  audit: AccountAuditEntry[];
};

type AccountRow = Omit<AccountDetail, 'linkedIdentity' | 'candidates' | 'received' | 'receivedTotal' | 'repeatedUnchanged' | 'changes' | 'audit'> & {
  linkedIdentityId: string | null;
  candidateIds: string[];
  matchedRule: number | null;
  matchingRules: MatchingRule[];
};

const values = (alias: string) =>
  sql.raw(`${alias}.username, ${alias}.email, ${alias}.display_name as "displayName", ${alias}.given_name as "givenName",
           ${alias}.family_name as "familyName", ${alias}.employee_id as "employeeId",
           coalesce(${alias}.groups, '{}'::text[]) as groups, coalesce(${alias}.attributes, '{}'::jsonb) as attributes`);

const identityColumns = sql`id, coalesce(display_name, email, username, id::text) as label, username, email,
                             employee_id as "employeeId", display_name as "displayName", status`;

const pickValues = (row: AccountValues): AccountValues => ({
  username: row.username,
  email: row.email,
  displayName: row.displayName,
  givenName: row.givenName,
  familyName: row.familyName,
  employeeId: row.employeeId,
  groups: row.groups,
  attributes: row.attributes,
});

/**
 * One account with everything that explains it: its values and link, its candidates with the rule
 * that found each, the data received for it in every feed, and its history (import changes and
 * admins' actions). Viewer-level; null for an unknown account.
 */
export async function getAccountDetail(ctx: DataContext, accountId: string): Promise<AccountDetail | null> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  if (!isUuid(accountId)) return null;
  const { rows } = await run<AccountRow>(
    ctx.db,
    sql`select a.id, a.key, a.label, a.application_id as "applicationId", ap.slug as "applicationSlug", ap.name as "applicationName",
               ${values('a')}, a.status, a.situation, a.link_status as "linkStatus", a.version, a.created_at as "createdAt",
               a.updated_at as "updatedAt", a.linked_identity_id as "linkedIdentityId", a.candidate_ids as "candidateIds",
               a.matched_rule as "matchedRule", ap.matching_rules as "matchingRules"
        from accounts a join applications ap on ap.id = a.application_id where a.id = ${accountId}`,
  );
  const account = rows[0];
  if (!account) return null;
  await authorizeForApplication(ctx.db, ctx.actor, account.applicationId, 'viewer');

  const identityIds = [...new Set([...account.candidateIds, ...(account.linkedIdentityId ? [account.linkedIdentityId] : [])])];
  const [identities, received, receivedTotal, repeatedUnchanged, changes, audit] = await Promise.all([
    run<IdentityRef>(ctx.db, sql`select ${identityColumns} from identities where id = any(${sql.param(identityIds)}::uuid[])`),
    run<Omit<ReceivedRow, 'values'> & AccountValues>(
      ctx.db,
      sql`select r.import_id as "importId", i.status as "importStatus", coalesce(i.started_at, i.created_at) as "receivedAt", r.row, ${values('r')}
          from imports i join import_rows r on r.import_id = i.id
          where i.application_id = ${account.applicationId} and r.key = ${account.key}
          order by i.created_at desc, r.row limit ${ACCOUNT_HISTORY_LIMIT}`,
    ),
    run<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from imports i join import_rows r on r.import_id = i.id
          where i.application_id = ${account.applicationId} and r.key = ${account.key}`,
    ),
    // Feeds keep no row that repeats its account unchanged (import-pipeline/known-accounts), and an applied
    // feed that did not list an active account removed it: so every feed applied after the newest kept
    // row (and before the account's removal, if it was removed) repeated it unchanged.
    run<{ n: number }>(
      ctx.db,
      sql`with latest as (
            select max(fi.finished_at) as at from import_rows r join imports fi on fi.id = r.import_id
            where fi.application_id = ${account.applicationId} and r.key = ${account.key} and fi.status in ('succeeded', 'partial')
          ),
          removal as (
            select ri.finished_at as at from accounts a join imports ri on ri.id = a.last_changed_import_id
            where a.id = ${account.id} and a.status = 'removed'
          )
          select count(*)::int as n from imports i, latest
          where i.application_id = ${account.applicationId} and i.status in ('succeeded', 'partial') and i.finished_at > latest.at
            and i.finished_at < coalesce((select at from removal), 'infinity')`,
    ),
    run<AccountChangeEntry>(
      ctx.db,
      sql`select * from (
            select c.id, c.import_id as "importId", coalesce(i.started_at, i.created_at) as at, c.kind::text, c.before, c.after
            from import_changes c join imports i on i.id = c.import_id
            where c.account_id = ${account.id}
            union all ${accountAddedChange(account.id)}
          ) h order by h.id desc limit ${ACCOUNT_HISTORY_LIMIT}`,
    ),
    run<AccountAuditEntry>(
      ctx.db,
      sql`select id, at, actor, action, summary, before, after from audit_entries
          where subject_type = 'account' and subject_id = ${account.id} order by at desc, id desc limit ${ACCOUNT_HISTORY_LIMIT}`,
    ),
  ]);

  const byId = new Map(identities.rows.map((identity) => [identity.id, identity]));
  const rule = account.matchedRule === null ? null : (account.matchingRules[account.matchedRule] ?? null);
  const candidates = account.candidateIds.flatMap((id) => {
    const identity = byId.get(id);
    if (!identity) return [];
    return [
      {
        ...identity,
        rule,
        ruleIndex: rule ? account.matchedRule : null,
        identityValue: rule ? identityValue(identity, rule.identity) : null,
        accountValue: rule ? accountValue(account, rule.account) : null,
      },
    ];
  });
  const date = (value: Date | string) => new Date(value);
  return {
    ...pickValues(account),
    id: account.id,
    key: account.key,
    label: account.label,
    applicationId: account.applicationId,
    applicationSlug: account.applicationSlug,
    applicationName: account.applicationName,
    status: account.status,
    situation: account.situation,
    linkStatus: account.linkStatus,
    version: account.version,
    createdAt: date(account.createdAt),
    updatedAt: date(account.updatedAt),
    linkedIdentity: account.linkedIdentityId ? (byId.get(account.linkedIdentityId) ?? null) : null,
    candidates,
    received: received.rows.map((r) => ({ importId: r.importId, importStatus: r.importStatus, receivedAt: date(r.receivedAt), row: r.row, values: pickValues(r) })),
    receivedTotal: receivedTotal.rows[0]?.n ?? 0,
    repeatedUnchanged: repeatedUnchanged.rows[0]?.n ?? 0,
    changes: changes.rows.map((c) => ({ ...c, id: Number(c.id), at: date(c.at) })),
    audit: audit.rows.map((e) => ({ ...e, id: Number(e.id), at: date(e.at) })),
  };
}

function identityValue(identity: IdentityRef, attribute: MatchAttribute): string | null {
  return identity[attribute];
}

function accountValue(account: AccountValues, attribute: MatchAttribute): string | null {
  return account[attribute];
}
