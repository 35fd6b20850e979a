import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeXmlText } from './xml';
import { parseAll } from './parse-feed';
import { feedError, fieldsOf, inPieces, parseText, testdataDir, utf8 } from './test-support';
import { FeedError } from './types';

const attacksDir = path.join(testdataDir, 'xml-attacks');

/** Every attack file, and every payload line of the one-per-line file. */
function attacks(): Array<{ name: string; bytes: Uint8Array }> {
  const all: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const folder of readdirSync(attacksDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(path.join(attacksDir, folder.name))) {
      const full = path.join(attacksDir, folder.name, file);
      if (file.endsWith('.xml')) all.push({ name: `${folder.name}/${file}`, bytes: readFileSync(full) });
      if (file.endsWith('.txt')) {
        readFileSync(full, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            if (line.trim() !== '') all.push({ name: `${folder.name}/${file}:${index + 1}`, bytes: utf8(line) });
          });
      }
    }
  }
  return all;
}

describe('hostile XML', () => {
  const cases = attacks();

  it('covers the whole folder', () => {
    expect(cases.filter((item) => item.name.endsWith('.xml'))).toHaveLength(16);
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(cases.map((item) => [item.name, item.bytes] as const))('%s is refused or parsed harmlessly, fast', async (_name, bytes) => {
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    let outcome: 'refused' | 'parsed';
    try {
      const parsed = await parseAll(bytes, 'xml-children');
      outcome = 'parsed';
      const text = JSON.stringify(parsed);
      // nothing was expanded or fetched: no file contents, no entity blow-up
      expect(text).not.toMatch(/root:x:0:0|\[boot loader\]/);
      expect(text.length).toBeLessThan(bytes.length * 4 + 1000);
    } catch (error) {
      expect(error).toBeInstanceOf(FeedError);
      outcome = 'refused';
    }
    expect(['refused', 'parsed']).toContain(outcome);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('every attack reads the same in 7-byte pieces as whole: the same refusal or the same rows', async () => {
    const outcome = (work: Promise<unknown>) => work.then((parsed) => ({ parsed }), (error: FeedError) => ({ refused: `${error.code}: ${error.message}` }));
    for (const { name, bytes } of cases) {
      expect(await outcome(parseAll(inPieces(bytes, 7), 'xml-children')), name).toEqual(await outcome(parseAll(bytes, 'xml-children')));
    }
  });

  it.each(['defusedxml/xmlbomb.xml', 'defusedxml/quadratic.xml', 'defusedxml/cyclic.xml', 'payloadsallthethings/billion-laugh-a4.xml', 'defusedxml/external.xml', 'payloadsallthethings/classic-xxe-etc-passwd.xml'])(
    '%s is refused as hostile',
    async (file) => {
      const error = await feedError(parseAll(readFileSync(path.join(attacksDir, file)), 'xml-children'), 'hostile');
      expect(error.message).toMatch(/^XML with a DOCTYPE\/entity declarations is refused/);
    },
  );

  it('an external DTD (PUBLIC id) is refused; an internal DTD without entities parses', async () => {
    expect((await feedError(parseAll(readFileSync(path.join(attacksDir, 'defusedxml/dtd.xml')), 'xml-children'), 'hostile')).message).toMatch(/external DTD/);
    await expect(parseAll(readFileSync(path.join(attacksDir, 'defusedxml/dtd_element.xml')), 'xml-children')).resolves.toBeDefined();
  });

  it('refuses nesting past maxDepth and documents past the element limit', async () => {
    const deep = `<users><user>${'<a>'.repeat(40)}x${'</a>'.repeat(40)}</user></users>`;
    expect((await feedError(parseText(deep, 'xml-children'), 'hostile')).message).toMatch(/^Line 1: the XML is nested deeper than 32 levels/);
    const many = `<users>${'<user name="x"/>'.repeat(200)}</users>`;
    await feedError(parseText(many, 'xml-attributes', { maxXmlElements: 100 }), 'too_large');
  });
});

describe('XML feeds', () => {
  it('values in child nodes: 00123 stays a string, repeated elements are multi-valued', async () => {
    const parsed = await parseText(
      `<?xml version="1.0" encoding="UTF-8"?>
      <!-- export -->
      <users>
        <user><username>alice</username><employeeId>00123</employeeId><group>a</group><group>b</group><active>true</active></user>
        <user><username>bob</username><employeeId>1e3</employeeId><groups><group>c</group></groups></user>
      </users>`,
      'xml-children',
    );
    expect(fieldsOf(parsed)).toEqual([
      { username: 'alice', employeeId: '00123', group: 'a\u001fb', active: 'true' },
      { username: 'bob', employeeId: '1e3', groups: 'c' },
    ]);
    expect(parsed.headers).toEqual(['username', 'employeeId', 'group', 'active', 'groups']);
  });

  it('values in attributes, with entities and namespaces', async () => {
    const parsed = await parseText(
      `<ns:users xmlns:ns="urn:x"><ns:user username="o&apos;brien" employeeId="00042" displayName="A &amp; B &#233;"/><ns:user username="c" /></ns:users>`,
      'xml-attributes',
    );
    expect(fieldsOf(parsed)).toEqual([{ username: "o'brien", employeeId: '00042', displayName: 'A & B é' }, { username: 'c' }]);
  });

  it('nested elements become dotted names; CDATA stays literal; a lone wrapper is looked through', async () => {
    const parsed = await parseText(
      `<export><people><person id="7"><name><given>Ann</given><family>Lee</family></name><note><![CDATA[<b>&amp;</b>]]></note><manager id="3"/></person><person id="8"/></people></export>`,
      'xml-children',
    );
    expect(fieldsOf(parsed)).toEqual([
      { id: '7', 'name.given': 'Ann', 'name.family': 'Lee', note: '<b>&amp;</b>', 'manager.id': '3' },
      { id: '8' },
    ]);
  });

  it('names like constructor and __proto__ stay plain fields', async () => {
    const [row] = (await parseText('<users><user __proto__="p"><constructor>c</constructor></user></users>', 'xml-children')).rows;
    expect(row?.fields).toEqual(Object.fromEntries([['__proto__', 'p'], ['constructor', 'c']]));
    expect(Object.getPrototypeOf(row?.fields)).toBe(Object.prototype);
  });

  it.each([
    ['broken markup', '<users><user><name>x</user></users>', 'malformed', /^Line 1, column \d+: Expected closing tag 'name'/],
    ['two roots', '<users/><users/>', 'malformed', /a second root element/],
    ['an empty root', '<users>\n</users>', 'empty', /The root element <users> holds no records/],
    ['an empty file', '  ', 'empty', /The file is empty/],
  ] as const)('refuses %s', async (_name, text, code, message) => {
    expect((await feedError(parseText(text, 'xml-children'), code)).message).toMatch(message);
  });

  it('names the line, column and record of a structural error', async () => {
    const error = await feedError(parseText('<users>\n  <user><name>a</name></user>\n  <user><name>x</user>\n</users>', 'xml-children'), 'malformed');
    expect(error.message).toBe("Line 3, column 16: Expected closing tag 'name' instead of 'user'. (record 2)");
    expect(error.row).toBe(2);
    const cut = await feedError(parseText('<users>\n<user username="a"/>\n<user username="b">', 'xml-attributes'), 'malformed');
    expect(cut.message).toMatch(/^Line 3: the document ends before <user> is closed: it looks cut off\. \(record 2\)$/);
  });

  it.each([
    ['an unquoted attribute', '<users><user id=7/></users>', /^Line 1: the tag <user> has a malformed attribute near "id=7\/": values must be quoted/],
    ['an attribute given twice', '<users><user id="1" id="2"/></users>', /the attribute id appears twice/],
    ['text outside the root', '<users><user id="1"/></users>trailing', /text outside the root element: "trailing"/],
    ['a closing tag without an opening one', '</users>', /a closing tag <\/users> without an opening tag/],
    ['an invalid element name', '<users><1user/></users>', /"1user" is not a valid element name/],
    ['a DOCTYPE after the root element', '<users><user id="1"/></users><!DOCTYPE users>', /a DOCTYPE declaration must come once, before the root element/],
    ['an unclosed comment', '<users><user id="1"/><!-- never', /^Line 1: a comment \(<!--\) is never closed/],
  ])('refuses %s, strictly', async (_name, text, message) => {
    expect((await feedError(parseText(text, 'xml-children'), 'malformed')).message).toMatch(message);
  });

  it('bounds a single tag or text and a record by maxFieldChars, naming the record', async () => {
    const longText = `<users><user id="1"/><user><note>${'x'.repeat(3000)}</note></user></users>`;
    const text = await feedError(parseText(longText, 'xml-children', { maxFieldChars: 1000 }), 'too_large');
    expect(text.message).toMatch(/^Line 1: a single tag, text or comment is longer than 1,000 characters; it is refused\. \(record 2\)$/);
    const manyFields = `<users><user id="1"/><user>${'<g>x</g>'.repeat(300)}</user></users>`;
    const record = await feedError(parseText(manyFields, 'xml-children', { maxFieldChars: 1000 }), 'too_large');
    expect(record.message).toMatch(/a record is longer than 1,000 characters; it is refused\. \(record 2\)$/);
    expect(record.row).toBe(2);
  });

  it('refuses a document larger than maxXmlChars', async () => {
    const big = `<users>${'<user id="1"/>'.repeat(100)}</users>`;
    expect((await feedError(parseText(big, 'xml-attributes', { maxXmlChars: 500 }), 'too_large')).message).toMatch(/larger than 500 characters/);
  });

  it('records with repeated structured children beside each other stay records; a lone wrapper past a record size is a list', async () => {
    const users = `<users><user><address><city>A</city></address><address><city>B</city></address></user><user><address><city>C</city></address></user></users>`;
    expect(fieldsOf(await parseText(users, 'xml-children'))).toEqual([{ 'address.city': 'A\u001fB' }, { 'address.city': 'C' }]);
    const items = Array.from({ length: 200 }, (_, i) => `<person id="${i + 1}"><name>P${i + 1}</name></person>`).join('');
    const parsed = await parseText(`<export><people>${items}</people></export>`, 'xml-children', { maxFieldChars: 500 });
    expect(parsed.rows).toHaveLength(200);
    expect(parsed.rows[199]).toEqual({ row: 200, fields: { id: '200', name: 'P200' } });
    const after = `<export><people>${items}</people><extra id="x"/></export>`;
    const error = await feedError(parseText(after, 'xml-children', { maxFieldChars: 500 }), 'malformed');
    expect(error.message).toMatch(/^Line 1: <extra> follows the list of records in the root element <export>; an XML feed holds its records in one list\.$/);
  });

  it('skips comments and processing instructions inside records; CDATA and entities stay inert text', async () => {
    const parsed = await parseText(
      `<users><user><!-- c --><?pi x?><username>a<!-- in -->b</username><note><![CDATA[&amp; <x/> ]]]]><![CDATA[>]]></note><raw>&nbsp;&bogus; AT&amp;T</raw></user></users>`,
      'xml-children',
    );
    expect(fieldsOf(parsed)).toEqual([{ username: 'ab', note: '&amp; <x/> ]]>', raw: '&nbsp;&bogus; AT&T' }]);
  });

  it('decodes only the predefined entities and character references', () => {
    expect(decodeXmlText('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&nbsp;&bogus;&#0;')).toBe('<>&"\'AB&nbsp;&bogus;&#0;');
  });
});
