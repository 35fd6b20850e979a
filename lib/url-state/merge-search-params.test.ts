import { describe, expect, it } from 'vitest';
import { mergeSearchParams } from './merge-search-params';

describe('mergeSearchParams', () => {
  const owned = ['q', 'page', 'situation'];
  it.each([
    ['replaces owned parameters', 'q=old&page=3', 'q=new', 'q=new'],
    ['keeps foreign parameters in order', 'account=7&q=old&tab=history', 'page=2', 'account=7&tab=history&page=2'],
    ['drops every copy of a repeated owned parameter', 'situation=a&situation=b&x=1', '', 'x=1'],
    ['keeps repeated foreign parameters', 'tag=a&tag=b', 'q=z', 'tag=a&tag=b&q=z'],
  ])('%s', (_name, current, next, expected) => {
    expect(mergeSearchParams(new URLSearchParams(current), owned, new URLSearchParams(next)).toString()).toBe(expected);
  });
});
