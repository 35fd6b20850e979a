// Prints "fresh" when node_modules holds what package-lock.json asks for, else why it does not.
// Compares npm's own record of the installed tree (node_modules/.package-lock.json) with the lock:
// every installed package must have the locked version, and every locked package that is not
// optional (platform-specific binaries are) must be installed.
import fs from 'node:fs';

const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8')).packages ?? {};
const locked = read('package-lock.json');
const installed = read('node_modules/.package-lock.json');

for (const [where, entry] of Object.entries(installed)) {
  const want = locked[where];
  if (!want) {
    console.log(`stale (${where} is not in package-lock.json)`);
    process.exit(0);
  }
  if (want.version !== entry.version) {
    console.log(`stale (${where} is ${entry.version}, package-lock.json wants ${want.version})`);
    process.exit(0);
  }
}
for (const [where, want] of Object.entries(locked)) {
  if (where === '' || want.optional || want.link) continue;
  if (!installed[where]) {
    console.log(`stale (${where} is not installed)`);
    process.exit(0);
  }
}
console.log('fresh');
