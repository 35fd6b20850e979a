/**
 * `npm run load`: drives a running production build with concurrent admins for a while — browsing
 * pages, filtering, searching, sorting and paging the reconciliation table through its URLs, and
 * acting on accounts (confirm, unlink, ignore) through the JSON action route — then checks in the
 * database that every acknowledged action took effect (none lost) and reports throughput, p50/p95
 * per kind and errors. Needs the server's Postgres (DATABASE_URL) to pick accounts and to verify.
 *
 *   DATABASE_URL=postgres://… npm run demo                       # one terminal
 *   DATABASE_URL=postgres://… npm run load -- --seed=20000 --admins=8 --duration=60
 *
 * Options: --url (default http://localhost:$PORT), --admins, --duration (seconds), --seed=N (first
 * imports N synthetic identities and accounts into applications load-hr / load-crm and creates the
 * admins), --slug (the target application, default load-crm), --no-save.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, type Db } from '@/db/client';
import { run } from '@/db/sql';
import { databaseTarget, env } from '@/lib/env';
import { percentile } from '@/bench/figures';
import { loadReport, saveLoadReport, type KindStats, type LoadResult } from '@/bench/load-report';
import { seedLoad, loadAdmins, type LoadAdmin } from '@/bench/load-seed';
import { scriptEnv } from './lib/script-env';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const baseUrl = (option('url') ?? `http://localhost:${scriptEnv().port}`).replace(/\/$/, '');
const adminCount = Number(option('admins') ?? 8);
const durationSeconds = Number(option('duration') ?? 60);
const seedSize = Number(option('seed') ?? 0);
const slug = option('slug') ?? 'load-crm';
const save = !process.argv.includes('--no-save');

type Account = { id: string; version: number; linkStatus: string; situation: string };
type Ack = { accountId: string; action: string; version: number; linkStatus: string };
type Sample = { kind: string; ms: number; outcome: 'ok' | 'conflict' | 'error'; detail?: string };

/** A tiny cookie jar: next-auth's csrf and session cookies. */
class Session {
  private cookies = new Map<string, string>();
  constructor(readonly admin: LoadAdmin) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(`${baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }

  /** next-auth credentials sign-in: the CSRF token, then the callback with e-mail and password. */
  async signIn(): Promise<void> {
    const { csrfToken } = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken, email: this.admin.email, password: this.admin.password, callbackUrl: `${baseUrl}/`, json: 'true' });
    await this.fetch('/api/auth/callback/credentials', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (![...this.cookies.keys()].some((k) => k.endsWith('next-auth.session-token'))) throw new Error(`Signing in as ${this.admin.email} failed.`);
  }
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

function browsePaths(): string[] {
  const table = `/applications/${slug}/reconcile`;
  return [
    table,
    `${table}?q=smith`,
    `${table}?situation=no_match`,
    `${table}?situation=exact_match&status=needs_confirmation`,
    `${table}?sort=user&dir=desc`,
    `${table}?sort=account&dir=desc&page=20`,
    `${table}?q=garcia&situation=exact_match`,
  ];
}
const pagePaths = ['/applications', `/applications/${slug}/imports`, '/identities', '/audit'];

/** The action the table would offer for an account in this state. */
function actionFor(account: Account): 'confirm' | 'unlink' | 'ignore' {
  if (account.linkStatus === 'needs_confirmation') return pick(['confirm', 'confirm', 'ignore']);
  if (account.linkStatus === 'linked' || account.linkStatus === 'ignored') return 'unlink';
  return 'ignore';
}

async function worker(session: Session, accounts: Account[], deadline: number, samples: Sample[], acks: Ack[], db: Db): Promise<void> {
  while (Date.now() < deadline) {
    const roll = Math.random();
    const started = performance.now();
    if (roll < 0.6) {
      const kind = roll < 0.45 ? 'table' : 'page';
      const path = kind === 'table' ? pick(browsePaths()) : pick(pagePaths);
      try {
        const response = await session.fetch(path);
        await response.arrayBuffer();
        samples.push({ kind, ms: performance.now() - started, outcome: response.status === 200 ? 'ok' : 'error', detail: `${response.status} ${path}` });
      } catch (error) {
        samples.push({ kind, ms: performance.now() - started, outcome: 'error', detail: `${String(error)} ${path}` });
      }
      continue;
    }
    const account = pick(accounts);
    const action = actionFor(account);
    try {
      const response = await session.fetch(`/api/accounts/${account.id}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action, version: account.version }),
      });
      const body = (await response.json()) as { version: number; linkStatus: string; situation: string };
      const ms = performance.now() - started;
      if (response.status === 200) {
        acks.push({ accountId: account.id, action, version: body.version, linkStatus: body.linkStatus });
        Object.assign(account, { version: body.version, linkStatus: body.linkStatus, situation: body.situation });
        samples.push({ kind: 'action', ms, outcome: 'ok' });
      } else if (response.status === 409) {
        // Another admin acted first: as the page would, reload the account and carry on.
        Object.assign(account, await readAccount(db, account.id));
        samples.push({ kind: 'action', ms, outcome: 'conflict' });
      } else {
        samples.push({ kind: 'action', ms, outcome: 'error', detail: `${response.status} ${JSON.stringify(body)}` });
      }
    } catch (error) {
      samples.push({ kind: 'action', ms: performance.now() - started, outcome: 'error', detail: String(error) });
    }
  }
}

