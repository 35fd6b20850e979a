import { describe, expect, it } from 'vitest';
import { Alert, type AlertTone } from './alert';
import { BarChart, type BarChartDatum } from './bar-chart';
import { ProgressBar } from './progress-bar';
import { Stat } from './stat';
import { markup, tags, text } from './test-markup';

describe('Alert', () => {
  it.each([
    ['error', 'alert'],
    ['warning', 'status'],
    ['success', 'status'],
    ['info', 'status'],
  ] as Array<[AlertTone, string]>)('%s → role="%s"', (tone, role) => {
    expect(tags(markup(<Alert tone={tone}>Message</Alert>), 'div')[0]).toMatchObject({ role, class: `alert alert-${tone}` });
  });
});

describe('ProgressBar', () => {
  it.each([
    ['a fraction', { value: 1200, max: 5000, valueText: '1,200 of 5,000 rows' }, { 'aria-valuenow': '1200', 'aria-valuemax': '5000', 'aria-valuetext': '1,200 of 5,000 rows' }, 'width:24%'],
    ['clamped above max', { value: 130 }, { 'aria-valuenow': '100' }, 'width:100%'],
    ['clamped below zero', { value: -5 }, { 'aria-valuenow': '0' }, 'width:0%'],
    ['indeterminate', { value: null }, { 'aria-valuetext': 'In progress', class: 'progress progress-indeterminate' }, undefined],
  ])('%s', (_name, props, attributes, width) => {
    const [bar, fill] = tags(markup(<ProgressBar label="Import progress" {...props} />), 'div');
    expect(bar).toMatchObject({ role: 'progressbar', 'aria-label': 'Import progress', 'aria-valuemin': '0', ...attributes });
    if (!width) expect(bar).not.toHaveProperty('aria-valuenow');
    expect(fill?.style).toBe(width);
  });
});

describe('BarChart', () => {
  const series = [
    { key: 'added', label: 'Added' },
    { key: 'removed', label: 'Removed' },
  ];
  it.each([
    ['no data', [], 'Imports. No data.'],
    ['one bar', [{ label: 'Nov 1', values: { added: 1200, removed: 3 } }], 'Imports. 1 bar, Nov 1. Totals: Added 1,200, Removed 3. Highest: Nov 1 with 1,203.'],
    [
      'several bars',
      [
        { label: 'Nov 1', values: { added: 5 } },
        { label: 'Nov 2', values: { added: 2, removed: 9 } },
        { label: 'Nov 3', values: {} },
      ],
      'Imports. 3 bars from Nov 1 to Nov 3. Totals: Added 7, Removed 9. Highest: Nov 2 with 11.',
    ],
  ] as Array<[string, BarChartDatum[], string]>)('summarises %s in words', (_name, data, summary) => {
    const html = markup(<BarChart label="Imports" series={series} data={data} />);
    expect(tags(html, 'div').find((d) => d.role === 'img')?.['aria-label']).toBe(summary);
  });

  it('uses the summary given instead', () => {
    const html = markup(<BarChart label="Deliveries" summary="All delivered." series={series} data={[]} />);
    expect(html).toContain('aria-label="Deliveries. All delivered."');
  });
});

describe('Stat', () => {
  it.each([
    [1234567, 'Accounts 1,234,567'],
    ['99.1 %', 'Accounts 99.1 %'],
  ])('%s', (value, expected) => {
    expect(text(markup(<Stat label="Accounts" value={value} />))).toBe(expected);
  });
});
