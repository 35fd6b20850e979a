import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeXmlText } from './xml';
import { parseAll } from './parse-feed';
import { feedError, fieldsOf, parseText, testdataDir, utf8 } from './test-support';
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

  it('decodes only the predefined entities and character references', () => {
    expect(decodeXmlText('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&nbsp;&bogus;&#0;')).toBe('<>&"\'AB&nbsp;&bogus;&#0;');
  });
});
