import { describe, expect, it } from 'vitest';
import { EmptyState } from '@/components/ui/empty-state';
import { markup, tags, text } from '@/components/ui/test-markup';
import { FilterableEmptyState } from './filterable-empty-state';

const render = (isFiltered: boolean) =>
  markup(
    <FilterableEmptyState
      isFiltered={isFiltered}
      onClearFilters={() => {}}
      noMatchTitle="No identity matches"
      noMatchDescription="Try other words."
      empty={<EmptyState title="No identities yet" />}
    />,
  );

describe('FilterableEmptyState', () => {
  it('while filtered: says nothing matches and offers "Clear filters"', () => {
    const html = render(true);
    expect(text(html)).toContain('No identity matches');
    expect(text(html)).toContain('Try other words.');
    expect(text(html)).not.toContain('No identities yet');
    expect(tags(html, 'button').map((button) => button.type)).toEqual(['button']);
    expect(text(html)).toContain('Clear filters');
  });

  it("unfiltered: the page's own empty state, no button", () => {
    const html = render(false);
    expect(text(html)).toContain('No identities yet');
    expect(text(html)).not.toContain('No identity matches');
    expect(tags(html, 'button')).toEqual([]);
  });
});
