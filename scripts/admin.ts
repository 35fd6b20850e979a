/**
 * `npm run admin -- <command>`: who may sign in, from the command line — the first admin of a new
 * installation (no one can sign in to add one yet), or a way back in when every admin's password is
 * lost. The same data layer as the Admins page, acting as `system:cli`, with its rules and audit.
 *
 * With the embedded database it refuses while a server holds it (PGlite is one process at a time).
 */
import './lib/server-only-hook';
import { createInterface } from 'node:readline/promises';
import { databaseTarget, env } from '@/lib/env';
import { assertNotOpen, describeTarget } from './lib/database';
import { ScriptError } from './lib/script-env';

const usage = `Usage: npm run admin -- <command> [options]

  list                                             who may sign in
  add --email E --name N [--role admin|viewer]     add someone (role: admin unless told)
  set-password --email E                           set someone's password
  role --email E --role admin|viewer               change someone's role
  remove --email E                                 remove someone

The password is read from CONCORD_ADMIN_PASSWORD, else asked for on the terminal.
Uses the database of DATABASE_URL, else the embedded one (stop the server first).`;

const option = (args: string[], name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  if (at !== -1) return args[at + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const required = (args: string[], name: string): string => {
  const value = option(args, name);
  if (!value) throw new ScriptError(`--${name} is required.\n\n${usage}`);
  return value;
};

async function password(): Promise<string> {
  const given = process.env.CONCORD_ADMIN_PASSWORD;
  if (given) return given;
  if (!process.stdin.isTTY) throw new ScriptError('Set CONCORD_ADMIN_PASSWORD (no terminal to ask on).');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question('Password (at least 8 characters): ');
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === '--help' || command === '-h') {
    console.log(usage);
    return;
  }
  const target = databaseTarget(env());
  if (target.driver === 'pglite') assertNotOpen(target.dataDir, 'changing who may sign in');

  // Loaded only now: the server-only hook above must be registered before the data layer resolves.
  const { openDatabase } = await import('@/db/client');
  const { addAdmin, changeAdminRole, findAdminId, listAdmins, removeAdmin, setAdminPassword } = await import('@/lib/data/admin-management');
  const { ssoProvider } = await import('@/lib/auth/options');
  const handle = await openDatabase(target);
  const ctx = { db: handle.db, actor: { kind: 'system', name: 'cli' } as const };
  const idOf = async (email: string) => {
    const id = await findAdminId(handle.db, email);
    if (!id) throw new ScriptError(`No one signs in as ${email}. See: npm run admin -- list`);
    return id;
  };
  const done = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string; field?: string } }, message: string) => {
    if (!result.ok) throw new ScriptError(result.error.field ? `${result.error.field}: ${result.error.message}` : result.error.message);
    console.log(message);
  };

  try {
    console.log(`Database: ${describeTarget(target)}`);
    switch (command) {
      case 'list': {
        const admins = await listAdmins(ctx);
        if (admins.length === 0) console.log('No one may sign in yet: npm run admin -- add --email … --name …');
        for (const a of admins) console.log(`${a.role.padEnd(6)}  ${a.email}  ${a.name}${a.signIn === 'sso' ? '  (single sign-on)' : ''}`);
        break;
      }
      case 'add': {
        const email = required(args, 'email');
        const role = option(args, 'role') ?? 'admin';
        const input = { email, name: required(args, 'name'), role: role as 'admin' | 'viewer', password: await password() };
        done(await addAdmin(ctx, input, { ssoEnabled: ssoProvider() !== null }), `${email} may sign in now, as ${role}.`);
        break;
      }
      case 'set-password': {
        const email = required(args, 'email');
        done(await setAdminPassword(ctx, { adminId: await idOf(email), password: await password() }), `The password of ${email} is set.`);
        break;
      }
      case 'role': {
        const email = required(args, 'email');
        const role = required(args, 'role');
        done(await changeAdminRole(ctx, { adminId: await idOf(email), role: role as 'admin' | 'viewer' }), `${email} is ${role} now.`);
        break;
      }
      case 'remove': {
        const email = required(args, 'email');
        done(await removeAdmin(ctx, { adminId: await idOf(email) }), `${email} can no longer sign in.`);
        break;
      }
      default:
        throw new ScriptError(`Unknown command "${command}".\n\n${usage}`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(`\nnpm run admin failed: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof ScriptError) && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
