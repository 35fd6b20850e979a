import { describe, expect, it } from 'vitest';
import { markup, tags, text } from '@/components/ui/test-markup';
import { DataTableFacetedFilter } from './data-table-faceted-filter';
import { facetedFilters } from './faceted-filters';
import { dataTableColumns } from './features';

const filter = {
  name: 'situation',
  label: 'Situation',
  options: [
    { value: 'no_match', label: 'No match', count: 1234 },
    { value: 'exact_match', label: 'Exact match', count: 0 },
    { value: 'other', label: 'Other' },
  ],
};

describe('DataTableFacetedFilter', () => {
  it('names its button "Situation filter", with the number selected', () => {
    const html = markup(<DataTableFacetedFilter filter={filter} selected={['no_match', 'exact_match']} onChange={() => {}} />);
    const button = /<button[^>]*filter-trigger[^>]*>(.*?)<\/button>/.exec(html)?.[1] ?? '';
    expect(text(button)).toBe('Situation filter 2 selected');
    expect(tags(html, 'button')[0]).toMatchObject({ 'aria-expanded': 'false' });
  });

  it('labels each checkbox with its count and groups them under the filter label', () => {
    const html = markup(<DataTableFacetedFilter filter={filter} selected={['exact_match']} onChange={() => {}} />);
    const labels = [...html.matchAll(/<label class="filter-option">(.*?)<\/label>/g)].map((m) => text(m[1]!));
    expect(labels).toEqual(['No match (1,234)', 'Exact match (0)', 'Other']);
    expect(tags(html, 'input').map((input) => 'checked' in input)).toEqual([false, true, false]);
    const legendId = tags(html, 'legend')[0]?.id;
    expect(tags(html, 'fieldset')[0]).toEqual({ 'aria-labelledby': legendId });
  });
});

describe('facetedFilters', () => {
  type Row = { situation: string; name: string };
  const column = dataTableColumns<Row>();
  const columns = [
    column.accessor('name', { header: 'Name' }),
    column.accessor('situation', {
      header: 'Situation',
      meta: { filter: { name: 'situation', label: 'Situation', options: [{ value: 'no_match', label: 'No match' }, { value: 'exact_match', label: 'Exact match' }] } },
    }),
  ];

  it.each([
    ['with counts', { situation: { no_match: 7, exact_match: 0 } }, [7, 0]],
    ['counts missing', {}, [undefined, undefined]],
  ])('%s', (_name, counts, expected) => {
    const [result] = facetedFilters(columns, counts);
    expect(result?.name).toBe('situation');
    expect(result?.options.map((option) => option.count)).toEqual(expected);
  });
});
