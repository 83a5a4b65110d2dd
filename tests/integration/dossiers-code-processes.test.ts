import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminPassword, makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

const script = join(import.meta.dirname, '..', 'fixtures', 'processes', 'receive-many.ts');

/** Runs the receiving script in its own Node process (real concurrency on one SQLite file). */
function receiveMany(dataDir: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, String(count), adminPassword], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

let core: TestCore;
afterEach(() => core?.cleanup());

describe('dossier codes from several processes on one database', () => {
  it('never issues the same code twice when two processes receive at the same time', async () => {
    core = makeCore();
    await setUpDesk(core);
    const [a, b] = await Promise.all([receiveMany(core.dir, 25), receiveMany(core.dir, 25)]);
    const codes = [...a!, ...b!];
    expect(codes).toHaveLength(50);
    expect(new Set(codes).size).toBe(50);
    // One desk, one day: the sequence numbers are exactly 1…50, no gap and no repeat.
    const seqs = codes.map((c) => Number(c.slice(-4))).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});
