/**
 * A separate process that imports a large synthetic feed into the database at argv[2], for the test
 * that kills an import half way (lib/data/import-crash.test.ts). Run with tsx --conditions=react-server.
 */
import { openDatabase } from '@/db/client';
import { accountFeed } from '@/bench/synthetic';
import { runImport } from '@/lib/data/imports';

const [url, slug, size] = process.argv.slice(2);
const handle = await openDatabase({ driver: 'pg', url: url! });
const content = new TextEncoder().encode(accountFeed(Number(size)));
console.log('importing');
const result = await runImport({ db: handle.db, actor: { kind: 'system', name: 'crash-test' } }, { applicationSlug: slug!, content, fileName: 'big.csv', trigger: 'manual' });
console.log(JSON.stringify(result));
await handle.close();
