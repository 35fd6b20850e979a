import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, ScriptError } from './script-env';

/** Folders whose files end up in the production build, and the configuration files that shape it. */
const sourceFolders = ['app', 'components', 'lib', 'db'];
const rootFiles = /^(next\.config\.[cm]?[jt]s|postcss\.config\.[cm]?[jt]s|tailwind\.config\.[cm]?[jt]s|package(-lock)?\.json|tsconfig\.json|(proxy|middleware|instrumentation)\.tsx?)$/;
/** Tests never reach the build: editing one must not trigger a rebuild. */
const notBuilt = /\.test\.tsx?$/;

export type BuildCheck = { needed: boolean; reason: string };

/** Whether `.next` is missing or older than any source or configuration file. */
export function checkBuild(root = process.cwd()): BuildCheck {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return { needed: true, reason: 'no production build yet (.next/BUILD_ID is missing)' };
  const builtAt = fs.statSync(buildId).mtimeMs;
  const candidates = [
    ...fs.readdirSync(root).filter((name) => rootFiles.test(name)).map((name) => path.join(root, name)),
    ...sourceFolders.flatMap((folder) => listFiles(path.join(root, folder))),
  ];
  for (const file of candidates) {
    if (fs.statSync(file).mtimeMs > builtAt) {
      return { needed: true, reason: `${path.relative(root, file)} changed since the last build` };
    }
  }
  return { needed: false, reason: 'the production build is up to date' };
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full));
    else if (entry.isFile() && !notBuilt.test(entry.name)) files.push(full);
  }
  return files;
}

export const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

/** Runs `next build` with the output shown; rejects when it fails. */
export function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: childEnv({}) });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new ScriptError(`next build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
