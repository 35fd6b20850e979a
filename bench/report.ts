/**
 * Writes a run's figures as JSON and Markdown under bench/results/ (latest and a dated copy) and
 * rewrites the README's table between its bench markers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describeTarget, formatValue, type Figure } from './figures';

export type Machine = {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  databases: Record<string, string>;
  loadAverage: { start: number[]; end: number[] };
  triggersOnIdentities: string[];
};

export type BenchRun = { startedAt: string; finishedAt: string; options: Record<string, unknown>; machine: Machine; figures: Figure[] };

const driverNames: Record<string, string> = { pg: 'Postgres', pglite: 'PGlite', neon: 'Neon driver' };

export function toMarkdown(result: BenchRun): string {
  const drivers = [...new Set(result.figures.map((f) => f.driver))];
  const ids = [...new Set(result.figures.map((f) => f.id))];
  const header = `| figure | target | ${drivers.map((d) => `${driverNames[d] ?? d} | × floor`).join(' | ')} |`;
  const rule = `| --- | --- | ${drivers.map(() => '---: | ---:').join(' | ')} |`;
  const lines = ids.map((id) => {
    const byDriver = drivers.map((d) => result.figures.find((f) => f.id === id && f.driver === d));
    const any = byDriver.find((f) => f !== undefined)!;
    const cells = byDriver.map((f) => (f ? `${cell(f)} | ${f.floorRatio === undefined ? '' : `${f.floorRatio.toFixed(1)}×`}` : ' | '));
    return `| ${any.label} | ${describeTarget(any.target, any.unit)} | ${cells.join(' | ')} |`;
  });
  const m = result.machine;
  return [
    `Run ${result.startedAt} → ${result.finishedAt}: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, node ${m.node}; ` +
      `${Object.entries(m.databases).map(([d, v]) => `${driverNames[d] ?? d}: ${v}`).join('; ')}. ` +
      `Load average ${m.loadAverage.start.map((l) => l.toFixed(2)).join('/')} at the start, ${m.loadAverage.end.map((l) => l.toFixed(2)).join('/')} at the end` +
      ` (above ~0.5 the machine was shared and the times are noisy; the floor ratios are the fair comparison).` +
      (m.triggersOnIdentities.length ? ` Triggers on identities: ${m.triggersOnIdentities.join(', ')}.` : ''),
    '',
    header,
    rule,
    ...lines,
    '',
    'Table queries show p50 / p95. ✅ met, ❌ missed. The floor: the same rows loaded with one `INSERT … SELECT FROM UNNEST` per 100,000 rows ' +
      'into a plain table without indexes, plus one hash join against identities on the normalised e-mail; the median of three runs (bench/floor.ts). ' +
      "The lower bound: the same rows, mapped as the import maps them, into a table of accounts' shape with only its primary key and " +
      'unique (application, key) index, the same way (bench/lower-bound.ts).',
  ].join('\n');
}

function cell(f: Figure): string {
  const value = f.p50 === undefined ? formatValue(f.value, f.unit) : `${formatValue(f.p50, f.unit)} / ${formatValue(f.value, f.unit)}`;
  return `${value}${f.pass === undefined ? '' : f.pass ? ' ✅' : ' ❌'}`;
}

export function saveResults(result: BenchRun, root: string): string[] {
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const markdown = `# Concord benchmark\n\n${toMarkdown(result)}\n`;
  const files = [
    [path.join(dir, 'latest.json'), json],
    [path.join(dir, 'latest.md'), markdown],
    [path.join(dir, `${stamp}.json`), json],
    [path.join(dir, `${stamp}.md`), markdown],
  ] as const;
  for (const [file, content] of files) fs.writeFileSync(file, content);
  return files.map(([file]) => path.relative(root, file));
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the README's text between the bench markers with the latest table. */
export function updateReadme(result: BenchRun, root: string): boolean {
  const file = path.join(root, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return false;
  fs.writeFileSync(file, `${readme.slice(0, start + START.length)}\n${toMarkdown(result)}\n${readme.slice(end)}`);
  return true;
}
