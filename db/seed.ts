import { sql } from 'drizzle-orm';
import { confirmLink } from '@/lib/data/account-actions';
import { createAdmin } from '@/lib/data/admins';
import { createApplication } from '@/lib/data/applications';
import type { DataContext } from '@/lib/data/context';
import { createRule } from '@/lib/data/entitlements';
import { runImport } from '@/lib/data/imports';
import { requestLicences, setLicenceLimit } from '@/lib/data/licences';
import type { Result } from '@/lib/errors';
import type { Db } from './client';
import { crmFeedCsv, demoApplications, demoCredentials, demoExpected, demoManualLinks, demoSlackAccess, hrFeedCsv } from './demo-data';
import { run } from './sql';

export type SeedOptions = {
  adminPassword?: string;
  viewerPassword?: string;
  /** Throw when the CRM situations after seeding differ from `demoExpected` (the e2e server sets it). */
  verify?: boolean;
  log?: (line: string) => void;
};

export type SituationCounts = Record<'exact_match' | 'multiple_matches' | 'no_match' | 'manually_linked', number>;

export type SeedResult = { seeded: boolean; crm: SituationCounts };

/**
 * Seeds the demo organisation: an admin and a viewer, Workday HR (source) and Salesforce CRM
 * (target) with one import each, and a few CRM accounts confirmed by hand so every situation shows.
 *
 * Idempotent: when the application `hr` exists it does nothing. Everything goes through the data
 * layer, as the system actor `demo-seed`, so the seed also leaves imports and audit entries behind
 * like a real admin would. A seed interrupted half-way is not resumed: start over with a fresh data
 * folder (`npm run demo -- --reset`).
 */
export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  if (await applicationExists(db, demoApplications.hr.slug)) {
    log('demo organisation already present: nothing to seed');
    return { seeded: false, crm: await crmSituations(db) };
  }
  const ctx: DataContext = { db, actor: { kind: 'system', name: 'demo-seed' } };

  await ensureAdmin(db, { ...demoCredentials.admin, password: options.adminPassword ?? demoCredentials.admin.password, role: 'admin' });
  await ensureAdmin(db, { ...demoCredentials.viewer, password: options.viewerPassword ?? demoCredentials.viewer.password, role: 'viewer' });
  log(`admins: ${demoCredentials.admin.email} (admin), ${demoCredentials.viewer.email} (viewer)`);

  for (const [app, csv] of [
    [demoApplications.hr, hrFeedCsv],
    [demoApplications.crm, crmFeedCsv],
  ] as const) {
    expectOk(await createApplication(ctx, { name: app.name, slug: app.slug, role: app.role }), `create application ${app.slug}`);
    const content = new TextEncoder().encode(csv);
    const outcome = expectOk(
      await runImport(ctx, { applicationSlug: app.slug, content, fileName: `${app.slug}-demo.csv`, trigger: 'manual' }),
      `import the ${app.name} feed`,
    );
    if (outcome.status === 'failed') throw new Error(`demo seed: the ${app.name} import failed: ${outcome.error}`);
    log(`${app.name}: imported ${app.slug}-demo.csv (${content.byteLength} bytes): ${outcome.status}`);
  }

  const toConfirm = await run<{ id: string; version: number }>(
    db,
    sql`select a.id, a.version from accounts a join applications p on p.id = a.application_id
        where p.slug = ${demoApplications.crm.slug} and a.norm_username in (${sql.join(
          demoManualLinks.map((u) => sql`${u.trim().toLowerCase()}`),
          sql`, `,
        )})`,
  );
  if (toConfirm.rows.length !== demoManualLinks.length) {
    throw new Error(`demo seed: expected ${demoManualLinks.length} CRM accounts to confirm, found ${toConfirm.rows.length}`);
  }
  for (const account of toConfirm.rows) {
    expectOk(await confirmLink(ctx, { accountId: account.id, version: Number(account.version) }), `confirm the link of CRM account ${account.id}`);
  }
  log(`Salesforce CRM: confirmed ${toConfirm.rows.length} links by hand`);

  await seedSlackAccess(ctx, log);

  const crm = await crmSituations(db);
  if (options.verify) {
    const expected = demoExpected.crm.afterSeed;
    if (JSON.stringify(crm) !== JSON.stringify({ ...expected })) {
      throw new Error(`demo seed: CRM situations ${JSON.stringify(crm)} differ from the expected ${JSON.stringify(expected)}`);
    }
  }
  return { seeded: true, crm };
}

/** Slack: rules assign the staff, a licence limit, and every assigned identity asks for a licence, in batches by username. */
async function seedSlackAccess(ctx: DataContext, log: (line: string) => void): Promise<void> {
  const { slack } = demoApplications;
  expectOk(await createApplication(ctx, { name: slack.name, slug: slack.slug, role: slack.role }), `create application ${slack.slug}`);
  for (const rule of demoSlackAccess.rules) expectOk(await createRule(ctx, slack.slug, rule), `add the rule for ${rule.groupName} to ${slack.name}`);
  expectOk(await setLicenceLimit(ctx, slack.slug, { limit: demoSlackAccess.licenceLimit }), `set the licence limit of ${slack.name}`);
  const assigned = await run<{ id: string }>(
    ctx.db,
    sql`select s.identity_id as id from assignments s join applications p on p.id = s.application_id
        join identities i on i.id = s.identity_id
        where p.slug = ${slack.slug} and s.status = 'active' order by i.username`,
  );
  // In requests of 50, as people would arrive: the queue's order is the order of the requests.
  let active = 0;
  for (let start = 0; start < assigned.rows.length; start += 50) {
    const batch = assigned.rows.slice(start, start + 50).map((r) => r.id);
    const outcomes = expectOk(await requestLicences(ctx, slack.slug, batch), `request licences in ${slack.name}`);
    active += outcomes.filter((o) => o.licenceState === 'active').length;
  }
  log(`${slack.name}: ${assigned.rows.length} identities assigned by rules, ${active} licences active, ${assigned.rows.length - active} waiting`);
}

async function applicationExists(db: Db, slug: string): Promise<boolean> {
  const { rows } = await run<{ id: string }>(db, sql`select id from applications where slug = ${slug}`);
  return rows.length > 0;
}

/** Creates the admin unless one with that e-mail exists (a seed interrupted after this step). */
async function ensureAdmin(db: Db, admin: { email: string; name: string; password: string; role: 'admin' | 'viewer' }): Promise<void> {
  const { rows } = await run<{ id: string }>(db, sql`select id from admins where lower(email) = lower(${admin.email})`);
  if (rows.length === 0) await createAdmin(db, admin);
}

/** Active CRM accounts per situation, every situation present (0 when none). */
export async function crmSituations(db: Db): Promise<SituationCounts> {
  const { rows } = await run<{ situation: keyof SituationCounts; n: number }>(
    db,
    sql`select a.situation, count(*)::int as n from accounts a join applications p on p.id = a.application_id
        where p.slug = ${demoApplications.crm.slug} and a.status = 'active' group by a.situation`,
  );
  const counts: SituationCounts = { exact_match: 0, multiple_matches: 0, no_match: 0, manually_linked: 0 };
  for (const r of rows) counts[r.situation] = Number(r.n);
  return counts;
}

function expectOk<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo seed: could not ${what}: ${result.error.message} (${result.error.code})`);
  return result.value;
}
