/**
 * A small JSON parser that keeps numbers as their source text: JSON.parse would turn 00123-like identifiers
 * written as numbers, 1.0 or 12345678901234567890 into something else. Objects are Maps, so no key can reach a
 * prototype. Nesting deeper than maxDepth is refused.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = string | JsonNumber | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the parsed text. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJsonValue(text: string, maxDepth: number): JsonValue {
  let i = 0;

  const take = <T>(length: number, value: T): T => {
    i += length;
    return value;
  };
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const describe = (at: number) => (at >= text.length ? 'the end of the text' : `${JSON.stringify(text[at])}`);
  const skipSpace = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  };

  const parseString = (): string => {
    const start = i;
    let escaped = false;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c < 0x20) fail('a control character (such as a line break) inside a string must be escaped');
    }
    if (i >= text.length) fail('a string is not closed', start);
    i++;
    if (!escaped) return text.slice(start + 1, i - 1);
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('a string holds an invalid escape sequence', start);
    }
  };

  const parseValue = (depth: number): JsonValue => {
    skipSpace();
    const c = text[i];
    if (c === '"') return parseString();
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) fail(`the value is nested deeper than ${maxDepth} levels`);
      return c === '{' ? parseObject(depth + 1) : parseArray(depth + 1);
    }
    if (c === 't' && text.startsWith('true', i)) return take(4, true);
    if (c === 'f' && text.startsWith('false', i)) return take(5, false);
    if (c === 'n' && text.startsWith('null', i)) return take(4, null);
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return new JsonNumber(number[0]);
    }
    return fail(`unexpected ${describe(i)} where a value was expected`);
  };

  const parseArray = (depth: number): JsonValue[] => {
    const items: JsonValue[] = [];
    i++;
    skipSpace();
    if (text[i] === ']') return take(1, items);
    for (;;) {
      items.push(parseValue(depth));
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] === ']') return take(1, items);
      else fail(`expected "," or "]" in a list, found ${describe(i)}`);
    }
  };

  const parseObject = (depth: number): JsonObject => {
    const object: JsonObject = new Map();
    i++;
    skipSpace();
    if (text[i] === '}') return take(1, object);
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`expected a quoted property name, found ${describe(i)}`);
      const key = parseString();
      skipSpace();
      if (text[i] !== ':') fail(`expected ":" after the property name ${JSON.stringify(key)}, found ${describe(i)}`);
      i++;
      object.set(key, parseValue(depth));
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] === '}') return take(1, object);
      else fail(`expected "," or "}" in an object, found ${describe(i)}`);
    }
  };

  const value = parseValue(0);
  skipSpace();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the value`);
  return value;
}

/** 1-based line and column of an offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
