/** The load test's figures, printed and saved under bench/results/ (load-latest and a dated copy). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type KindStats = { kind: string; requests: number; perSecond: number; p50: number; p95: number; errors: number; conflicts: number };

export type LoadResult = {
  at: string;
  url: string;
  admins: number;
  seconds: number;
  slug: string;
  kinds: KindStats[];
  /** actions the server answered 200 to */
  acknowledged: number;
  /** audit entries found for them afterwards */
  audited: number;
  /** acknowledged actions whose effect is missing from the database */
  lost: number;
  errors: number;
};

const kindNames: Record<string, string> = {
  page: 'pages (applications, imports, identities, audit)',
  table: 'reconcile table: filter / search / sort / page',
  action: 'actions: confirm / unlink / ignore',
};

export function loadReport(r: LoadResult): string {
  const total = r.kinds.reduce((sum, k) => sum + k.requests, 0);
  return [
    `Load: ${r.admins} admins for ${r.seconds.toFixed(0)} s against ${r.url} (${r.slug}); ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end.`,
    '',
    '| kind | requests | per second | p50 | p95 | errors | conflicts (409) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.kinds.map(
      (k) => `| ${kindNames[k.kind] ?? k.kind} | ${k.requests} | ${k.perSecond.toFixed(1)} | ${k.p50.toFixed(0)} ms | ${k.p95.toFixed(0)} ms | ${k.errors} | ${k.conflicts} |`,
    ),
    `| all | ${total} | ${(total / r.seconds).toFixed(1)} | | | ${r.errors} | |`,
    '',
    `Acknowledged actions: ${r.acknowledged}; audit entries found for them: ${r.audited}; lost: ${r.lost}. Errors: ${r.errors}.`,
  ].join('\n');
}

export function saveLoadReport(result: LoadResult, root: string): string[] {
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = result.at.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const written: string[] = [];
  for (const name of ['load-latest', `load-${stamp}`]) {
    fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, `${name}.md`), `# Concord load test\n\n${loadReport(result)}\n`);
    written.push(`bench/results/${name}.json`, `bench/results/${name}.md`);
  }
  return written;
}