async function readAccount(db: Db, id: string): Promise<Account> {
  const { rows } = await run<Account>(db, sql`select id, version, link_status as "linkStatus", situation from accounts where id = ${id}`);
  return rows[0]!;
}

/** Every acknowledged action must show: the account's latest version and state, and one audit entry each. */
async function verify(db: Db, acks: Ack[], since: Date): Promise<{ lost: number; audited: number }> {
  const latest = new Map<string, Ack>();
  for (const ack of acks) if ((latest.get(ack.accountId)?.version ?? 0) < ack.version) latest.set(ack.accountId, ack);
  let lost = 0;
  for (const ack of latest.values()) {
    const now = await readAccount(db, ack.accountId);
    if (now.version !== ack.version || now.linkStatus !== ack.linkStatus) {
      lost++;
      console.error(`LOST: account ${ack.accountId} is at version ${now.version} (${now.linkStatus}), acknowledged ${ack.version} (${ack.linkStatus})`);
    }
  }
  const { rows } = await run<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_entries
        where at >= ${since.toISOString()}::timestamptz and action in ('account.confirm', 'account.unlink', 'account.ignore')
          and subject_id = any(${sql.param([...latest.keys()])}::text[])`,
  );
  const audited = rows[0]!.n;
  if (audited !== acks.length) lost += Math.abs(acks.length - audited);
  return { lost, audited };
}

async function main(): Promise<void> {
  const target = databaseTarget(env());
  if (target.driver === 'pglite') throw new Error('npm run load needs the server on Postgres: set DATABASE_URL (the same as the server’s).');
  const handle = await openDatabase(target);
  try {
    if (seedSize > 0) await seedLoad(handle.db, seedSize, adminCount);
    const admins = await loadAdmins(handle.db, adminCount);
    const { rows: accounts } = await run<Account>(
      handle.db,
      sql`select a.id, a.version, a.link_status as "linkStatus", a.situation from accounts a join applications p on p.id = a.application_id
          where p.slug = ${slug} and a.status = 'active' order by random() limit 2000`,
    );
    if (accounts.length === 0) throw new Error(`Application "${slug}" has no active accounts: run with --seed=20000 first.`);
    const sessions = admins.map((admin) => new Session(admin));
    await Promise.all(sessions.map((s) => s.signIn()));
    console.log(`${sessions.length} admins signed in at ${baseUrl}; ${durationSeconds} s on ${slug} (${accounts.length} accounts in play)…`);

    const since = new Date(Date.now() - 1000);
    const samples: Sample[] = [];
    const acks: Ack[] = [];
    const started = Date.now();
    const deadline = started + durationSeconds * 1000;
    await Promise.all(sessions.map((s) => worker(s, accounts, deadline, samples, acks, handle.db)));
    const seconds = (Date.now() - started) / 1000;
    const { lost, audited } = await verify(handle.db, acks, since);

    const kinds: KindStats[] = ['page', 'table', 'action'].map((kind) => {
      const mine = samples.filter((s) => s.kind === kind);
      const times = mine.map((s) => s.ms).sort((a, b) => a - b);
      return {
        kind,
        requests: mine.length,
        perSecond: mine.length / seconds,
        p50: percentile(times, 0.5),
        p95: percentile(times, 0.95),
        errors: mine.filter((s) => s.outcome === 'error').length,
        conflicts: mine.filter((s) => s.outcome === 'conflict').length,
      };
    });
    const errors = samples.filter((s) => s.outcome === 'error');
    for (const e of errors.slice(0, 10)) console.error(`error (${e.kind}): ${e.detail}`);
    const result: LoadResult = {
      at: new Date(started).toISOString(),
      url: baseUrl,
      admins: sessions.length,
      seconds,
      slug,
      kinds,
      acknowledged: acks.length,
      audited,
      lost,
      errors: errors.length,
    };
    console.log(loadReport(result));
    if (save) console.log(`Saved ${saveLoadReport(result, process.cwd()).join(', ')}.`);
    if (errors.length > 0 || lost > 0) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

await main();
