import { describe, expect, it } from 'vitest';
import { markup, tags, text } from '@/components/ui/test-markup';
import { DataTablePagination, UrlDataTablePagination } from './data-table-pagination';

const render = (page: number, total: number, pageSize = 50, noun?: string) =>
  markup(
    <DataTablePagination page={page} pageSize={pageSize} pageSizes={[25, 50, 100]} total={total} noun={noun} onPageChange={() => {}} onPageSizeChange={() => {}} />,
  );

const disabled = (html: string) =>
  Object.fromEntries(tags(html, 'button').map((button) => [button['aria-label'], 'disabled' in button]));

describe('DataTablePagination', () => {
  it.each([
    [1, 100_000, undefined, 'Showing 1–50 of 100,000', 'Page 1 of 2,000'],
    [2, 100, undefined, 'Showing 51–100 of 100', 'Page 2 of 2'],
    [3, 120, 'accounts', 'Showing 101–120 of 120 accounts', 'Page 3 of 3'],
    [1, 0, 'accounts', 'No accounts to show', 'Page 1 of 1'],
    [1, 0, undefined, 'No rows to show', 'Page 1 of 1'],
    [9, 60, undefined, 'Page 9 is past the end: 60 in 2 pages', 'Page 9 of 2'],
  ])('page %i of %i rows', (page, total, noun, summary, pageLabel) => {
    const html = render(page, total, 50, noun);
    expect(text(html)).toContain(summary);
    expect(text(html)).toContain(pageLabel);
  });

  it.each([
    ['first page', 1, 200, { 'First page': true, 'Previous page': true, 'Next page': false, 'Last page': false }],
    ['middle page', 2, 200, { 'First page': false, 'Previous page': false, 'Next page': false, 'Last page': false }],
    ['last page', 4, 200, { 'First page': false, 'Previous page': false, 'Next page': true, 'Last page': true }],
    ['only page', 1, 10, { 'First page': true, 'Previous page': true, 'Next page': true, 'Last page': true }],
    ['past the end: back and last stay usable', 9, 200, { 'First page': false, 'Previous page': false, 'Next page': true, 'Last page': false }],
  ])('%s', (_name, page, total, expected) => {
    expect(disabled(render(page, total))).toEqual(expected);
  });

  it('labels the page size select "Rows per page" and offers the allowed sizes', () => {
    const html = render(1, 10);
    const select = tags(html, 'select')[0]!;
    expect(html).toContain(`<label for="${select.id}">Rows per page</label>`);
    expect(tags(html, 'option').map((option) => option.value)).toEqual(['25', '50', '100']);
  });

  it('is a navigation landmark named "Pagination" whose summary is announced politely', () => {
    const html = render(1, 10);
    expect(tags(html, 'nav')[0]).toMatchObject({ 'aria-label': 'Pagination' });
    expect(tags(html, 'p')[0]).toMatchObject({ 'aria-live': 'polite' });
  });
});

describe('UrlDataTablePagination', () => {
  const url = (page: number) => ({ state: { page, pageSize: 25 }, setPage: () => {}, setPageSize: () => {} });

  it("shows the URL state's page and page size", () => {
    const html = markup(<UrlDataTablePagination url={url(2)} pageSizes={[25, 50]} total={60} noun="imports" />);
    expect(text(html)).toContain('Showing 26–50 of 60 imports');
    expect(tags(html, 'option').find((option) => 'selected' in option)?.value).toBe('25');
  });

  it.each([
    ['no rows on page 1', 1, 0, false],
    ['no rows past page 1 (the way back stays)', 3, 0, true],
    ['rows on page 1', 1, 5, true],
  ])('with hideWhenEmpty: %s', (_name, page, total, shown) => {
    const html = markup(<UrlDataTablePagination url={url(page)} pageSizes={[25]} total={total} hideWhenEmpty />);
    expect(html.includes('aria-label="Pagination"')).toBe(shown);
  });

  it('without hideWhenEmpty it always shows', () => {
    expect(text(markup(<UrlDataTablePagination url={url(1)} pageSizes={[25]} total={0} noun="identities" />))).toContain('No identities to show');
  });
});
