import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, APIResponse, Browser } from '@playwright/test';
import { accountsCsv, createApplicationAsAdmin, expect, newApplication, storageStates, test, uniqueSuffix, type FeedAccount } from './more-fixtures';

/**
 * The upload API over HTTP against the production build: every status code of
 * `POST /api/v1/applications/{slug}/feeds`, `GET /api/v1/imports/{id}` and
 * `GET /api/v1/applications/{slug}/accounts`, with tokens of the wrong application and oversized and
 * hostile bodies. The demo token (CONCORD_DEMO_TOKEN in playwright.config.ts) belongs to hr and crm,
 * whose data other specs share: against crm this spec only dry-runs and reads. Real imports go to a
 * target application of its own, with a token created through its Settings page.
 */

/** The fixed test value playwright.config.ts hands the e2e server as CONCORD_DEMO_TOKEN. */
const demoToken = 'e2e-demo-token-0123456789abcdefghijklmnopqrstuvwxyz';
/** UPLOAD_MAX_BYTES of the e2e server (playwright.config.ts). */
const uploadMaxBytes = 5_000_000;

type ErrorBody = { error: { code: string; message: string; field?: string; row?: number }; import?: ImportBody };
type ImportBody = { id: string; application: string; status: string; dryRun: boolean; counts: Record<string, number> | null };

function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`./fixtures/api/${name}`, import.meta.url)));
}

async function expectError(response: APIResponse, status: number, code: string): Promise<ErrorBody> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  const body = JSON.parse(text) as ErrorBody;
  expect(body.error.code, text).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

async function expectImport(response: APIResponse, status: number): Promise<ImportBody> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  return (JSON.parse(text) as { import: ImportBody }).import;
}

/** Creates an upload token on the application's Settings page as the demo admin; returns the secret shown once. */
async function createTokenAsAdmin(browser: Browser, slug: string): Promise<string> {
  const context = await browser.newContext({ storageState: storageStates.admin });
  try {
    const page = await context.newPage();
    await page.goto(`/applications/${slug}/settings`);
    const form = page.getByRole('form', { name: 'Create an upload token' });
    await form.getByRole('textbox', { name: 'Token name' }).fill('E2E API');
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByRole('textbox', { name: 'New token' });
    await expect(secret).not.toHaveValue('');
    return await secret.inputValue();
  } finally {
    await context.close();
  }
}

function people(count: number, run: string): FeedAccount[] {
  return Array.from({ length: count }, (_, i) => ({
    username: `api.${run}.${i}`,
    email: `api.${run}.${i}@api-e2e.example`,
    displayName: `Api ${run} ${i}`,
  }));
}

test.describe.configure({ mode: 'serial' });

