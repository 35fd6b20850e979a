import { describe, expect, it } from 'vitest';
import { ScrollableTable } from './scrollable-table';
import { markup, tags, text } from './test-markup';

describe('ScrollableTable', () => {
  it('names the keyboard-reachable region and the table (caption) with the same label', () => {
    const html = markup(
      <ScrollableTable label="Applications">
        <tbody>
          <tr>
            <td>CRM</td>
          </tr>
        </tbody>
      </ScrollableTable>,
    );
    expect(tags(html, 'div')[0]).toMatchObject({ role: 'region', 'aria-label': 'Applications', tabindex: '0' });
    expect(html).toContain('<caption class="visually-hidden">Applications</caption>');
    expect(text(html)).toBe('Applications CRM');
  });
});
