import type { MatchAttribute, MatchingRule } from './rules';

/**
 * The reference definition of matching. The database does the same work set-based in SQL
 * (lib/data/matching.ts); this pure version states the semantics and checks the SQL in tests.
 */
export type Situation = 'no_match' | 'exact_match' | 'multiple_matches' | 'manually_linked';

export type Matchable = { id: string } & Partial<Record<MatchAttribute, string | null>>;

export type MatchOutcome = {
  situation: Exclude<Situation, 'manually_linked'>;
  /** sorted identity ids found by the deciding rule */
  candidateIds: string[];
  /** index of the first rule that found any candidate, null when none did */
  matchedRule: number | null;
};

/** Trimmed (spaces, tabs, line breaks) and case-folded; empty means "no value": it never matches. */
export function normalise(value: string | null | undefined): string {
  return (value ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '').toLowerCase();
}

/**
 * What a rule compares for an attribute: the normalised value, except that a display name counts only
 * with at least two words. "Logan" or "Taylor" alone is many people: scored against ground truth
 * (lib/data/matching-quality.test.ts), one-word names linked the wrong person about half the time.
 */
export function matchKey(attribute: MatchAttribute, value: string | null | undefined): string {
  const key = normalise(value);
  return attribute === 'displayName' && !key.includes(' ') ? '' : key;
}

/** Situation from the candidates each rule found, in rule order: the first rule with any candidate decides. */
export function decide(candidatesPerRule: readonly (readonly string[])[]): MatchOutcome {
  for (let rule = 0; rule < candidatesPerRule.length; rule++) {
    const found = [...new Set(candidatesPerRule[rule])].sort();
    if (found.length > 0) {
      return { situation: found.length === 1 ? 'exact_match' : 'multiple_matches', candidateIds: found, matchedRule: rule };
    }
  }
  return { situation: 'no_match', candidateIds: [], matchedRule: null };
}

/** Indexes identities once per rule attribute, then matches every account: O(accounts + identities). */
export function createMatcher(identities: readonly Matchable[], rules: readonly MatchingRule[]) {
  const indexes = new Map<MatchAttribute, Map<string, string[]>>();
  for (const rule of rules) {
    if (indexes.has(rule.identity)) continue;
    const index = new Map<string, string[]>();
    for (const identity of identities) {
      const key = matchKey(rule.identity, identity[rule.identity]);
      if (!key) continue;
      const ids = index.get(key);
      if (ids) ids.push(identity.id);
      else index.set(key, [identity.id]);
    }
    indexes.set(rule.identity, index);
  }
  return (account: Matchable): MatchOutcome =>
    decide(
      rules.map((rule) => {
        const key = matchKey(rule.account, account[rule.account]);
        return key ? (indexes.get(rule.identity)?.get(key) ?? []) : [];
      }),
    );
}
