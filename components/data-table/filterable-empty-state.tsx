import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export interface FilterableEmptyStateProps {
  /** The search or a filter is set: the rows exist, they just do not match. */
  isFiltered: boolean;
  /** Clears the search and the filters (the URL state's `reset`). */
  onClearFilters: () => void;
  /** What to say when nothing matches, e.g. "No identity matches". */
  noMatchTitle: ReactNode;
  noMatchDescription?: ReactNode;
  /** What to show when there is nothing at all, whatever the filters: the page's own empty state. */
  empty: ReactNode;
}

/**
 * A table's `emptyState` when its rows can be searched or filtered: "No X matches" with a
 * "Clear filters" button while filtered, the page's own empty message otherwise.
 */
export function FilterableEmptyState({ isFiltered, onClearFilters, noMatchTitle, noMatchDescription, empty }: FilterableEmptyStateProps) {
  if (!isFiltered) return empty;
  return <EmptyState title={noMatchTitle} description={noMatchDescription} actions={<Button onClick={onClearFilters}>Clear filters</Button>} />;
}
