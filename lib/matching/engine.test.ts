import { describe, expect, it } from 'vitest';
import { createMatcher, decide, matchKey, normalise } from './engine';
import { defaultMatchingRules, matchingRulesSchema } from './rules';

describe('normalise', () => {
  it.each([
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['\tBOB\r\n', 'bob'],
    ['', ''],
    [null, ''],
    ['Zoë', 'zoë'],
  ])('%j → %j', (input, expected) => expect(normalise(input)).toBe(expected));
});

describe('decide', () => {
  it.each([
    { perRule: [[], []], situation: 'no_match', ids: [], rule: null },
    { perRule: [['b'], ['a', 'c']], situation: 'exact_match', ids: ['b'], rule: 0 },
    { perRule: [[], ['c', 'a']], situation: 'multiple_matches', ids: ['a', 'c'], rule: 1 },
    { perRule: [['x', 'x'], []], situation: 'exact_match', ids: ['x'], rule: 0 },
  ])('$perRule → $situation', ({ perRule, situation, ids, rule }) => {
    expect(decide(perRule)).toEqual({ situation, candidateIds: ids, matchedRule: rule });
  });
});

describe('createMatcher', () => {
  const identities = [
    { id: '1', email: 'ada@example.com', username: 'ada' },
    { id: '2', email: 'shared@example.com', username: 'bob' },
    { id: '3', email: 'Shared@Example.com ', username: 'cy' },
  ];
  const match = createMatcher(identities, defaultMatchingRules);

  it('uses the first rule that finds anyone', () => {
    expect(match({ id: 'a', email: ' ADA@example.com', username: 'bob' })).toMatchObject({ situation: 'exact_match', candidateIds: ['1'], matchedRule: 0 });
  });
  it('falls through to the next rule', () => {
    expect(match({ id: 'a', email: 'nobody@example.com', username: 'CY' })).toMatchObject({ candidateIds: ['3'], matchedRule: 1 });
  });
  it('keeps every candidate of an ambiguous rule', () => {
    expect(match({ id: 'a', email: 'shared@example.com' })).toMatchObject({ situation: 'multiple_matches', candidateIds: ['2', '3'] });
  });
  it('never matches on an empty value', () => {
    expect(match({ id: 'a', email: '  ', username: '' })).toMatchObject({ situation: 'no_match' });
  });
  it('matches a display name only with two words or more', () => {
    const byName = createMatcher(
      [
        { id: '1', displayName: 'Logan' },
        { id: '2', displayName: 'Logan Ferguson' },
      ],
      [{ account: 'displayName', identity: 'displayName' }],
    );
    expect(byName({ id: 'a', displayName: 'LOGAN ' })).toMatchObject({ situation: 'no_match' });
    expect(byName({ id: 'b', displayName: ' logan FERGUSON' })).toMatchObject({ situation: 'exact_match', candidateIds: ['2'] });
  });
});

describe('matchKey', () => {
  it.each([
    ['email', ' Logan@Example.com', 'logan@example.com'],
    ['username', 'Logan', 'logan'],
    ['displayName', ' Logan ', ''],
    ['displayName', 'Logan Ferguson', 'logan ferguson'],
  ] as const)('%s %j → %j', (attribute, value, expected) => expect(matchKey(attribute, value)).toBe(expected));
});

describe('matchingRulesSchema', () => {
  it('accepts the default rules', () => expect(matchingRulesSchema.safeParse(defaultMatchingRules).success).toBe(true));
  it.each([
    [[]],
    [[{ account: 'email', identity: 'email' }, { account: 'email', identity: 'email' }]],
    [[{ account: 'password', identity: 'email' }]],
  ])('refuses %j', (rules) => expect(matchingRulesSchema.safeParse(rules).success).toBe(false));
});
