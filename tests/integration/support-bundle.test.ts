import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main.js';
import { loadConfig } from '../../src-main/kernel/config.js';
import { fileLogger } from '../../src-main/kernel/logger.js';
import { appRoot } from '../../src-main/kernel/paths.js';
import { fold } from '../../src-shared/text/fold.js';
import { makeCore, setUpDesk } from '../helpers/core.js';

/**
 * The support bundle carries no citizens' data. The seeded applicant's name, ID number and phone
 * are written into the log on purpose (as a careless log call would), in several spellings, and
 * must not be found anywhere in the unzipped bundle; what IT needs (versions, the doctor's report,
 * the log's own messages, the config without its secret) must be there.
 */

const applicant = { fullName: 'Phạm Thị Thu Hương', idNumber: '001185012345', phone: '0912 345 678', address: 'Số 12 ngõ 34 phố Hàng Bạc, phường Hoàn Kiếm' };
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tiepnhan-bundle-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every file of the zip, unzipped by Info-ZIP's unzip (a different reader than the writer). */
function unzipped(zip: string): Record<string, string> {
  const dir = tempDir();
  execFileSync('unzip', ['-q', zip, '-d', dir]);
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return [path.slice(dir.length + 1), readFileSync(path, 'utf8')];
      }),
  );
}

function expectNoPersonalData(files: Record<string, string>): void {
  const all = Object.values(files).join('\n');
  const digits = all.replace(/\D/g, '');
  for (const needle of [applicant.fullName, applicant.fullName.normalize('NFD'), applicant.fullName.toUpperCase(), applicant.idNumber, applicant.phone, '0912345678', '912345678', 'Hàng Bạc']) {
    expect(all, needle).not.toContain(needle);
  }
  expect(fold(all)).not.toContain(fold(applicant.fullName));
  expect(digits).not.toContain(applicant.idNumber);
}

describe('support bundle', () => {
  it('has logs, versions, config and the doctor report, and no applicant name, ID number or phone', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    const machine = join(tempDir(), 'config.json');
    writeFileSync(machine, JSON.stringify({ enrollmentCode: 'MA-BI-MAT-9876', serverUrl: 'https://motcua.hanoi.gov.vn', idleLockMinutes: 20 }));
    const config = loadConfig(dataDir, { TIEPNHAN_MACHINE_CONFIG: machine });
    const logger = fileLogger(dataDir);
    const core = makeCore(undefined, dataDir, { logger, config });
    const admin = await setUpDesk(core);
    const dossier = await core.must('dossiers.create', { procedureCode: '2.000815', applicant, components: [], pages: 1, copies: 1 }, admin);
    const page = readFileSync(join(appRoot(), 'assets', 'demo-pages', 'page-01.png')).toString('base64');
    await core.must('pages.importFiles', { dossierId: dossier.id, files: [{ name: `${applicant.fullName}.png`, base64: page }] }, admin);
    // The first guard failing: personal data in a log line, as data and inside the message.
    logger.warn('careless line', { name: applicant.fullName, id: applicant.idNumber, phone: applicant.phone, address: applicant.address, folded: 'pham thi thu huong' });
    logger.error(`không gửi được hồ sơ của ${applicant.fullName.normalize('NFD')} (${applicant.idNumber}, ĐT +84 912 345 678)`);
    logger.info('dossier received', { dossierId: dossier.id, code: 'kept' });

    const fromScreen = await core.must('diagnostics.supportBundle', {}, admin);
    expect(fromScreen.fileName).toMatch(/^tiepnhan-ho-tro-\d{8}-\d{6}\.zip$/);
    const screenZip = join(tempDir(), fromScreen.fileName);
    writeFileSync(screenZip, Buffer.from(fromScreen.zipBase64, 'base64'));
    expect(fromScreen.bytes).toBe(readFileSync(screenZip).length);

    await core.close();
    logger.close();
    const cliZip = join(tempDir(), 'ho-tro.zip');
    const out: string[] = [];
    const code = await runCli(['support-bundle', '--out', cliZip], { env: { ...process.env, TIEPNHAN_DATA_DIR: dataDir, TIEPNHAN_MACHINE_CONFIG: machine }, out: (l) => out.push(l), err: () => undefined });
    expect(code).toBe(0);
    expect(out[0]).toContain(cliZip);

    for (const zip of [screenZip, cliZip]) {
      const files = unzipped(zip);
      expect(Object.keys(files).sort()).toEqual(['README.txt', 'config.json', 'doctor.json', 'logs/tiepnhan.log', 'versions.json']);
      expectNoPersonalData(files);
      // What support needs is there.
      const doctor = JSON.parse(files['doctor.json']!) as { checks: { id: string }[] };
      expect(doctor.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['version', 'database', 'pageStore', 'ocr', 'server', 'sync']));
      expect(JSON.parse(files['versions.json']!)).toMatchObject({ app: expect.any(String), node: process.versions.node });
      const cfg = JSON.parse(files['config.json']!) as { entries: { key: string; value: unknown; secret: boolean }[] };
      expect(cfg.entries).toEqual(expect.arrayContaining([{ key: 'enrollmentCode', value: null, secret: true, file: machine }, expect.objectContaining({ key: 'idleLockMinutes', value: 20 })]));
      expect(files['config.json']).not.toContain('MA-BI-MAT-9876');
      const log = files['logs/tiepnhan.log']!;
      expect(log).toContain('"message":"careless line"');
      expect(log).toContain('"name":"[người nộp]"');
      expect(log).toContain('"id":"[số định danh]"');
      expect(log).toContain('"phone":"[số điện thoại]"');
      expect(log).toContain(`"dossierId":"${dossier.id}"`);
      // Every scrubbed line is still one JSON object.
      for (const line of log.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});
