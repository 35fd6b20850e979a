/**
 * `npm run demo [-- --reset]`: builds when needed, migrates and seeds the demo organisation, then
 * runs the production server and prints where to sign in.
 *
 * The embedded database (PGlite) must never be open in two processes at once, so this script opens
 * it, seeds it and closes it again before `next start` opens it for good.
 */
import path from 'node:path';
import { databaseTarget, env } from '@/lib/env';
import { demoApplications, demoCredentials, demoExpected, demoSlackAccess } from '@/db/demo-data';
import { checkBuild, runBuild } from './lib/build';
import { assertNotOpen, describeTarget, migrateAndSeed, wipeDataDir } from './lib/database';
import { assertPortFree, forwardSignals, startNextServer, waitUntilReady } from './lib/next-server';
import { childEnv, scriptEnv, ScriptError } from './lib/script-env';

const usage = `Usage: npm run demo [-- --reset]

Builds Concord when needed, seeds a demo organisation and starts the production server.
  --reset   wipe the embedded data folder first (not available with DATABASE_URL)
Environment: PORT (default 3000), CONCORD_DATA_DIR (default .data/pglite), DATABASE_URL (use Postgres instead).`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return;
  }
  const unknown = args.filter((a) => a !== '--reset');
  if (unknown.length) throw new ScriptError(`Unknown argument ${unknown.join(' ')}.\n\n${usage}`);

  const settings = env();
  const { port } = scriptEnv();
  const target = databaseTarget(settings);
  // The default data folder is .data/pglite: reset and the banner speak of .data as a whole.
  const dataRoot = target.driver === 'pglite' ? (settings.CONCORD_DATA_DIR ? path.resolve(target.dataDir) : path.resolve('.data')) : null;

  if (args.includes('--reset')) {
    if (!dataRoot || target.driver !== 'pglite') throw new ScriptError('--reset only wipes the embedded database. With DATABASE_URL, drop and recreate that database yourself.');
    step(`Wiping ${dataRoot}`);
    wipeDataDir(dataRoot, target.dataDir);
  }

  await assertPortFree(port, 'PORT');
  if (target.driver === 'pglite') assertNotOpen(target.dataDir, 'starting the demo on it');

  const build = checkBuild();
  if (build.needed) {
    step(`Building (${build.reason})`);
    await runBuild();
  } else {
    step(`Build: ${build.reason}`);
  }

  step(`Migrating and seeding: ${describeTarget(target)}`);
  const seed = await migrateAndSeed(target, { log: (line) => console.log(`  ${line}`) });

  const url = `http://localhost:${port}`;
  step(`Starting the server on ${url}`);
  const server = startNextServer(
    port,
    childEnv({
      PORT: String(port),
      NEXTAUTH_URL: url,
      NODE_ENV: 'production',
      ...(target.driver === 'pglite' ? { CONCORD_DATA_DIR: path.resolve(target.dataDir) } : {}),
    }),
  );
  forwardSignals(server);
  const readiness = await waitUntilReady(url, server);

  const c = seed.crm;
  const lines = [
    `Concord is running at ${url}`,
    '',
    `Admin    ${demoCredentials.admin.email}  /  ${demoCredentials.admin.password}`,
    `Viewer   ${demoCredentials.viewer.email}  /  ${demoCredentials.viewer.password}`,
    '',
    `${demoApplications.hr.name}: ${demoExpected.hr.accounts} people (source)`,
    `${demoApplications.crm.name}: ${c.exact_match} exact matches, ${c.multiple_matches} multiple matches, ${c.no_match} no match, ${c.manually_linked} manually linked`,
    `${demoApplications.slack.name}: staff assigned by entitlement rules, ${demoSlackAccess.licenceLimit} licences (its Access tab)`,
    seed.seeded ? 'Seeded just now.' : 'Seeded on an earlier run; your changes since are kept.',
    '',
    `Data     ${describeTarget(target)}`,
    dataRoot
      ? `Reset    stop with Ctrl+C, then: npm run demo -- --reset   (or rm -rf ${path.relative(process.cwd(), dataRoot) || dataRoot})`
      : 'Reset    drop and recreate the database DATABASE_URL points at',
    'Stop     Ctrl+C',
  ];
  if (readiness === 'login') lines.push('', 'Note: /api/health is missing (404); readiness was checked on /login.');
  banner(lines);
}

function step(text: string): void {
  console.log(`\n▸ ${text}`);
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const rule = '─'.repeat(width);
  console.log(`\n┌${rule}┐`);
  for (const line of lines) console.log(`│  ${line.padEnd(width - 2)}│`);
  console.log(`└${rule}┘\n`);
}

main().catch((error: unknown) => {
  console.error(`\nnpm run demo failed: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof ScriptError) && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
