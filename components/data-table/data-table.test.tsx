import { describe, expect, it } from 'vitest';
import { markup, tags, text } from '@/components/ui/test-markup';
import { DataTable, type DataTableProps } from './data-table';
import { dataTableColumns } from './features';

type Row = { id: string; name: string; size: number };
const column = dataTableColumns<Row>();
const columns = [
  column.accessor('name', { id: 'name', header: 'Name', meta: { rowHeader: true } }),
  column.accessor('size', { header: 'Size', meta: { numeric: true } }),
  column.display({ id: 'action', header: 'Action', cell: ({ row }) => <button type="button">Open {row.original.name}</button> }),
];
const rows: Row[] = [
  { id: 'a', name: 'ada', size: 3 },
  { id: 'b', name: 'bob', size: 1200 },
];

const render = (props: Partial<DataTableProps<Row>> = {}) =>
  markup(<DataTable caption="Things" columns={columns} data={rows} getRowId={(row) => row.id} {...props} />);

describe('DataTable', () => {
  it('is a table named by its caption, in a focusable scroll region of the same name', () => {
    const html = render();
    expect(html).toContain('<caption class="visually-hidden">Things</caption>');
    expect(tags(html, 'div')[0]).toMatchObject({ role: 'region', 'aria-label': 'Things', tabindex: '0' });
  });

  it.each([
    ['no sort keys: plain headers', {}, [], {}],
    ['sortable headers are buttons', { sortKeys: ['name', 'size'] }, ['Name', 'Size'], {}],
    ['a display column is sortable only if listed', { sortKeys: ['action'] }, ['Action'], {}],
    ['aria-sort on the sorted column only', { sortKeys: ['name', 'size'], sort: { key: 'size', dir: 'desc' as const } }, ['Name', 'Size'], { Size: 'descending' }],
    ['ascending', { sortKeys: ['name'], sort: { key: 'name', dir: 'asc' as const } }, ['Name'], { Name: 'ascending' }],
  ])('%s', (_name, props, sortButtons, ariaSort) => {
    const html = render({ ...props, onSortChange: () => {} });
    const headerButtons = [...html.matchAll(/<button type="button" class="table-sort">(.*?)<svg/g)].map((m) => m[1]);
    expect(headerButtons).toEqual(sortButtons);
    const sorted = Object.fromEntries(
      [...html.matchAll(/<th scope="col"[^>]*aria-sort="(\w+)"[^>]*>(.*?)<\/th>/g)].map((m) => [text(m[2]!), m[1]]),
    );
    expect(sorted).toEqual(ariaSort);
  });

  it('renders the row-header column as <th scope="row"> and right-aligns numeric cells', () => {
    const html = render();
    expect(html).toContain('<th scope="row">ada</th>');
    expect(html).toContain('<td class="num">1200</td>');
  });

  it('shows the empty state across every column when there are no rows', () => {
    const html = render({ data: [], emptyState: <p>No things match.</p> });
    expect(html).toContain('<td colSpan="3"><p>No things match.</p></td>');
  });

  it('labels every selection checkbox and reflects the selection', () => {
    const html = render({ selection: { selectedIds: ['b'], onSelectedIdsChange: () => {} } });
    const boxes = tags(html, 'input');
    expect(boxes.map((box) => box['aria-label'])).toEqual(['Select all rows on this page', 'Select ada', 'Select bob']);
    expect(boxes.map((box) => 'checked' in box)).toEqual([false, false, true]);
    expect(html).toContain('<tr data-selected="true">');
  });

  it('names rows with getRowLabel when given, and disables rows that cannot be selected', () => {
    const html = render({
      selection: { selectedIds: [], onSelectedIdsChange: () => {}, getRowLabel: (row) => `${row.name} (${row.id})`, canSelect: (row) => row.id !== 'a' },
    });
    const boxes = tags(html, 'input').slice(1);
    expect(boxes.map((box) => [box['aria-label'], 'disabled' in box])).toEqual([
      ['Select ada (a)', true],
      ['Select bob (b)', false],
    ]);
  });

  it('dims and marks the table busy while the server re-renders', () => {
    expect(tags(render({ isPending: true }), 'table')[0]).toMatchObject({ class: 'table is-pending', 'aria-busy': 'true' });
    expect(tags(render(), 'table')[0]).toEqual({ class: 'table' });
  });
});
