import { FeedError, type FeedErrorCode } from './types';

/** What the tokenizer reports; names are local (a namespace prefix is dropped), values decoded. */
export interface XmlHandler {
  open(name: string, attributes: Array<[string, string]>): void;
  close(): void;
  text(value: string): void;
}

export type XmlLimits = {
  /** Deepest nesting of elements. */
  maxDepth: number;
  /** Most elements in the document. */
  maxElements: number;
  /** Largest document, in characters. */
  maxDocumentChars: number;
  /** Longest single token (a tag with its attributes, a text, a CDATA section, a comment), in characters. */
  maxTokenChars: number;
};

/** Where an error happened, for the message: the record being read, if any. */
export type XmlWhere = () => number | undefined;

const MAX_NAME_CHARS = 1024;
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7-\uFFFF-]*$/;
const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_REST = /\s*\/?$/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else stays as written, never expanded. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return PREDEFINED[ref] ?? whole;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * A small, strict, inert tokenizer for XML feeds, fed decoded text piece by piece as parseFeed pulls it from the
 * source (the FormatParser contract), reporting each tag and text to a handler. It holds back only an
 * unfinished token (bounded by maxTokenChars) and the names of the open elements (bounded by maxDepth), so memory
 * stays bounded however long the document is. Nothing is ever expanded or fetched: a DOCTYPE that declares entities
 * or names an external DTD is refused; only the five predefined entities and character references are decoded.
 * Comments and processing instructions are skipped; CDATA is text.
 */
export class XmlTokenizer {
  private buffer = '';
  /** Document offset of buffer[0]. */
  private base = 0;
  /** The line of the token being read (after a push or end: of the next one). */
  line = 1;
  /** Document offset of the last newline before the current token (-1: none yet). */
  private lastNewline = -1;
  private readonly open: string[] = [];
  private rootSeen = false;
  private doctypeSeen = false;
  private sawMarkup = false;
  private retryAt = 0;
  /** Index in the text being drained of the next newline not yet counted (-1: none). */
  private nextNewline = -1;
  private elements = 0;
  private chars = 0;

  constructor(
    private readonly limits: XmlLimits,
    private readonly handler: XmlHandler,
    private readonly where: XmlWhere = () => undefined,
  ) {}

  /** Document offset of the token being read: lets the caller measure how much of the document a record spans. */
  offset = 0;

  push(text: string): void {
    this.chars += text.length;
    if (this.chars > this.limits.maxDocumentChars) {
      this.fail('too_large', `The XML document is larger than ${this.limits.maxDocumentChars.toLocaleString('en')} characters; it is refused.`, false);
    }
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    if (this.buffer.length >= this.retryAt) this.drain(false);
  }

  /** Reads every complete token held back, so that the line and record reached are exact (before an encoding error). */
  settle(): void {
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    if (!this.rootSeen) throw new FeedError('empty', this.sawMarkup ? 'The XML document has no root element.' : 'The file is empty.');
    const unclosed = this.open.at(-1);
    if (unclosed !== undefined) this.fail('malformed', `the document ends before <${unclosed}> is closed: it looks cut off.`);
  }

  /** The line the tokenizer has reached, counting text it holds back. */
  currentLine(): number {
    let line = this.line;
    for (let i = this.buffer.indexOf('\n'); i !== -1; i = this.buffer.indexOf('\n', i + 1)) line++;
    return line;
  }

  private drain(final: boolean): void {
    const text = this.buffer;
    this.nextNewline = text.indexOf('\n');
    let pos = 0;
    while (pos < text.length) {
      const end = text[pos] === '<' ? this.markup(text, pos, final) : this.characters(text, pos, final);
      if (end === -1) break;
      if (end - pos > this.limits.maxTokenChars) this.tooLong();
      this.advance(text, end);
      pos = end;
    }
    this.buffer = text.slice(pos);
    this.base += pos;
    // An unfinished token is scanned again only once the text held back has doubled: input trickling in by the
    // byte costs linear time, not a rescan of the whole token per piece.
    this.retryAt = this.buffer.length * 2;
    if (this.buffer.length > this.limits.maxTokenChars) {
      this.offset = this.base;
      this.tooLong();
    }
  }

  private tooLong(): never {
    this.fail('too_large', `a single tag, text or comment is longer than ${this.limits.maxTokenChars.toLocaleString('en')} characters; it is refused.`);
  }

