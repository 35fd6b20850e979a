import { Stat } from '@/components/ui/stat';
import type { ImportCounts } from '@/db/schema';

export type CountTile = { label: string; pick: (c: ImportCounts) => number; hint?: string };

const finalTiles: readonly CountTile[] = [
  { label: 'Accounts added', pick: (c) => c.accountsAdded },
  { label: 'Accounts updated', pick: (c) => c.accountsUpdated },
  { label: 'Accounts removed', pick: (c) => c.accountsRemoved },
  { label: 'Accounts restored', pick: (c) => c.accountsRestored },
  { label: 'Accounts unchanged', pick: (c) => c.accountsUnchanged },
  { label: 'Rows rejected', pick: (c) => c.rowsRejected },
  { label: 'Rows ignored', pick: (c) => c.rowsIgnored, hint: 'Duplicates' },
  { label: 'Identities created', pick: (c) => c.identitiesCreated },
  { label: 'Identities updated', pick: (c) => c.identitiesUpdated },
  { label: 'Identities blocked', pick: (c) => c.identitiesBlocked },
  { label: 'Identities unblocked', pick: (c) => c.identitiesUnblocked },
  { label: 'Warnings', pick: (c) => c.warnings },
];

/**
 * The import's figures, one tile each: by default the final counts, read from the statements that
 * applied the feed; a review passes its own tiles for the planned counts.
 */
export function ImportCountTiles({ counts, tiles = finalTiles }: { counts: ImportCounts; tiles?: readonly CountTile[] }) {
  return (
    <ul className="grid" style={{ margin: 0, padding: 0, listStyle: 'none', gridTemplateColumns: 'repeat(auto-fill, minmax(10rem, 1fr))' }}>
      {tiles.map((tile) => (
        <li key={tile.label}>
          <Stat label={tile.label} value={tile.pick(counts)} hint={tile.hint} />
        </li>
      ))}
    </ul>
  );
}
