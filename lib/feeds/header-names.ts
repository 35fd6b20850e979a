/**
 * What a column header says, read the way a person reads it: "User name [userPrincipalName] Required" names the
 * property userPrincipalName with the label "User name"; "Email Address [Required]" has the label "Email Address";
 * "profile.login" (a flattened JSON or XML field) ends in "login".
 */
export type HeaderReading = {
  /** A property name given in brackets: "[userPrincipalName]". */
  property: string | null;
  /** The header without bracketed or parenthesised notes and without a trailing "Required" or "*". */
  label: string;
  /** The last segment of a dotted name, when there is one. */
  leaf: string | null;
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const NOTES = new Set(['required', 'readonly', 'uploadonly', 'optional']);

export function readHeader(header: string): HeaderReading {
  let property: string | null = null;
  for (const match of header.matchAll(/\[([^\]]*)\]/g)) {
    const inside = (match[1] ?? '').trim();
    if (IDENTIFIER.test(inside) && !NOTES.has(normalize(inside))) property ??= inside;
  }
  const label = header
    .replace(/\[[^\]]*\]|\([^)]*\)/g, ' ')
    .replace(/\s*(\*|\brequired)\s*$/i, '')
    .trim();
  const dot = header.lastIndexOf('.');
  const leaf = dot > 0 && dot < header.length - 1 && !/\s/.test(header) ? header.slice(dot + 1) : null;
  return { property, label: label || header.trim(), leaf };
}

/** Lower case, letters and digits only: "E-mail Address" → "emailaddress". */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The normalised forms to look up, most specific first. */
export function headerKeys(header: string): string[] {
  const reading = readHeader(header);
  const keys = [reading.property, reading.label, reading.leaf, header].filter((key): key is string => Boolean(key)).map(normalize);
  return [...new Set(keys)].filter((key) => key !== '');
}

/** A custom attribute name for a header: its bracketed property if any, else its label in camelCase. */
export function attributeNameFor(header: string): string {
  const reading = readHeader(header);
  if (reading.property) return lowerFirst(reading.property.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase()));
  return camelCase(reading.label) || camelCase(header) || 'column';
}

/** "Org Unit Path" → "orgUnitPath", "ZIP or postal code" → "zipOrPostalCode", "WorkerID" → "workerID". */
export function camelCase(text: string): string {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words
    .map((word, index) => {
      if (index > 0) return word.slice(0, 1).toUpperCase() + word.slice(1);
      return word === word.toUpperCase() ? word.toLowerCase() : lowerFirst(word);
    })
    .join('');
}

function lowerFirst(word: string): string {
  return word.slice(0, 1).toLowerCase() + word.slice(1);
}
