import { FeedError } from './types';

const lineAt = (text: string, offset: number) => {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/**
 * Reads an XML document's markup before any parser sees it, and refuses what could make parsing dangerous or
 * unbounded: a DOCTYPE that declares entities or points at an external DTD, nesting deeper than maxDepth, more
 * than maxElements elements, more than one root element. Nothing is ever fetched or expanded.
 */
export function guardXml(text: string, limits: { maxDepth: number; maxElements: number }): void {
  let depth = 0;
  let elements = 0;
  let roots = 0;
  let i = text.indexOf('<');
  const unclosed = (what: string, at: number): never => {
    throw new FeedError('malformed', `Line ${lineAt(text, at)}: ${what} is never closed.`);
  };

  while (i !== -1) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) unclosed('a comment (<!--)', i);
      i = text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) unclosed('a CDATA section', i);
      i = text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) unclosed('a processing instruction (<?)', i);
      i = text.indexOf('<', end + 2);
      continue;
    }
    if (text.startsWith('<!', i)) {
      i = text.indexOf('<', checkDeclaration(text, i) + 1);
      continue;
    }
    const end = tagEnd(text, i);
    if (end === -1) unclosed('a tag', i);
    if (text[i + 1] === '/') {
      depth--;
    } else {
      elements++;
      if (elements > limits.maxElements) {
        throw new FeedError('too_large', `The XML has more than ${limits.maxElements.toLocaleString('en')} elements; it is refused.`);
      }
      if (depth === 0 && ++roots > 1) {
        throw new FeedError('malformed', `Line ${lineAt(text, i)}: a second root element; an XML feed has one root element holding the records.`);
      }
      if (text[end - 1] !== '/' && ++depth > limits.maxDepth) {
        throw new FeedError('hostile', `Line ${lineAt(text, i)}: the XML is nested deeper than ${limits.maxDepth} levels; it is refused.`);
      }
    }
    i = text.indexOf('<', end + 1);
  }
}

/** Checks a <!DOCTYPE ...> (or another <! declaration) at `start`; returns the offset of its closing >. */
function checkDeclaration(text: string, start: number): number {
  const head = text.slice(start, start + 9).toUpperCase();
  if (head !== '<!DOCTYPE') {
    throw new FeedError('malformed', `Line ${lineAt(text, start)}: unexpected declaration ${JSON.stringify(text.slice(start, start + 12))}.`);
  }
  let inSubset = false;
  let quoteChar = '';
  let end = -1;
  let externalId = false;
  for (let i = start + 9; i < text.length; i++) {
    const c = text[i];
    if (quoteChar) {
      if (c === quoteChar) quoteChar = '';
    } else if (c === '"' || c === "'") quoteChar = c;
    else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) {
      end = i;
      break;
    } else if (!inSubset && /^(SYSTEM|PUBLIC)\b/.test(text.slice(i, i + 7))) externalId = true;
  }
  if (end === -1) throw new FeedError('malformed', `Line ${lineAt(text, start)}: the DOCTYPE declaration is never closed.`);
  const body = text.slice(start, end + 1);
  if (/<!ENTITY/i.test(body) || /%[\w.:-]+;/.test(body)) {
    throw new FeedError(
      'hostile',
      `XML with a DOCTYPE/entity declarations is refused (line ${lineAt(text, start)}): entities can expand to gigabytes or read files on the server. Export the feed without a DOCTYPE.`,
    );
  }
  if (externalId) {
    throw new FeedError(
      'hostile',
      `XML with a DOCTYPE that refers to an external DTD (SYSTEM or PUBLIC) is refused (line ${lineAt(text, start)}): Concord never fetches anything a feed points to. Export the feed without a DOCTYPE.`,
    );
  }
  return end;
}

/** Offset of the > that ends the tag starting at `start`, skipping quoted attribute values; -1 if none. */
function tagEnd(text: string, start: number): number {
  let quoteChar = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quoteChar) {
      if (c === quoteChar) quoteChar = '';
    } else if (c === '"' || c === "'") quoteChar = c;
    else if (c === '>') return i;
  }
  return -1;
}
