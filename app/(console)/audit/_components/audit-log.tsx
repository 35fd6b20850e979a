'use client';

import { DataTable } from '@/components/data-table/data-table';
import { UrlDataTablePagination } from '@/components/data-table/data-table-pagination';
import { FilterableEmptyState } from '@/components/data-table/filterable-empty-state';
import { useTableUrlState } from '@/components/data-table/use-table-url-state';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { Select, type SelectOption } from '@/components/ui/select';
import { auditTableState, type AuditFilterName } from '../search-params';
import { auditColumns } from './audit-columns';
import type { AuditRow } from './audit-row';
import { useAuditFilters } from './use-audit-filters';

export interface AuditLogProps {
  entries: AuditRow[];
  total: number;
  actors: string[];
  actions: string[];
  /** slug → name */
  applications: SelectOption[];
}

/** The audit log: filters by actor, action and application, newest entries first, paged by the server. */
export function AuditLog({ entries, total, actors, actions, applications }: AuditLogProps) {
  const url = useTableUrlState(auditTableState);
  const audit = useAuditFilters();

  const filterOptions: Record<AuditFilterName, { label: string; options: SelectOption[] }> = {
    actor: { label: 'Actor', options: actors.map((value) => ({ value, label: value })) },
    action: { label: 'Action', options: actions.map((value) => ({ value, label: value })) },
    application: { label: 'Application', options: applications },
  };

  return (
    <div>
      <div className="toolbar" style={{ alignItems: 'flex-end' }}>
        {(Object.keys(filterOptions) as AuditFilterName[]).map((name) => {
          const { label, options } = filterOptions[name];
          const value = audit.filters[name];
          // A value from a shared link that the lists no longer hold stays selectable.
          const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
          return (
            <Field key={name} label={label}>
              {(control) => (
                <Select {...control} value={value} placeholder="All" options={all} onChange={(event) => audit.setFilter(name, event.target.value)} />
              )}
            </Field>
          );
        })}
        {audit.isFiltered && (
          <Button variant="ghost" onClick={audit.clear}>
            Clear filters
          </Button>
        )}
      </div>
      <DataTable
        caption="Audit log"
        columns={auditColumns}
        data={entries}
        getRowId={(row) => String(row.id)}
        isPending={url.isPending || audit.isPending}
        emptyState={
          <FilterableEmptyState
            isFiltered={audit.isFiltered}
            onClearFilters={audit.clear}
            noMatchTitle="No entry matches"
            noMatchDescription="No change fits these filters."
            empty={<EmptyState title="No changes yet" description="Every change made in Concord (applications, imports, links, identities) is recorded here." />}
          />
        }
      />
      <UrlDataTablePagination url={url} pageSizes={auditTableState.pageSizes} total={total} noun="entries" />
    </div>
  );
}
