import type { StoredFieldMapping } from '@/db/schema/applications';
import { MappingEditor } from './mapping-editor';
import { MappingTransfer } from './mapping-transfer';

export interface MappingViewProps {
  slug: string;
  role: 'source' | 'target';
  version: number;
  mapping: StoredFieldMapping | null;
  canEdit: boolean;
}

/**
 * The application's field mapping (the control file): which input field feeds which account attribute,
 * which are required, how groups split. Admins edit, export and import it; viewers read and export it.
 */
export function MappingView({ slug, role, version, mapping, canEdit }: MappingViewProps) {
  return (
    <div className="stack">
      {mapping ? (
        <MappingEditor slug={slug} role={role} version={version} mapping={mapping} canEdit={canEdit} />
      ) : (
        <p className="muted">
          No mapping yet. The first feed&apos;s header generates one: columns such as <span className="mono">username</span>,{' '}
          <span className="mono">email</span> or <span className="mono">employeeId</span> are recognised by name, and every other column
          becomes a custom attribute. It is kept for the imports after and can be edited here then.
          {canEdit && ' You can also import a mapping file now.'}
        </p>
      )}
      <MappingTransfer slug={slug} version={version} mapping={mapping} canEdit={canEdit} />
    </div>
  );
}
