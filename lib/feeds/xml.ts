import { FieldNames, setField } from './fields';
import { MULTI_VALUE_SEPARATOR, FeedError, type FormatParser, type RawRow, type RowSink } from './types';
import { XmlTokenizer, xmlError, type XmlHandler } from './xml-tokenizer';

export { decodeXmlText } from './xml-tokenizer';

/** An element of one record, built only while that record is read. `start` is its document offset. */
type XmlElement = { name: string; attributes: Array<[string, string]>; children: XmlElement[]; text: string; start: number };

type XmlOptions = { maxDepth: number; maxXmlElements: number; maxXmlChars: number; maxFieldChars: number; allowNoRows: boolean };

/**
 * XML feeds, read as a stream: the records are the children of the root element, or of a lone wrapper inside it
 * (<export><users><user/>...</users></export>). A record's attributes and child elements both become fields;
 * repeated child elements (several <group>) become one multi-valued field, as does a plural wrapper
 * (<groups><group>a</group><group>b</group></groups>); deeper elements become dotted names (manager.id).
 * Only the record being read is held in memory, and it may span at most maxFieldChars characters.
 */
export function createXmlParser(options: XmlOptions): FormatParser {
  const reader = new RecordReader(options);
  const tokenizer = new XmlTokenizer(
    { maxDepth: options.maxDepth, maxElements: options.maxXmlElements, maxDocumentChars: options.maxXmlChars, maxTokenChars: options.maxFieldChars },
    reader,
    () => reader.currentRecord(),
  );
  reader.attach(tokenizer);
  return {
    push(text, out) {
      reader.out = out;
      tokenizer.push(text);
    },
    end(out) {
      reader.out = out;
      tokenizer.end();
      reader.finish();
    },
    settle(out) {
      reader.out = out;
      tokenizer.settle();
    },
    headers: () => reader.names.list(),
    position: () => ({ row: reader.currentRecord() ?? null, label: `line ${tokenizer.currentLine()}` }),
  };
}

/**
 * Turns the tokenizer's events into records. Which level holds the records is decided as early as the document
 * allows: the root's first child is a record if it has attributes or a child that is not a record-like element
 * (attributes or children of its own), or if another element follows it; it is a wrapper if it ends as the root's
 * only child holding record-like elements of one name, or if it grows past the size of a record while holding them.
 */
class RecordReader implements XmlHandler {
  readonly names = new FieldNames();
  out: RowSink | undefined;
  private tokenizer: XmlTokenizer | undefined;
  private depth = 0;
  private rootName = '';
  /** Depth of the records (2: the root's children, 3: a wrapper's children), once known. */
  private level: 2 | 3 | undefined;
  /** The root's child being read while the level is unknown; kept after it closes until the next event decides. */
  private first: XmlElement | undefined;
  private firstClosed = false;
  private wrapperClosed = false;
  /** The elements being built, outermost first: a record and its open descendants. */
  private stack: XmlElement[] = [];
  private records = 0;

  constructor(private readonly options: XmlOptions) {}

  attach(tokenizer: XmlTokenizer): void {
    this.tokenizer = tokenizer;
  }

  /** The record being read, if any: named in errors. */
  currentRecord(): number | undefined {
    return this.stack.length > 0 || this.first ? this.records + 1 : undefined;
  }

  open(name: string, attributes: Array<[string, string]>): void {
    const depth = ++this.depth;
    const element: XmlElement = { name, attributes, children: [], text: '', start: this.tokenizer?.offset ?? 0 };
    if (depth === 1) {
      this.rootName = name;
      return;
    }
    if (depth === 2) this.openTopLevel(element);
    else if (depth === 3 && this.level === 3) this.stack = [element];
    else if (this.stack.length > 0) {
      if (depth === 3 && this.level === undefined) this.checkWrapperItem(element);
      this.stack.at(-1)!.children.push(element);
      this.stack.push(element);
    }
    this.checkSize();
  }

  text(value: string): void {
    const element = this.stack.at(-1);
    if (!element) return; // between records, in the root or a wrapper
    element.text += value;
    this.checkSize();
  }

  close(): void {
    const depth = this.depth--;
    if (depth === 1) return this.closeRoot();
    if (depth === 2) return this.closeTopLevel();
    const element = this.stack.pop();
    if (depth === 3 && this.level === 3 && element) this.emit(element);
    else if (depth === 3 && this.level === undefined && element && !isStructured(element)) this.settleAsRecords();
  }

