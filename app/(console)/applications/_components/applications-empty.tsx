import { EmptyState } from '@/components/ui/empty-state';

/** No application yet: what to do first, in order. */
export function ApplicationsEmpty({ canEdit }: { canEdit: boolean }) {
  return (
    <EmptyState
      title="No applications yet"
      description={
        <div className="stack stack-sm">
          <p>Concord starts from your people and works outwards:</p>
          <ol style={{ textAlign: 'left', margin: 0 }}>
            <li>Create a source application for your HR system.</li>
            <li>Import its feed: it creates an identity for every person.</li>
            <li>Create a target application, such as your CRM, and import its accounts to reconcile them.</li>
          </ol>
          <p>{canEdit ? 'Start with the form below.' : 'Ask an admin to create the first application.'}</p>
        </div>
      }
    />
  );
}
