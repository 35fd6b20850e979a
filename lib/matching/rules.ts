import { z } from 'zod';

/** Attributes that can take part in a matching rule; each is stored normalised on both sides. */
export const matchAttributes = ['email', 'username', 'employeeId', 'displayName'] as const;
export type MatchAttribute = (typeof matchAttributes)[number];

export const matchAttributeLabels: Record<MatchAttribute, string> = {
  email: 'E-mail',
  username: 'Username',
  employeeId: 'Employee ID',
  displayName: 'Display name',
};

/** One attribute pair: account attribute = identity attribute, compared trimmed and case-folded. */
export type MatchingRule = { account: MatchAttribute; identity: MatchAttribute };

export const defaultMatchingRules: MatchingRule[] = [
  { account: 'email', identity: 'email' },
  { account: 'username', identity: 'username' },
];

const ruleSchema = z.object({ account: z.enum(matchAttributes), identity: z.enum(matchAttributes) });

export const matchingRulesSchema = z
  .array(ruleSchema)
  .min(1, 'Keep at least one matching rule: without one, no account can ever match.')
  .max(8, 'At most 8 matching rules.')
  .refine(
    (rules) => new Set(rules.map((r) => `${r.account}=${r.identity}`)).size === rules.length,
    'Each attribute pair may appear only once.',
  );

export function describeRule(rule: MatchingRule): string {
  return `${matchAttributeLabels[rule.account]} = ${matchAttributeLabels[rule.identity]}`;
}