  private openTopLevel(element: XmlElement): void {
    if (this.wrapperClosed) {
      throw this.error('malformed', `<${element.name}> follows the list of records in the root element <${this.rootName}>; an XML feed holds its records in one list.`);
    }
    if (this.first && this.firstClosed) {
      // a second element beside the first: both are records
      const first = this.first;
      this.settleAsRecords();
      this.emit(first);
    }
    if (this.level === undefined) {
      if (element.attributes.length > 0) this.settleAsRecords();
      else this.first = element;
    }
    this.stack = [element];
  }

  private closeTopLevel(): void {
    const element = this.stack.pop();
    this.stack = [];
    if (this.level === 2 && element) this.emit(element);
    else if (this.level === 3) this.wrapperClosed = true;
    else if (element) {
      this.firstClosed = true;
      if (element.children.length === 0) this.decide(2);
    }
  }

  private closeRoot(): void {
    if (this.first) this.decide(this.wrapperSoFar() ? 3 : 2);
  }

  /** After the whole document: a root without records is an empty feed. */
  finish(): void {
    if (this.records === 0 && !this.options.allowNoRows) throw new FeedError('empty', `The root element <${this.rootName}> holds no records.`);
  }

  /** The first element is a record, and so is every element beside it. */
  private settleAsRecords(): void {
    this.level = 2;
    this.first = undefined;
  }

  /** A wrapper's items all have one name: an element of another name makes the first element a record. */
  private checkWrapperItem(element: XmlElement): void {
    const firstItem = this.first?.children[0];
    if (firstItem && firstItem.name !== element.name) this.settleAsRecords();
  }

  private wrapperSoFar(): boolean {
    const items = this.first?.children ?? [];
    const done = this.stack.length > 1 ? items.slice(0, -1) : items;
    return items.length > 0 && items.every((item) => item.name === items[0]!.name) && done.every(isStructured);
  }

  /** Settles the level for the first element: as a record, or as the wrapper whose items read so far are records. */
  private decide(level: 2 | 3): void {
    const first = this.first!;
    this.first = undefined;
    this.level = level;
    if (level === 2) {
      if (this.firstClosed) this.emit(first);
      return;
    }
    // the item being read, if any, stays on the stack as the record being built
    const done = this.stack.length > 1 ? first.children.slice(0, -1) : first.children;
    done.forEach((item) => this.emit(item));
    this.stack = this.stack.slice(1);
    if (this.firstClosed) this.wrapperClosed = true;
  }

  /** A record may span at most maxFieldChars characters; the first element past that size can only be a wrapper. */
  private checkSize(): void {
    const start = this.stack[0]?.start;
    if (start === undefined || (this.tokenizer?.offset ?? 0) - start <= this.options.maxFieldChars) return;
    if (this.first && this.level === undefined && this.wrapperSoFar()) {
      this.decide(3);
      this.checkSize();
      return;
    }
    throw this.error('too_large', `a record is longer than ${this.options.maxFieldChars.toLocaleString('en')} characters; it is refused.`);
  }

  private emit(element: XmlElement): void {
    const fields = fieldsOf(element);
    Object.keys(fields).forEach((name) => this.names.add(name));
    this.out?.row({ row: ++this.records, fields });
  }

  private error(code: 'malformed' | 'too_large', message: string): FeedError {
    return xmlError(code, message, { line: this.tokenizer?.line, row: this.currentRecord() });
  }
}

const isStructured = (element: XmlElement) => element.attributes.length > 0 || element.children.length > 0;
const textOf = (element: XmlElement) => element.text.trim();

function fieldsOf(record: XmlElement): RawRow['fields'] {
  const values = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  };
  for (const [name, value] of record.attributes) add(name, value);
  collect(record.children, '', add);
  const fields: RawRow['fields'] = {};
  for (const [name, list] of values) setField(fields, name, list.join(MULTI_VALUE_SEPARATOR));
  return fields;
}

function collect(elements: XmlElement[], prefix: string, add: (name: string, value: string) => void): void {
  for (const element of elements) {
    const path = prefix ? `${prefix}.${element.name}` : element.name;
    for (const [name, value] of element.attributes) add(`${path}.${name}`, value);
    const inner = element.children;
    const text = textOf(element);
    if (inner.length === 0) {
      if (text !== '' || element.attributes.length === 0) add(path, text);
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
