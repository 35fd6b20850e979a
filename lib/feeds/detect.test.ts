import { describe, expect, it } from 'vitest';
import { detectFormat, sniffXmlFlavour } from './detect';
import { utf8 } from './test-support';

describe('detectFormat', () => {
  it.each([
    ['an explicit name wins', { explicit: 'tsv', contentType: 'text/csv', fileName: 'a.json' }, 'tsv'],
    ['explicit names are case-insensitive; ndjson is JSON lines', { explicit: 'NDJSON' }, 'jsonl'],
    ['explicit json stays json (the parser explains a single object)', { explicit: 'json', head: utf8('{"a":1}') }, 'json'],
    ['an unknown explicit name is unsupported', { explicit: 'xlsx', fileName: 'a.csv' }, null],
    ['explicit xml is sniffed for its flavour', { explicit: 'xml', head: utf8('<users><user id="1"/></users>') }, 'xml-attributes'],
    ['text/csv with a charset', { contentType: 'text/csv; charset=utf-8', fileName: 'a.json' }, 'csv'],
    ['text/tab-separated-values', { contentType: 'text/tab-separated-values' }, 'tsv'],
    ['application/json', { contentType: 'application/json', head: utf8(' [{"a":1}]') }, 'json'],
    ['application/json holding JSON lines', { contentType: 'application/json', head: utf8('{"a":1}\n{"a":2}\n') }, 'jsonl'],
    ['application/x-ndjson', { contentType: 'application/x-ndjson' }, 'jsonl'],
    ['application/jsonl', { contentType: 'application/jsonl' }, 'jsonl'],
    ['application/xml, children', { contentType: 'application/xml', head: utf8('<?xml version="1.0"?><users><user><name>a</name></user></users>') }, 'xml-children'],
    ['text/xml, attributes', { contentType: 'text/xml', head: utf8('<users xmlns="urn:x">\n  <user name="a" />') }, 'xml-attributes'],
    ['a generic type falls through to the extension', { contentType: 'application/octet-stream', fileName: 'Export.TSV' }, 'tsv'],
    ['Windows browsers send .csv as application/vnd.ms-excel', { contentType: 'application/vnd.ms-excel', fileName: 'users.csv' }, 'csv'],
    ['.ndjson', { fileName: 'users.ndjson' }, 'jsonl'],
    ['.jsonl', { fileName: 'users.jsonl' }, 'jsonl'],
    ['.json', { fileName: 'users.json' }, 'json'],
    ['.xml without a head', { fileName: 'users.xml' }, 'xml-children'],
    ['sniffed CSV', { fileName: 'users.txt', head: utf8('username,email\na,b\n') }, 'csv'],
    ['sniffed semicolon CSV', { head: utf8('\uFEFFusername;email\na;b\n') }, 'csv'],
    ['sniffed TSV', { head: utf8('username\temail\na\tb\n') }, 'tsv'],
    ['sniffed JSON', { head: utf8('\n[\n  {"a": 1}') }, 'json'],
    ['sniffed JSON lines', { head: utf8('{"a":1}\n') }, 'jsonl'],
    ['sniffed XML', { head: utf8('<?xml version="1.0"?>\n<users>') }, 'xml-children'],
    ['Latin-1 text is still text (the parser names the bad row)', { head: new Uint8Array([...utf8('name,city\nRen'), 0xe9, ...utf8(',Paris\n')]) }, 'csv'],
    ['binary content', { head: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) }, null],
    ['nothing to go on', { fileName: 'users.xlsx' }, null],
    ['an empty head', { head: new Uint8Array() }, null],
  ] as const)('%s', (_name, input, expected) => {
    expect(detectFormat(input)).toBe(expected);
  });

  it('tells attributes from children by the first record, ignoring namespace declarations and the prolog', () => {
    expect(sniffXmlFlavour('<?xml version="1.0"?><!-- <a b="c"/> --><users xmlns:x="u" count="2"><user><id>1</id></user>')).toBe('xml-children');
    expect(sniffXmlFlavour("<users><x:user x:id='1'/>")).toBe('xml-attributes');
    expect(sniffXmlFlavour('<users>')).toBe('xml-children');
  });
});

describe('formats that are never feeds', () => {
  it.each([
    [{ fileName: 'accounts.pdf', head: new TextEncoder().encode('%PDF-1.7 username,email') }],
    [{ fileName: 'accounts.xlsx', head: new TextEncoder().encode('username,email') }],
    [{ head: new TextEncoder().encode('%PDF-1.4\n%âãÏÓ') }],
    [{ head: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]) }],
  ])('%j is refused', (input) => expect(detectFormat(input)).toBeNull());
});
