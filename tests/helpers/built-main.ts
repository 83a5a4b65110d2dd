import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The compiled CLI entry: tests that run main as shipped (from dist/) look for it. */
export const builtCli = join(repoRoot, 'dist', 'src-main', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.c?ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Main runs from dist/; `npm test` builds first, a lone run of a test file builds if dist is stale. */
export function ensureMainBuilt(): void {
  const built = existsSync(builtCli) ? statSync(builtCli).mtimeMs : 0;
  if (built >= Math.max(newestSource(join(repoRoot, 'src-main')), newestSource(join(repoRoot, 'src-shared')))) return;
  // tsc emits even when another engineer's file has a type error; main's own files are what matter here.
  spawnSync('npx', ['tsc', '-p', 'src-main'], { cwd: repoRoot, stdio: 'ignore' });
  if (!existsSync(builtCli)) throw new Error('could not build main');
}
