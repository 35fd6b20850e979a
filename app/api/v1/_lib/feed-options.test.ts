import { describe, expect, it } from 'vitest';
import { parseFeedOptions } from './feed-options';

const parse = (query: string, headers: Record<string, string> = {}) =>
  parseFeedOptions(new URL(`http://localhost/api/v1/applications/hr/feeds${query}`), new Headers(headers));

describe('parseFeedOptions', () => {
  it('defaults: apply, wait for the end, no format, no key', () => {
    expect(parse('')).toEqual({ ok: true, value: { format: undefined, contentType: undefined, dryRun: false, wait: true, idempotencyKey: undefined } });
  });

  it.each([
    ['?dryRun=true', { dryRun: true }],
    ['?dryRun', { dryRun: true }],
    ['?dryRun=1&wait=0', { dryRun: true, wait: false }],
    ['?wait=TRUE', { wait: true }],
    ['?wait=false', { wait: false }],
    ['?format=xml-attributes', { format: 'xml-attributes' }],
    ['?format=JSONL', { format: 'jsonl' }],
  ])('reads %s', (query, expected) => {
    expect(parse(query)).toMatchObject({ ok: true, value: expected });
  });

  it.each([
    ['?dryRun=yes', 'dryRun'],
    ['?wait=later', 'wait'],
  ])('refuses %s naming the option', (query, field) => {
    expect(parse(query)).toMatchObject({ ok: false, error: { code: 'invalid', field } });
  });

  it.each([
    ['?format=xlsx', {}],
    ['?format=xml', {}],
    ['', { 'content-type': 'application/pdf' }],
    ['', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['', { 'content-type': 'image/png' }],
  ])('answers 415 for %s %j', (query, headers) => {
    expect(parse(query, headers)).toMatchObject({ ok: false, error: { code: 'unsupported_format' } });
  });

  it.each(['text/csv; charset=utf-8', 'text/tab-separated-values', 'application/json', 'application/x-ndjson', 'application/xml', 'application/atom+xml', 'application/octet-stream', 'text/plain', 'application/x-www-form-urlencoded'])(
    'passes the Content-Type %s on',
    (contentType) => {
      expect(parse('', { 'content-type': contentType })).toMatchObject({ ok: true, value: { contentType } });
    },
  );

  it('lets ?format= overrule a Content-Type it would refuse', () => {
    expect(parse('?format=csv', { 'content-type': 'application/pdf' })).toMatchObject({ ok: true, value: { format: 'csv' } });
  });

  it('takes an Idempotency-Key of up to 200 visible characters', () => {
    expect(parse('', { 'idempotency-key': ' abc-123 ' })).toMatchObject({ ok: true, value: { idempotencyKey: 'abc-123' } });
    expect(parse('', { 'idempotency-key': 'k'.repeat(200) })).toMatchObject({ ok: true });
    for (const key of ['k'.repeat(201), '   ', 'two words', 'clé']) {
      expect(parse('', { 'idempotency-key': key })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'Idempotency-Key' } });
    }
  });
});
