import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanCommand } from '../../src-main/cli/commands/scan.js';
import { scannersCommand } from '../../src-main/cli/commands/scanners.js';
import { runCli } from '../../src-main/cli/main.js';
import { ensureAddonBuilt, saneConfigDir } from './scanner-test-env.js';

const commands = [scannersCommand, scanCommand];
const out = mkdtempSync(join(tmpdir(), 'tiepnhan-cli-scan-'));
let env: NodeJS.ProcessEnv;

async function cli(argv: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, { env, out: (l) => stdout.push(l), err: (l) => stderr.push(l) }, commands);
  return { code, stdout, stderr };
}

beforeAll(() => {
  ensureAddonBuilt();
  env = { ...process.env, SANE_CONFIG_DIR: saneConfigDir() };
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('tiepnhan scanners / scan', () => {
  it('scanners --json prints an array with id, name and backend, including test:0 and the demo scanner', async () => {
    const r = await cli(['scanners', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toHaveLength(1);
    const devices = JSON.parse(r.stdout[0]!) as Array<{ id: string; name: string; backend: string }>;
    expect(devices.every((d) => typeof d.id === 'string' && typeof d.name === 'string' && typeof d.backend === 'string')).toBe(true);
    expect(devices.map((d) => d.id)).toEqual(expect.arrayContaining(['sane:test:0', 'demo:vi']));
  });

  it('scan --source adf writes one PNG per page (10 from the test feeder) and says so', async () => {
    const dir = join(out, 'adf');
    const r = await cli(['scan', '--device', 'test:0', '--source', 'adf', '--out', dir, '--mode', 'gray', '--dpi', '75']);
    expect(r.code).toBe(0);
    expect(r.stdout.join('\n')).toMatch(/Đã ghi 10 trang .*Wrote 10 pages/);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(Array.from({ length: 10 }, (_, i) => `page-${String(i + 1).padStart(3, '0')}.png`));
    const meta = await sharp(readFileSync(join(dir, files[0]!))).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 590, channels: 1, density: 75 });
  });

  it('scan from the demo scanner writes its sample pages', async () => {
    const dir = join(out, 'demo');
    const r = await cli(['scan', '--device', 'demo:vi', '--source', 'adf', '--out', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(readdirSync(join(import.meta.dirname, '..', '..', 'assets', 'demo-pages')).filter((f) => f.endsWith('.png')).length);
  });

  it('black-and-white pages become 1-bit PNGs with black text on white', async () => {
    const dir = join(out, 'bw');
    const r = await cli(['scan', '--device', 'sane:test:0', '--source', 'flatbed', '--out', dir, '--mode', 'lineart', '--dpi', '75']);
    expect(r.code).toBe(0);
    const { data, info } = await sharp(readFileSync(join(dir, 'page-001.png'))).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(590);
    expect(new Set(data)).toEqual(new Set([0, 255]));
  });

  it('bad options exit 2 with a bilingual message; a scanner error exits 1 and names the code in Vietnamese', async () => {
    const bad = await cli(['scan', '--device', 'test:0', '--source', 'tray', '--out', join(out, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/Thiếu hoặc sai tùy chọn.*--source/);
    const missing = await cli(['scan', '--device', 'sane:nope:0', '--source', 'flatbed', '--out', join(out, 'y')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.join('\n')).toContain('Không tìm thấy máy quét');
    expect(missing.stdout.join('\n')).toMatch(/Đã ghi 0 trang/);
  });
});