test.describe('upload API', () => {
  const app = newApplication('api', 'target');
  const run = uniqueSuffix();
  let token = '';
  let anonymous: APIRequestContext;
  const feeds = (slug: string) => `/api/v1/applications/${slug}/feeds`;
  const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

  test.beforeAll(async ({ browser, playwright, baseURL }) => {
    await createApplicationAsAdmin(browser, app);
    token = await createTokenAsAdmin(browser, app.slug);
    anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  });

  test.afterAll(async () => {
    await anonymous?.dispose();
  });

  test('401 without a usable token, with the Bearer challenge', async () => {
    const data = accountsCsv(people(1, run));
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Basic x' }, { Authorization: 'Bearer nope' }];
    for (const headers of attempts) {
      const response = await anonymous.post(feeds('crm'), { data, headers: { ...headers, 'Content-Type': 'text/csv' } });
      await expectError(response, 401, 'unauthenticated');
      expect(response.headers()['www-authenticate']).toMatch(/^Bearer /);
    }
  });

  test('a dry run on crm with the demo token stages, applies nothing, and reads back', async () => {
    const response = await anonymous.post(`${feeds('crm')}?dryRun=true`, {
      data: accountsCsv(people(2, run)),
      headers: { ...bearer(demoToken), 'Content-Type': 'text/csv' },
    });
    const staged = await expectImport(response, 201);
    expect(staged).toMatchObject({ application: 'crm', status: 'staged', dryRun: true });

    const read = await expectImport(await anonymous.get(`/api/v1/imports/${staged.id}`, { headers: bearer(demoToken) }), 200);
    expect(read).toMatchObject({ id: staged.id, status: 'staged', dryRun: true });
  });

  test('an application token: apply, replay by Idempotency-Key, conflict, safeguard, and 403 elsewhere', async () => {
    const key = `e2e-${run}`;
    const full = accountsCsv(people(10, run));
    const headers = { ...bearer(token), 'Content-Type': 'text/csv', 'Idempotency-Key': key };

    const applied = await expectImport(await anonymous.post(feeds(app.slug), { data: full, headers }), 201);
    expect(applied.application).toBe(app.slug);
    expect(applied.status).toBe('succeeded');
    expect(applied.counts).toMatchObject({ rowsTotal: 10, accountsAdded: 10, accountsRemoved: 0 });

    const replayed = await expectImport(await anonymous.post(feeds(app.slug), { data: full, headers }), 200);
    expect(replayed.id).toBe(applied.id);

    await expectError(await anonymous.post(feeds(app.slug), { data: accountsCsv(people(9, run)), headers }), 409, 'conflict');

    // 5 of 10: half the accounts would be removed, more than the 20 % safeguard.
    const truncated = accountsCsv(people(5, run));
    const held = await expectError(
      await anonymous.post(feeds(app.slug), { data: truncated, headers: { ...bearer(token), 'Content-Type': 'text/csv' } }),
      409,
      'safeguard',
    );
    expect(held.import?.status).toBe('held');
    const heldRead = await expectImport(await anonymous.get(`/api/v1/imports/${held.import!.id}`, { headers: bearer(token) }), 200);
    expect(heldRead.status).toBe('held');

    await expectError(
      await anonymous.post(`${feeds('crm')}?dryRun=true`, { data: truncated, headers: { ...bearer(token), 'Content-Type': 'text/csv' } }),
      403,
      'forbidden',
    );
    await expectError(await anonymous.get(`/api/v1/imports/${applied.id}`, { headers: bearer(demoToken) }), 403, 'forbidden');
  });

  test('404, 400, 413 and 415 refusals', async () => {
    const csv = { ...bearer(token), 'Content-Type': 'text/csv' };
    const data = accountsCsv(people(1, run));
    await expectError(await anonymous.post(feeds(`no-such-app-${run}`), { data, headers: csv }), 404, 'not_found');

    const maybe = await expectError(await anonymous.post(`${feeds(app.slug)}?dryRun=maybe`, { data, headers: csv }), 400, 'invalid');
    expect(maybe.error.field).toBe('dryRun');
    const longKey = await expectError(
      await anonymous.post(feeds(app.slug), { data, headers: { ...csv, 'Idempotency-Key': 'k'.repeat(201) } }),
      400,
      'invalid',
    );
    expect(longKey.error.field).toBe('Idempotency-Key');
    await expectError(await anonymous.post(feeds(app.slug), { data: Buffer.alloc(0), headers: csv }), 400, 'invalid');

    const big = Buffer.alloc(uploadMaxBytes + 1024, 'a');
    await expectError(
      await anonymous.post(feeds(app.slug), { data: big, headers: { ...csv, 'Content-Length': String(big.byteLength) } }),
      413,
      'too_large',
    );

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await expectError(
      await anonymous.post(feeds(app.slug), { data: pdf, headers: { ...bearer(token), 'Content-Type': 'application/pdf' } }),
      415,
      'unsupported_format',
    );
    await expectError(await anonymous.post(`${feeds(app.slug)}?format=xlsx`, { data, headers: csv }), 415, 'unsupported_format');
  });

  test('422 for a billion-laughs XML and invalid UTF-8; the server keeps answering', async () => {
    const xml = await expectError(
      await anonymous.post(feeds(app.slug), { data: fixture('billion-laughs.xml'), headers: { ...bearer(token), 'Content-Type': 'application/xml' } }),
      422,
      'import_failed',
    );
    expect(xml.import?.status).toBe('failed');
    expect((await anonymous.get('/api/health')).status()).toBe(200);

    const invalid = Buffer.concat([Buffer.from('username,email,display_name\nbad.'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(',bad@example.com,Bad\n')]);
    const utf8 = await expectError(
      await anonymous.post(feeds(app.slug), { data: invalid, headers: { ...bearer(token), 'Content-Type': 'text/csv' } }),
      422,
      'import_failed',
    );
    expect(utf8.import?.status).toBe('failed');
  });

  test('the accounts export of crm as CSV and JSON', async () => {
    const response = await anonymous.get('/api/v1/applications/crm/accounts?format=csv&situation=no_match', { headers: bearer(demoToken) });
    const text = await response.text();
    expect(response.status(), text).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '');
    expect(lines[0]).toBe('account_key,account,username,email,situation,status,user_email,user_username');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^=/);
    }

    await expectError(await anonymous.get('/api/v1/applications/crm/accounts?sort=password', { headers: bearer(demoToken) }), 400, 'invalid');

    const json = await anonymous.get('/api/v1/applications/crm/accounts?format=json', { headers: bearer(demoToken) });
    expect(json.status(), await json.text()).toBe(200);
    expect(Array.isArray(await json.json())).toBe(true);
  });
});
