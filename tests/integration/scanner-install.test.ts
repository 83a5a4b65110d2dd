import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/built-main.js';

/**
 * The scanner addon's install script (native-scanner/scripts/install.mjs), run by `npm install`
 * as the install script of the local package tiepnhan-native-scanner. Where it cannot build it
 * must say why and still let the install succeed.
 */
const script = join(repoRoot, 'native-scanner', 'scripts', 'install.mjs');
const run = (env: Record<string, string>) => spawnSync(process.execPath, [script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });

describe('scanner addon at npm install', () => {
  it('is an approved install script of a local dependency', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; allowScripts: Record<string, boolean> };
    expect(pkg.dependencies['tiepnhan-native-scanner']).toBe('file:native-scanner');
    expect(pkg.allowScripts['file:../native-scanner']).toBe(true);
    const own = JSON.parse(readFileSync(join(repoRoot, 'native-scanner', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(own.scripts.install).toBe('node scripts/install.mjs');
  });

  it('skips cleanly, saying what to do, where SANE headers (libsane-dev) are missing', () => {
    const r = run({ TIEPNHAN_SANE_HEADER: '/nonexistent/sane/sane.h' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/skipped: SANE headers \(libsane-dev\) not found/);
    expect(r.stdout).toMatch(/npm run build:scanner/);
  });
  // The build itself is not run here: a rebuild would pull the addon from under the scanner
  // tests running beside this file. `npm ci` in .ci/run runs it, before any test.
});
