import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Browser } from '@playwright/test';
import { demoData } from '../db/demo-data';
import { test as base, expect, demo, storageStates } from './fixtures';
import { ApplicationsPage } from './pages/applications-page';

/**
 * Fixtures and helpers on top of e2e/fixtures.ts: HTTP clients signed in as the demo admin, the demo
 * viewer or nobody (from the setup project's stored sessions, never a new sign-in), unique names for
 * the data a spec creates, and a quick way to give a spec a target application of its own.
 */

type MoreFixtures = {
  /** HTTP requests with the demo admin's session cookies. */
  adminRequest: APIRequestContext;
  /** HTTP requests with the demo viewer's session cookies. */
  viewerRequest: APIRequestContext;
  /** HTTP requests without any session. */
  anonymousRequest: APIRequestContext;
};

export const test = base.extend<MoreFixtures>({
  adminRequest: async ({ playwright, baseURL }, provide) => {
    const request = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
    await provide(request);
    await request.dispose();
  },
  viewerRequest: async ({ playwright, baseURL }, provide) => {
    const request = await playwright.request.newContext({ baseURL, storageState: storageStates.viewer });
    await provide(request);
    await request.dispose();
  },
  anonymousRequest: async ({ playwright, baseURL }, provide) => {
    const request = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    await provide(request);
    await request.dispose();
  },
});

export { expect, demo, storageStates };

/** A short random suffix, lower-case letters and digits: unique names for what one test creates. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** A feed file under e2e/fixtures/, with `__RUN__` replaced so that every run brings its own people. */
export function fixtureFeed(name: string, run: string): string {
  const text = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
  return text.replaceAll('__RUN__', run);
}

/** The path of a feed file under e2e/fixtures/, to hand to a file input as it is. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

export type NewApplication = { name: string; slug: string; role: 'source' | 'target' };

/** A fresh application's name and slug: `E2E <label> <suffix>` / `e2e-<label>-<suffix>`. */
export function newApplication(label: string, role: NewApplication['role']): NewApplication {
  const suffix = uniqueSuffix();
  return { name: `E2E ${label} ${suffix}`, slug: `e2e-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${suffix}`, role };
}

/**
 * Creates an application through the Applications page as the demo admin, in a browser context of
 * its own (usable from `beforeAll`), and closes that context again.
 */
export async function createApplicationAsAdmin(browser: Browser, app: NewApplication): Promise<void> {
  const context = await browser.newContext({ storageState: storageStates.admin });
  try {
    const applications = new ApplicationsPage(await context.newPage());
    await applications.goto();
    await applications.create(app);
  } finally {
    await context.close();
  }
}

/** Uploads a feed through the upload API (as the browser's upload card does) and returns the import's id. */
export async function uploadFeedThroughApi(request: APIRequestContext, slug: string, fileName: string, csv: string): Promise<string> {
  const response = await request.post(`/api/applications/${slug}/uploads`, {
    data: csv,
    headers: { 'content-type': 'text/csv', 'x-file-name': fileName },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { import: { id: string } };
  return body.import.id;
}

/** A person of the demo HR feed, an identity in the seeded database. */
export type DemoPerson = (typeof demoData.people)[number];

/**
 * Demo people that are safe to use as one account's single exact match: an e-mail of their own (not
 * a shared mailbox) and a display name no other person has, so "Assign <name>" is unambiguous.
 */
export function distinctDemoPeople(): DemoPerson[] {
  const count = (pick: (p: DemoPerson) => string) => {
    const seen = new Map<string, number>();
    for (const p of demoData.people) seen.set(pick(p), (seen.get(pick(p)) ?? 0) + 1);
    return seen;
  };
  const emails = count((p) => p.email);
  const names = count((p) => p.displayName);
  return demoData.people.filter((p) => emails.get(p.email) === 1 && names.get(p.displayName) === 1);
}

/** The demo people who share one team mailbox as their e-mail: matching finds them all for it. */
export function demoMailboxPeople(local: 'sales' | 'support'): DemoPerson[] {
  return demoData.people.filter((p) => p.email === `${local}@northwind.example`);
}

export type FeedAccount = { username: string; email: string; displayName: string };

/** A target feed as CSV: username, email, display_name. */
export function accountsCsv(accounts: readonly FeedAccount[]): string {
  const field = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return ['username,email,display_name', ...accounts.map((a) => [a.username, a.email, a.displayName].map(field).join(','))].join('\n') + '\n';
}

/** An account of a target application that matching links exactly to this demo person (by e-mail). */
export function exactAccountFor(person: DemoPerson): FeedAccount {
  return { username: `${person.username}@e2e.example`, email: person.email, displayName: person.displayName };
}

/** An account nobody in the directory matches: a contractor with a unique name. */
export function unmatchedAccount(givenName: string, run: string): FeedAccount {
  const familyName = `Outsider${run}`;
  return {
    username: `${givenName.toLowerCase()}.${familyName.toLowerCase()}@contractors.example`,
    email: `${givenName.toLowerCase()}.${familyName.toLowerCase()}@contractors.example`,
    displayName: `${givenName} ${familyName}`,
  };
}
