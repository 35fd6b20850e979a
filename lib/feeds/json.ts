import { FieldNames, quote } from './fields';
import { recordFields } from './json-fields';
import { JsonSyntaxError, lineAndColumn, parseJsonValue } from './json-value';
import { FeedError, type FormatParser, type RowSink } from './types';

const BEFORE = 0; // before the opening [
const FIRST = 1; // after [: a value or ]
const NEXT = 2; // after a comma: a value
const VALUE = 3; // inside a value
const AFTER = 4; // after a value: , or ]
const DONE = 5; // after the closing ]

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * A top-level JSON array of objects, streamed: a small scanner cuts the array into its elements (tracking strings
 * and brackets across pieces) and each element is parsed on its own, so only one record is held as text at a time.
 */
export function createJsonParser(options: { maxDepth: number; maxFieldChars: number; allowNoRows: boolean }): FormatParser {
  const names = new FieldNames();
  const warned = new Set<string>();
  let state = BEFORE;
  let line = 1;
  let records = 0;
  // the value being cut
  let buffer = '';
  let valueLine = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let literal = false;

  const malformed = (message: string) => new FeedError('malformed', message);

  const tooLarge = () =>
    new FeedError(
      'too_large',
      `Record ${records + 1} (starting on line ${valueLine}) is longer than ${options.maxFieldChars.toLocaleString('en')} characters.`,
      { row: records + 1 },
    );

  const finishValue = (out: RowSink) => {
    if (buffer.length > options.maxFieldChars) throw tooLarge();
    const text = buffer;
    buffer = '';
    const row = ++records;
    let value;
    try {
      value = parseJsonValue(text, options.maxDepth);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const at = lineAndColumn(text, error.offset);
      const fileLine = valueLine + at.line - 1;
      throw new FeedError('malformed', `Record ${row} (line ${fileLine}): ${error.message}.`, { row });
    }
    const { fields, issues } = recordFields(value, row, `Record ${row} (line ${valueLine})`, warned);
    issues.forEach((issue) => out.issue(issue));
    if (!fields) return;
    Object.keys(fields).forEach((name) => names.add(name));
    out.row({ row, fields });
  };

  return {
    push(text, out) {
      let start = state === VALUE ? 0 : -1;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (state === VALUE) {
          if (literal) {
            if (c === 44 || c === 93 || isSpace(c)) {
              buffer += text.slice(start, i);
              finishValue(out);
              state = AFTER;
              i--; // read the terminator again as what follows the value
              continue;
            }
          } else if (inString) {
            if (escaped) escaped = false;
            else if (c === 92) escaped = true;
            else if (c === 34) {
              inString = false;
              if (depth === 0) {
                buffer += text.slice(start, i + 1);
                finishValue(out);
                state = AFTER;
              }
            }
          } else if (c === 34) inString = true;
          else if (c === 123 || c === 91) depth++;
          else if (c === 125 || c === 93) {
            if (--depth === 0) {
              buffer += text.slice(start, i + 1);
              finishValue(out);
              state = AFTER;
            }
          }
          if (c === 10) line++;
          continue;
        }
        if (c === 10) line++;
        if (isSpace(c)) continue;
        const char = String.fromCharCode(c);
        if (state === BEFORE) {
          if (c === 91) state = FIRST;
          else if (c === 123) {
            throw malformed(
              'The file holds a single JSON object, not an array of objects. Upload an array ([{...}, {...}]) or JSON lines (one object per line).',
            );
          } else throw malformed(`The file does not start with a JSON array: expected "[" on line ${line}, found ${quote(char)}.`);
        } else if (state === AFTER) {
          if (c === 44) state = NEXT;
          else if (c === 93) state = DONE;
          else throw malformed(`Line ${line}: expected "," or "]" after record ${records}, found ${quote(char)}.`);
        } else if (state === DONE) {
          throw malformed(`Line ${line}: unexpected ${quote(char)} after the end of the JSON array.`);
        } else if (state === FIRST && c === 93) {
          state = DONE;
        } else if (c === 93 || c === 44) {
          throw malformed(`Line ${line}: expected record ${records + 1} after ",", found ${quote(char)}.`);
        } else {
          state = VALUE;
          start = i;
          valueLine = line;
          depth = c === 123 || c === 91 ? 1 : 0;
          inString = c === 34;
          escaped = false;
          literal = !inString && depth === 0;
        }
      }
      if (state === VALUE) {
        buffer += text.slice(start);
        if (buffer.length > options.maxFieldChars) throw tooLarge();
      }
    },
    end(out) {
      if (state === VALUE && literal) {
        finishValue(out);
        state = AFTER;
      }
      if (state === BEFORE) throw new FeedError('empty', 'The file is empty.');
      if (state !== DONE) {
        throw malformed(
          `The JSON array is not closed: the file ends ${records === 0 ? 'before the first record' : `after record ${records}`} (line ${line}). It looks cut off.`,
        );
      }
      if (records === 0 && !options.allowNoRows) throw new FeedError('empty', 'The JSON array is empty: it holds no records.');
    },
    headers: () => names.list(),
    position: () =>
      state === VALUE ? { row: records + 1, label: `record ${records + 1}, line ${line}` } : { row: null, label: `line ${line}` },
  };
}
