export const csvDelimiters = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

/** Picks the delimiter from the first lines: the one used most on the header line, preferring one the next line agrees with. */
export function sniffDelimiter(sample: string): CsvDelimiter {
  const lines = firstLines(sample, 3);
  const counts = lines.map((line) => csvDelimiters.map((d) => count(line, d)));
  const headerIndex = counts.findIndex((perDelimiter) => perDelimiter.some((n) => n > 0));
  if (headerIndex === -1) return ',';
  const header = counts[headerIndex] ?? [];
  const next = counts[headerIndex + 1];
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  csvDelimiters.forEach((delimiter, index) => {
    const n = header[index] ?? 0;
    if (n === 0) return;
    const agrees = next !== undefined && next[index] === n ? 1_000_000 : 0;
    if (agrees + n > bestScore) {
      best = delimiter;
      bestScore = agrees + n;
    }
  });
  return best;
}

/** The first non-blank lines of a sample, with quoted text blanked out so its delimiters do not count. */
function firstLines(sample: string, max: number): string[] {
  const lines: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < sample.length && lines.length < max; i++) {
    const c = sample[i] ?? '';
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      if (current.trim() !== '') lines.push(current);
      current = '';
    } else current += c;
  }
  if (lines.length < max && current.trim() !== '') lines.push(current);
  return lines;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}
