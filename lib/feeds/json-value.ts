/**
 * A small JSON parser that keeps numbers as their source text: JSON.parse would turn 1.0 into 1 and
 * 12345678901234567890 into 12345678901234567000. Objects keep their members as an ordered list of pairs, so no
 * key can reach a prototype. Nesting deeper than maxDepth is refused.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export class JsonObject {
  constructor(readonly members: Array<[string, JsonValue]>) {}
}

export type JsonValue = string | JsonNumber | boolean | null | JsonValue[] | JsonObject;

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
  const reader = new JsonReader(text, maxDepth);
  const value = reader.value(0);
  reader.skipSpace();
  if (reader.i < text.length) reader.fail(`unexpected ${reader.describe()} after the end of the value`);
  return value;
}

/** Recursive descent over one JSON text; a class so that no closures are made per record. */
class JsonReader {
  i = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  fail(message: string, at = this.i): never {
    throw new JsonSyntaxError(message, at);
  }

  describe(at = this.i): string {
    return at >= this.text.length ? 'the end of the text' : JSON.stringify(this.text[at]);
  }

  skipSpace(): void {
    const text = this.text;
    let i = this.i;
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
    this.i = i;
  }

  value(depth: number): JsonValue {
    this.skipSpace();
    const text = this.text;
    const c = text[this.i];
    if (c === '"') return this.string();
    if (c === '{' || c === '[') {
      if (depth >= this.maxDepth) this.fail(`the value is nested deeper than ${this.maxDepth} levels`);
      return c === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === 't' && text.startsWith('true', this.i)) return this.take(4, true);
    if (c === 'f' && text.startsWith('false', this.i)) return this.take(5, false);
    if (c === 'n' && text.startsWith('null', this.i)) return this.take(4, null);
    NUMBER.lastIndex = this.i;
    const number = NUMBER.exec(text);
    if (number) return this.take(number[0].length, new JsonNumber(number[0]));
    return this.fail(`unexpected ${this.describe()} where a value was expected`);
  }

  private take<T>(length: number, value: T): T {
    this.i += length;
    return value;
  }

  private string(): string {
    const text = this.text;
    const start = this.i;
    let escaped = false;
    let i = start + 1;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c < 0x20) this.fail('a control character (such as a line break) inside a string must be escaped', i);
    }
    if (i >= text.length) this.fail('a string is not closed', start);
    this.i = i + 1;
    if (!escaped) return text.slice(start + 1, i);
    try {
      return JSON.parse(text.slice(start, i + 1)) as string;
    } catch {
      return this.fail('a string holds an invalid escape sequence', start);
    }
  }

  private array(depth: number): JsonValue[] {
    const items: JsonValue[] = [];
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === ']') return this.take(1, items);
    for (;;) {
      items.push(this.value(depth));
      this.skipSpace();
      const c = this.text[this.i];
      if (c === ',') this.i++;
      else if (c === ']') return this.take(1, items);
      else this.fail(`expected "," or "]" in a list, found ${this.describe()}`);
    }
  }

  private object(depth: number): JsonObject {
    const members: Array<[string, JsonValue]> = [];
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === '}') return this.take(1, new JsonObject(members));
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] !== '"') this.fail(`expected a quoted property name, found ${this.describe()}`);
      const key = this.string();
      this.skipSpace();
      if (this.text[this.i] !== ':') this.fail(`expected ":" after the property name ${JSON.stringify(key)}, found ${this.describe()}`);
      this.i++;
      members.push([key, this.value(depth)]);
      this.skipSpace();
      const c = this.text[this.i];
      if (c === ',') this.i++;
      else if (c === '}') return this.take(1, new JsonObject(members));
      else this.fail(`expected "," or "}" in an object, found ${this.describe()}`);
    }
  }
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
