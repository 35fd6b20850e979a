import { describe, expect, it } from 'vitest';
import {
  buildDemoData,
  crmColumns,
  crmFeedCsv,
  demoExpected,
  demoManualLinks,
  hrColumns,
  hrFeedCsv,
  hrFeedUpdatedCsv,
  seededRandom,
} from './demo-data';

/** A small RFC 4180 reader, independent of lib/feeds, so the demo data is checked on its own terms. */
function readCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [header = [], ...rows] = records;
  return rows.map((r) => {
    expect(r).toHaveLength(header.length);
    return Object.fromEntries(header.map((h, i) => [h, r[i]!]));
  });
}

const norm = (v: string | undefined) => (v ?? '').trim().toLowerCase();

/** The default matching rules: e-mail = e-mail, then username = username; the first rule with a candidate decides. */
function situations(hr: Record<string, string>[], crm: Record<string, string>[]) {
  const byEmail = new Map<string, string[]>();
  const byUsername = new Map<string, string[]>();
  for (const p of hr) {
    byEmail.set(norm(p.email), [...(byEmail.get(norm(p.email)) ?? []), p.username!]);
    byUsername.set(norm(p.username), [...(byUsername.get(norm(p.username)) ?? []), p.username!]);
  }
  const result = new Map<string, { situation: string; candidates: string[] }>();
  for (const a of crm) {
    const candidates = (norm(a.email) && byEmail.get(norm(a.email))) || (norm(a.username) && byUsername.get(norm(a.username))) || [];
    const situation = candidates.length === 0 ? 'no_match' : candidates.length === 1 ? 'exact_match' : 'multiple_matches';
    result.set(a.username!, { situation, candidates });
  }
  return result;
}

function tally(values: Iterable<string>) {
  const out: Record<string, number> = { exact_match: 0, multiple_matches: 0, no_match: 0, manually_linked: 0 };
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

describe('demo data', () => {
  const hr = readCsv(hrFeedCsv);
  const crm = readCsv(crmFeedCsv);
  const hrUpdated = readCsv(hrFeedUpdatedCsv);

  it('is deterministic: the same seed gives byte-identical feeds, another seed different ones', () => {
    const again = buildDemoData();
    expect(JSON.stringify(again)).toBe(JSON.stringify(buildDemoData()));
    expect(JSON.stringify(buildDemoData(7))).not.toBe(JSON.stringify(again));
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('has an HR feed of ~300 people with unique usernames and employee ids, and ;-separated groups', () => {
    expect(Object.keys(hr[0]!)).toEqual([...hrColumns]);
    expect(hr).toHaveLength(300);
    expect(new Set(hr.map((p) => norm(p.username))).size).toBe(hr.length);
    expect(new Set(hr.map((p) => p.employee_id)).size).toBe(hr.length);
    expect(hr.every((p) => p.email && p.first_name && p.last_name && p.department && p.title)).toBe(true);
    expect(hr.some((p) => p.groups!.split(';').length > 2)).toBe(true);
    expect(hr.some((p) => /[^\x00-\x7f]/.test(p.display_name!))).toBe(true);
    expect(hr.some((p) => p.last_name!.includes("'"))).toBe(true);
  });

  it('produces every situation in the CRM feed, with the expected counts', () => {
    expect(Object.keys(crm[0]!)).toEqual([...crmColumns]);
    expect(new Set(crm.map((a) => norm(a.username))).size).toBe(crm.length);
    const matched = situations(hr, crm);
    const afterImport = tally([...matched.values()].map((m) => m.situation));
    expect(afterImport).toEqual(demoExpected.crm.afterImport);
    expect(crm).toHaveLength(demoExpected.crm.accounts);
    for (const situation of ['exact_match', 'multiple_matches', 'no_match'] as const) {
      expect(afterImport[situation]).toBeGreaterThan(0);
    }
  });

  it('puts e-mail case and whitespace noise on some exact matches, and finds some only by username', () => {
    const matched = situations(hr, crm);
    const hrEmails = new Set(hr.map((p) => p.email));
    const noisy = crm.filter((a) => matched.get(a.username!)!.situation === 'exact_match' && a.email !== a.email!.trim().toLowerCase() && !hrEmails.has(a.email!));
    expect(noisy.some((a) => a.email !== a.email!.trim())).toBe(true);
    expect(noisy.some((a) => a.email!.trim() !== a.email!.trim().toLowerCase())).toBe(true);
    const byUsernameOnly = crm.filter((a) => !hr.some((p) => norm(p.email) === norm(a.email)) && matched.get(a.username!)!.situation === 'exact_match');
    expect(byUsernameOnly.length).toBeGreaterThan(0);
  });

  it('builds multiple matches from shared mailboxes carried by several HR people', () => {
    const multiple = [...situations(hr, crm).entries()].filter(([, m]) => m.situation === 'multiple_matches');
    expect(multiple.length).toBe(demoExpected.crm.afterImport.multiple_matches);
    for (const [, m] of multiple) expect(m.candidates.length).toBeGreaterThanOrEqual(2);
  });

  it('names manual links that are exact matches, and moves them to manually_linked after the seed', () => {
    const matched = situations(hr, crm);
    expect(demoManualLinks.length).toBeGreaterThan(0);
    for (const username of demoManualLinks) expect(matched.get(username)?.situation).toBe('exact_match');
    const afterSeed = tally([...matched.entries()].map(([u, m]) => (demoManualLinks.includes(u) ? 'manually_linked' : m.situation)));
    expect(afterSeed).toEqual(demoExpected.crm.afterSeed);
  });

  it('has a second HR feed with changed titles, two leavers and one joiner', () => {
    const before = new Map(hr.map((p) => [p.username!, p]));
    const after = new Map(hrUpdated.map((p) => [p.username!, p]));
    const removed = [...before.keys()].filter((u) => !after.has(u));
    const added = [...after.keys()].filter((u) => !before.has(u));
    const updated = [...after.keys()].filter((u) => before.has(u) && JSON.stringify(before.get(u)) !== JSON.stringify(after.get(u)));
    expect(removed.sort()).toEqual([...demoExpected.hrUpdate.leavers].sort());
    expect(added).toEqual([demoExpected.hrUpdate.joiner]);
    expect(updated.sort()).toEqual([...demoExpected.hrUpdate.changedTitles].sort());
    for (const u of updated) {
      const changed = Object.keys(after.get(u)!).filter((k) => after.get(u)![k] !== before.get(u)![k]);
      expect(changed).toEqual(['title']);
    }
    expect({ added: added.length, updated: updated.length, removed: removed.length, unchanged: after.size - added.length - updated.length }).toEqual({
      added: demoExpected.hrUpdate.added,
      updated: demoExpected.hrUpdate.updated,
      removed: demoExpected.hrUpdate.removed,
      unchanged: demoExpected.hrUpdate.unchanged,
    });
    // The joiner's employee id is new too.
    expect(hr.some((p) => p.employee_id === after.get(demoExpected.hrUpdate.joiner)!.employee_id)).toBe(false);
  });
});
