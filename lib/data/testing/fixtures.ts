import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import type { Actor } from '../actor';
import type { DataContext } from '../context';

/** Test fixtures written with plain SQL, so data-layer tests do not depend on the code they test. */
export async function insertAdmin(db: Executor, role: 'admin' | 'viewer'): Promise<Actor> {
  const email = `${role}-${randomUUID()}@concord.test`;
  const { rows } = await run<{ id: string }>(
    db,
    sql`insert into admins (email, name, role) values (${email}, ${role}, ${role}) returning id`,
  );
  return { kind: 'admin', adminId: rows[0]!.id, email };
}

export async function contexts(db: Executor): Promise<{ admin: DataContext; viewer: DataContext }> {
  return { admin: { db, actor: await insertAdmin(db, 'admin') }, viewer: { db, actor: await insertAdmin(db, 'viewer') } };
}

export async function insertApplication(
  db: Executor,
  role: 'source' | 'target',
  rules = [
    { account: 'email', identity: 'email' },
    { account: 'username', identity: 'username' },
  ],
  safeguardThreshold = 0.2,
): Promise<{ id: string; slug: string }> {
  const slug = `app-${randomUUID().slice(0, 8)}`;
  const { rows } = await run<{ id: string }>(
    db,
    sql`insert into applications (slug, name, role, matching_rules, safeguard_threshold)
        values (${slug}, ${slug}, ${role}, ${JSON.stringify(rules)}::jsonb, ${safeguardThreshold}) returning id`,
  );
  return { id: rows[0]!.id, slug };
}

export async function insertIdentity(db: Executor, values: { username: string; email?: string | null; displayName?: string }): Promise<string> {
  const { rows } = await run<{ id: string }>(
    db,
    sql`insert into identities (username, email, display_name) values (${values.username}, ${values.email ?? null}, ${values.displayName ?? values.username}) returning id`,
  );
  return rows[0]!.id;
}

export async function insertAccount(
  db: Executor,
  applicationId: string,
  values: { key: string; username?: string | null; email?: string | null; displayName?: string },
): Promise<string> {
  const { rows } = await run<{ id: string }>(
    db,
    sql`insert into accounts (application_id, key, username, email, display_name, attr_hash)
        values (${applicationId}, ${values.key}, ${values.username === undefined ? values.key : values.username}, ${values.email ?? null},
                ${values.displayName ?? null}, md5(${values.key})) returning id`,
  );
  return rows[0]!.id;
}

export async function accountState(db: Executor, accountId: string) {
  const { rows } = await run<{
    situation: string;
    link_status: string;
    linked_identity_id: string | null;
    candidate_ids: string[];
    matched_rule: number | null;
    version: number;
    settled: boolean;
  }>(db, sql`select situation, link_status, linked_identity_id, candidate_ids, matched_rule, version, settled from accounts where id = ${accountId}`);
  return rows[0]!;
}
