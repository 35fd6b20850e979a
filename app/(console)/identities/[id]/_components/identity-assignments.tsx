'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import type { IdentityAssignment } from '@/lib/data/assignments';
import { activateLicencesAction, deactivateLicencesAction, unassignAction } from '../../../applications/[slug]/access/actions';
import { AssignmentStatusBadge, LicenceBadge, describeRuleScope, originLabels } from '../../../applications/[slug]/access/_components/access-badges';
import { activationWords } from '../../../applications/[slug]/access/_components/assignments-table';
import { useAccessAction } from '../../../applications/[slug]/access/_components/use-access-action';

/** The identity's applications: status, role (its entitlement and the rule that granted it), licence, and the admin's actions. */
export function IdentityAssignments({ identityId, assignments, canAct }: { identityId: string; assignments: IdentityAssignment[]; canAct: boolean }) {
  const { pending, error, perform } = useAccessAction();
  if (assignments.length === 0) {
    return <EmptyState title="Not assigned" description="This identity is assigned to no application: nothing about it is sent anywhere." />;
  }
  const one = [identityId];
  return (
    <div className="stack stack-sm">
      {error && <Alert tone="error">{error.message}</Alert>}
      <ScrollableTable label="Assignments">
        <thead>
          <tr>
            <th scope="col">Application</th>
            <th scope="col">Status</th>
            <th scope="col">Role</th>
            <th scope="col">Entitlement</th>
            <th scope="col">Licence</th>
            {canAct && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {assignments.map((a) => (
            <tr key={a.applicationId}>
              <th scope="row">
                <Link href={`/applications/${encodeURIComponent(a.applicationSlug)}/access`}>{a.applicationName}</Link>
              </th>
              <td>
                <AssignmentStatusBadge status={a.status} />
              </td>
              <td>{a.role ? <span className="mono">{a.role}</span> : <span className="muted">—</span>}</td>
              <td className="text-sm">{a.rule ? `By rule ${a.rule.priority}: ${describeRuleScope(a.rule)}` : originLabels[a.origin]}</td>
              <td>
                <LicenceBadge state={a.licenceState} position={a.queuePosition} />
              </td>
              {canAct && (
                <td>
                  <div className="row row-wrap">
                    {a.licenceState === 'invited' && a.status === 'active' && (
                      <Button size="sm" disabled={pending} onClick={() => perform(() => activateLicencesAction({ slug: a.applicationSlug, identityIds: one }), activationWords)} aria-label={`Activate licence in ${a.applicationName}`}>
                        Activate licence
                      </Button>
                    )}
                    {a.licenceState !== 'invited' && (
                      <Button size="sm" disabled={pending} onClick={() => perform(() => deactivateLicencesAction({ slug: a.applicationSlug, identityIds: one }), () => `Licence in ${a.applicationName} taken back.`)} aria-label={`Take back licence in ${a.applicationName}`}>
                        Take back licence
                      </Button>
                    )}
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={pending}
                      onClick={() =>
                        perform(
                          () => unassignAction({ slug: a.applicationSlug, selection: { kind: 'ids', ids: one } }),
                          (r) => (r.removed ? `Unassigned from ${a.applicationName}.` : `A rule still assigns it to ${a.applicationName}: change the rule to remove it.`),
                        )
                      }
                      aria-label={`Unassign from ${a.applicationName}`}
                    >
                      Unassign
                    </Button>
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </div>
  );
}
