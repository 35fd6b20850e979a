import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FieldNames, setField } from './fields';
import { MULTI_VALUE_SEPARATOR, FeedError, type FormatParser, type RawRow } from './types';
import { guardXml } from './xml-guard';

/** A node of fast-xml-parser's preserveOrder output: one element name → children, ':@' → attributes. */
type XmlNode = Record<string, unknown>;
type Element = { name: string; children: XmlNode[]; attributes: Record<string, string> };

const ATTRIBUTES = ':@';
const TEXT = '#text';
const CDATA = '#cdata';
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const RESERVED_MARK = '\u0000reserved:';

// fast-xml-parser refuses element and attribute names that could pollute prototypes; carry them through and restore.
const protectName = (name: string) => (RESERVED.has(name) ? RESERVED_MARK + name : name);
const restoreName = (name: string) => (name.startsWith(RESERVED_MARK) ? name.slice(RESERVED_MARK.length) : name);

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  cdataPropName: CDATA,
  transformTagName: protectName,
  transformAttributeName: protectName,
  maxNestedTags: 1000,
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else stays as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return PREDEFINED[ref] ?? whole;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * XML feeds: the records are the children of the root element (or of a lone wrapper inside it, as in
 * <export><users><user/>...</users></export>). A record's attributes and child elements both become fields;
 * repeated child elements (several <group>) become one multi-valued field, as does a plural wrapper
 * (<groups><group>a</group><group>b</group></groups>); deeper elements become dotted names (manager.id).
 * The document is read whole (the upload cap bounds it), guarded first: see guardXml.
 */
export function createXmlParser(options: { maxDepth: number; maxXmlElements: number; maxXmlChars: number; allowNoRows: boolean }): FormatParser {
  const parts: string[] = [];
  let size = 0;
  const names = new FieldNames();

  return {
    push(text) {
      size += text.length;
      if (size > options.maxXmlChars) {
        throw new FeedError('too_large', `The XML document is larger than ${options.maxXmlChars.toLocaleString('en')} characters; it is refused.`);
      }
      parts.push(text);
    },
    end(out) {
      const text = parts.join('');
      parts.length = 0;
      if (text.trim() === '') throw new FeedError('empty', 'The file is empty.');
      guardXml(text, { maxDepth: options.maxDepth, maxElements: options.maxXmlElements });
      const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
      if (valid !== true) {
        const column = typeof valid.err.col === 'number' ? `, column ${valid.err.col}` : '';
        throw new FeedError('malformed', `Line ${valid.err.line}${column}: ${valid.err.msg}`);
      }
      const root = elementsOf(parser.parse(text) as XmlNode[])[0];
      if (!root) throw new FeedError('empty', 'The XML document has no root element.');
      const records = recordElements(root);
      if (records.length === 0 && !options.allowNoRows) throw new FeedError('empty', `The root element <${root.name}> holds no records.`);
      records.forEach((record, index) => {
        const fields = fieldsOf(record);
        Object.keys(fields).forEach((name) => names.add(name));
        out.row({ row: index + 1, fields });
      });
    },
    headers: () => names.list(),
    position: () => {
      let line = 1;
      for (const part of parts) for (let i = part.indexOf('\n'); i !== -1; i = part.indexOf('\n', i + 1)) line++;
      return { row: null, label: `line ${line}` };
    },
  };
}

function elementsOf(nodes: XmlNode[]): Element[] {
  const elements: Element[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ATTRIBUTES && key !== TEXT && key !== CDATA);
    if (name === undefined) continue;
    const attributes: Record<string, string> = {};
    const raw = (node[ATTRIBUTES] ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      setField(attributes, restoreName(key), decodeXmlText(String(value)));
    }
    elements.push({ name: restoreName(name), children: (node[name] ?? []) as XmlNode[], attributes });
  }
  return elements;
}

function textOf(element: Element): string {
  let text = '';
  for (const child of element.children) {
    if (typeof child[TEXT] === 'string') text += decodeXmlText(child[TEXT]);
    else if (Array.isArray(child[CDATA])) {
      for (const piece of child[CDATA] as XmlNode[]) if (typeof piece[TEXT] === 'string') text += piece[TEXT];
    }
  }
  return text.trim();
}

const isStructured = (element: Element) => Object.keys(element.attributes).length > 0 || elementsOf(element.children).length > 0;

function recordElements(root: Element): Element[] {
  const children = elementsOf(root.children);
  const only = children.length === 1 ? children[0] : undefined;
  if (only) {
    const inner = elementsOf(only.children);
    const wrapper = inner.length > 0 && inner.every((item) => item.name === inner[0]?.name && isStructured(item));
    if (wrapper && Object.keys(only.attributes).length === 0) return inner;
  }
  return children;
}

function fieldsOf(record: Element): RawRow['fields'] {
  const values = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  };
  for (const [name, value] of Object.entries(record.attributes)) add(name, value);
  collect(elementsOf(record.children), '', add);
  const fields: RawRow['fields'] = {};
  for (const [name, list] of values) setField(fields, name, list.join(MULTI_VALUE_SEPARATOR));
  return fields;
}

function collect(elements: Element[], prefix: string, add: (name: string, value: string) => void): void {
  for (const element of elements) {
    const path = prefix ? `${prefix}.${element.name}` : element.name;
    for (const [name, value] of Object.entries(element.attributes)) add(`${path}.${name}`, value);
    const inner = elementsOf(element.children);
    const text = textOf(element);
    if (inner.length === 0) {
      if (text !== '' || Object.keys(element.attributes).length === 0) add(path, text);
      continue;
    }
    const itemName = inner[0]?.name ?? '';
    const pluralWrapper =
      text === '' &&
      element.name.toLowerCase().startsWith(itemName.toLowerCase()) &&
      inner.every((item) => item.name === itemName && !isStructured(item));
    if (pluralWrapper) {
      inner.forEach((item) => add(path, textOf(item)));
      continue;
    }
    if (text !== '') add(path, text);
    collect(inner, path, add);
  }
}
