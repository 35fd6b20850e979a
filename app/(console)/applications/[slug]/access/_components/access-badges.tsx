import { Badge } from '@/components/ui/badge';
import type { AssignmentOrigin, AssignmentStatus, LicenceState, RuleOperator } from '@/lib/enums';

export const assignmentStatusLabels: Record<AssignmentStatus, string> = { active: 'Assigned', suspended: 'Suspended' };
export const licenceStateLabels: Record<LicenceState, string> = { invited: 'Invited', waiting: 'Waiting', active: 'Licence active' };
export const originLabels: Record<AssignmentOrigin, string> = { manual: 'By hand', rule: 'By rule' };
export const operatorLabels: Record<RuleOperator, string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  starts_with: 'starts with',
  ends_with: 'ends with',
  present: 'is present',
};

export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  return (
    <Badge tone={status === 'active' ? 'success' : 'warning'} dot>
      {assignmentStatusLabels[status]}
    </Badge>
  );
}

/** The licence state, with the place in the queue while waiting ("Waiting · 3rd"). */
export function LicenceBadge({ state, position }: { state: LicenceState; position?: number | null }) {
  const tone = state === 'active' ? 'success' : state === 'waiting' ? 'info' : 'neutral';
  return <Badge tone={tone}>{state === 'waiting' && position ? `Waiting · no. ${position}` : licenceStateLabels[state]}</Badge>;
}

type RuleWords = { groupName: string | null; conditionAttribute: string | null; conditionOperator: string | null; conditionValue: string | null };

/** "Members of finance where department equals Sales" */
export function describeRuleScope(rule: RuleWords): string {
  const who = rule.groupName ? `Members of ${rule.groupName}` : 'Everyone';
  if (!rule.conditionAttribute) return who;
  const operator = operatorLabels[(rule.conditionOperator ?? 'equals') as RuleOperator] ?? rule.conditionOperator;
  return `${who} where ${rule.conditionAttribute} ${operator}${rule.conditionOperator === 'present' ? '' : ` "${rule.conditionValue ?? ''}"`}`;
}