  /**
   * Counts the lines up to `to` so that errors name the line of the next token. The next newline is remembered, so
   * a document on one line is not searched to its end after every token.
   */
  private advance(text: string, to: number): void {
    while (this.nextNewline !== -1 && this.nextNewline < to) {
      this.line++;
      this.lastNewline = this.base + this.nextNewline;
      this.nextNewline = text.indexOf('\n', this.nextNewline + 1);
    }
  }

  /** Text up to the next tag; returns where it ends, or -1 to wait for more input. */
  private characters(text: string, pos: number, final: boolean): number {
    let end = text.indexOf('<', pos);
    if (end === -1) {
      if (!final) return -1;
      end = text.length;
    }
    this.offset = this.base + pos;
    const raw = text.slice(pos, end);
    if (this.open.length > 0) this.handler.text(decodeXmlText(raw));
    else if (raw.trim() !== '') this.fail('malformed', `text outside the root element: ${JSON.stringify(raw.trim().slice(0, 40))}.`);
    return end;
  }

  /** A tag, comment, CDATA section, processing instruction or DOCTYPE at `pos`; returns where it ends, or -1. */
  private markup(text: string, pos: number, final: boolean): number {
    this.offset = this.base + pos;
    this.sawMarkup = true;
    const unclosed = (what: string): number => {
      if (final) this.fail('malformed', `${what} is never closed.`);
      return -1;
    };
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos + 4);
      return end === -1 ? unclosed('a comment (<!--)') : end + 3;
    }
    if (text.startsWith('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', pos + 9);
      if (end === -1) return unclosed('a CDATA section');
      if (this.open.length === 0) this.fail('malformed', 'a CDATA section outside the root element.');
      this.handler.text(text.slice(pos + 9, end));
      return end + 3;
    }
    if (text.startsWith('<?', pos)) {
      const end = text.indexOf('?>', pos + 2);
      return end === -1 ? unclosed('a processing instruction (<?)') : end + 2;
    }
    // Every other token ends at a '>': until one arrives the token is incomplete, and its kind is decided.
    if (text.indexOf('>', pos) === -1) return unclosed(text.startsWith('<!', pos) ? 'a declaration (<!)' : 'a tag');
    if (text.startsWith('<!', pos)) {
      const end = this.declaration(text, pos);
      return end === -1 ? unclosed('the DOCTYPE declaration') : end + 1;
    }
    if (text[pos + 1] === '/') return this.closeTag(text, pos);
    const end = markupEnd(text, pos, false);
    if (end === -1) return unclosed('a tag');
    this.openTag(text.slice(pos + 1, end));
    return end + 1;
  }

  private openTag(inside: string): void {
    const name = /^[^\s/>]*/.exec(inside)![0];
    this.checkName(name, 'element');
    const attributes = this.attributes(inside, name.length);
    const selfClosing = inside.endsWith('/');
    if (this.open.length === 0 && this.rootSeen) {
      this.fail('malformed', 'a second root element; an XML feed has one root element holding the records.');
    }
    this.rootSeen = true;
    if (++this.elements > this.limits.maxElements) {
      this.fail('too_large', `The XML has more than ${this.limits.maxElements.toLocaleString('en')} elements; it is refused.`, false);
    }
    if (!selfClosing && this.open.length + 1 > this.limits.maxDepth) {
      this.fail('hostile', `the XML is nested deeper than ${this.limits.maxDepth} levels; it is refused.`, true, false);
    }
    this.open.push(name);
    this.handler.open(localName(name), attributes);
    if (selfClosing) this.closeElement();
  }

  private attributes(inside: string, from: number): Array<[string, string]> {
    const attributes: Array<[string, string]> = [];
    const seen = new Set<string>();
    let at = from;
    for (ATTRIBUTE.lastIndex = at; ; ATTRIBUTE.lastIndex = at) {
      const match = ATTRIBUTE.exec(inside);
      if (!match) break;
      at = ATTRIBUTE.lastIndex;
      const name = match[1]!;
      this.checkName(name, 'attribute');
      if (seen.has(name)) this.fail('malformed', `the attribute ${name} appears twice in one tag.`);
      seen.add(name);
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      attributes.push([localName(name), decodeXmlText(match[2] ?? match[3] ?? '')]);
    }
    TAG_REST.lastIndex = at;
    if (!TAG_REST.test(inside)) {
      const rest = inside.slice(at).trim();
      this.fail('malformed', `the tag <${inside.slice(0, from)}> has a malformed attribute near ${JSON.stringify(rest.slice(0, 30))}: values must be quoted and must not contain "<".`);
    }
    return attributes;
  }

  private closeTag(text: string, pos: number): number {
    const end = text.indexOf('>', pos);
    const name = text.slice(pos + 2, end).trimEnd();
    const expected = this.open.at(-1);
    if (expected === undefined) this.fail('malformed', `a closing tag </${name}> without an opening tag.`);
    if (name !== expected) this.fail('malformed', `Expected closing tag '${expected}' instead of '${name}'.`, true, true);
    this.closeElement();
    return end + 1;
  }

  private closeElement(): void {
    this.open.pop();
    this.handler.close();
  }

  /** Checks a <!DOCTYPE ...> at `start`; returns the offset of its closing >, or -1 if it is not complete yet. */
  private declaration(text: string, start: number): number {
    if (text.slice(start, start + 9).toUpperCase() !== '<!DOCTYPE') {
      this.fail('malformed', `unexpected declaration ${JSON.stringify(text.slice(start, start + 12))}.`);
    }
    const end = markupEnd(text, start, true);
    if (end === -1) return -1;
    if (this.rootSeen || this.doctypeSeen) this.fail('malformed', 'a DOCTYPE declaration must come once, before the root element.');
    this.doctypeSeen = true;
    const body = text.slice(start, end + 1);
    const line = this.line;
    if (/<!ENTITY/i.test(body) || /%[\w.:-]+;/.test(body)) {
      throw new FeedError(
        'hostile',
        `XML with a DOCTYPE/entity declarations is refused (line ${line}): entities can expand to gigabytes or read files on the server. Export the feed without a DOCTYPE.`,
      );
    }
    if (/^<!DOCTYPE\s+[^\s[>]+\s+(SYSTEM|PUBLIC)\b/i.test(body)) {
      throw new FeedError(
        'hostile',
        `XML with a DOCTYPE that refers to an external DTD (SYSTEM or PUBLIC) is refused (line ${line}): Concord never fetches anything a feed points to. Export the feed without a DOCTYPE.`,
      );
    }
    return end;
  }

  private checkName(name: string, what: 'element' | 'attribute'): void {
    if (name.length > MAX_NAME_CHARS) this.fail('too_large', `an ${what} name is longer than ${MAX_NAME_CHARS} characters.`);
    if (!NAME.test(name)) this.fail('malformed', `${JSON.stringify(name.slice(0, 40))} is not a valid ${what} name.`);
  }

  /**
   * Throws a FeedError naming the line (and column) of the token being read and the record it belongs to.
   * A document-wide limit (withLine false) is not about a place in it.
   */
  private fail(code: FeedErrorCode, message: string, withLine = true, withColumn = false): never {
    const place = withLine ? { line: this.line, column: withColumn ? this.offset - this.lastNewline : undefined } : {};
    throw xmlError(code, message, { ...place, row: this.where() });
  }
}

/** A FeedError about a place in an XML document: "Line 3, column 16: … (record 2)", with the record as its row. */
export function xmlError(code: FeedErrorCode, message: string, where: { line?: number; column?: number; row?: number }): FeedError {
  const column = where.column === undefined ? '' : `, column ${where.column}`;
  const place = where.line === undefined ? '' : `Line ${where.line}${column}: `;
  const record = where.row === undefined ? '' : ` (record ${where.row})`;
  return new FeedError(code, `${place}${message}${record}`, where.row === undefined ? {} : { row: where.row });
}

/**
 * Offset of the > that ends the markup starting at `start`, skipping quoted strings and, in a DOCTYPE, the internal
 * subset in [ ]; -1 if it has not arrived yet.
 */
function markupEnd(text: string, start: number, subset: boolean): number {
  let inSubset = false;
  let quoteChar = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quoteChar) {
      if (c === quoteChar) quoteChar = '';
    } else if (c === '"' || c === "'") quoteChar = c;
    else if (subset && (c === '[' || c === ']')) inSubset = c === '[';
    else if (c === '>' && !inSubset) return i;
  }
  return -1;
}
