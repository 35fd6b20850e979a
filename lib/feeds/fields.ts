/**
 * Field records are plain objects keyed by names that come from the feed. A name such as "__proto__" must become an
 * own property, never touch the prototype, and reading a name that is absent must never find Object.prototype members.
 */
export function setField(record: Record<string, string>, name: string, value: string): void {
  if (name === '__proto__') Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  else record[name] = value;
}

export function getField(record: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Keeps first-seen order of field names (headers of JSON and XML feeds). */
export class FieldNames {
  private readonly seen = new Set<string>();
  private readonly ordered: string[] = [];

  add(name: string): void {
    if (this.seen.has(name)) return;
    this.seen.add(name);
    this.ordered.push(name);
  }

  list(): string[] {
    return [...this.ordered];
  }
}

/** Shortens a value for quoting in a message. */
export function quote(value: string, max = 40): string {
  const flat = value.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}
