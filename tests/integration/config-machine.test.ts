import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, machineConfigFile, type LoadedConfig } from '../../src-main/kernel/config.js';
import { setState } from '../../src-main/sync/sync-repo.js';
import { adminPassword, makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tiepnhan-config-'));
  dirs.push(d);
  return d;
};
let core: TestCore | undefined;
afterEach(async () => {
  await core?.cleanup();
  core = undefined;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A data folder and a machine-wide file (named by TIEPNHAN_MACHINE_CONFIG, as IT's tests do). */
function files(machine: unknown, dataFolder?: unknown) {
  const dataDir = tempDir();
  const machineFile = join(tempDir(), 'machine', 'config.json');
  mkdirSync(join(machineFile, '..'), { recursive: true });
  if (machine !== undefined) writeFileSync(machineFile, typeof machine === 'string' ? machine : JSON.stringify(machine));
  if (dataFolder !== undefined) writeFileSync(join(dataDir, 'config.json'), typeof dataFolder === 'string' ? dataFolder : JSON.stringify(dataFolder));
  return { dataDir, machineFile, env: { TIEPNHAN_MACHINE_CONFIG: machineFile } };
}

function loadError(dataDir: string, env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(dataDir, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted a bad config');
}

const good = {
  serverUrl: 'https://motcua.phutho.gov.vn',
  enrollmentCode: 'ABCD-1234',
  deviceName: 'Máy một cửa số 2',
  receptionPoint: { name: 'UBND xã Tân Hòa', agencyCode: '000.00.53.h48' },
  proxyUrl: 'http://proxy.xa.vn:3128',
  scannerPreset: 'dpi300',
  retentionDays: 90,
  language: 'vi',
  idleLockMinutes: 10,
  logLevel: 'warn',
  backupFolder: '/srv/sao-luu',
  backupKeep: 7,
  updateFeedUrl: 'https://motcua.phutho.gov.vn/updates/',
  pinnedVersion: '0.1.0',
  port: 48000,
};

describe('machine config files', () => {
  it('names the machine-wide file per OS, overridable for tests', () => {
    expect(machineConfigFile({}, 'linux')).toBe('/etc/tiepnhan/config.json');
    expect(machineConfigFile({ ProgramData: 'D:\\ProgramData' }, 'win32')).toBe(join('D:\\ProgramData', 'TiepNhan', 'config.json'));
    expect(machineConfigFile({ TIEPNHAN_MACHINE_CONFIG: '/x/y.json' }, 'linux')).toBe('/x/y.json');
    expect(machineConfigFile({ TIEPNHAN_MACHINE_CONFIG: '' }, 'linux')).toBeNull();
  });

  it('missing files mean nothing is set', () => {
    const f = files(undefined);
    const c = loadConfig(f.dataDir, f.env);
    expect(c.values).toEqual({});
    expect(c.files.map((x) => [x.scope, x.exists])).toEqual([
      ['data-folder', false],
      ['machine', false],
    ]);
  });

  it('accepts every documented key and says which file set each', () => {
    const f = files(good, { port: 47900, idleLockMinutes: 30, receptionPoint: { returnPlace: 'Tầng 1' } });
    const c = loadConfig(f.dataDir, f.env);
    // The machine-wide file wins key by key; reception point fields merge.
    expect(c.values).toMatchObject({ ...good, receptionPoint: { name: 'UBND xã Tân Hòa', agencyCode: '000.00.53.H48', returnPlace: 'Tầng 1' } });
    expect(c.sources.port).toBe(f.machineFile);
    expect(c.sources['receptionPoint.returnPlace']).toBe(join(f.dataDir, 'config.json'));
    expect(c.sources['receptionPoint.name']).toBe(f.machineFile);
  });

  it('lists every wrong key of both files in one Vietnamese and English message', () => {
    const f = files(
      { prot: 80, idleLockMinutes: 0, logLevel: 'verbose', receptionPoint: { agencyCode: 'xã', town: 'A' }, serverUrl: 'ftp://x', backupFolder: 'sao-luu' },
      { port: 'eighty', retentionDays: -1 },
    );
    const error = loadError(f.dataDir, f.env);
    const keys = error.problems.map((p) => p.key).sort();
    expect(keys).toEqual(['backupFolder', 'idleLockMinutes', 'logLevel', 'port', 'prot', 'receptionPoint.agencyCode', 'receptionPoint.town', 'retentionDays', 'serverUrl']);
    for (const p of error.problems) expect(error.message).toContain(p.message);
    expect(error.message).toMatch(/có 9 lỗi/);
    expect(error.message).toMatch(/9 problems/);
    expect(error.message).toContain(`${f.machineFile}: khóa không được hỗ trợ "prot" (unknown key "prot")`);
    expect(error.message).toContain('"idleLockMinutes" không hợp lệ (invalid value for key "idleLockMinutes"): tối thiểu 1 (at least 1)');
    expect(error.message).toContain('Mã đơn vị theo QCVN 102:2016');
    expect(error.message).toContain(join(f.dataDir, 'config.json'));
  });

  it('a file that is not JSON is named, and the other file is still checked', () => {
    const f = files('{ port: 1 ', { logLevel: 'loud' });
    const error = loadError(f.dataDir, f.env);
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain(`${f.machineFile}: không phải JSON hợp lệ (not valid JSON)`);
    expect(error.problems[0]!.key).toBe('logLevel');
  });

  it('reads a file saved by Notepad (UTF-8 with a BOM)', () => {
    const f = files('\uFEFF{"language":"en"}');
    expect(loadConfig(f.dataDir, f.env).values).toEqual({ language: 'en' });
  });
});

function configOf(values: object): { config: LoadedConfig; machineFile: string; dataDir: string } {
  const f = files(values);
  return { config: loadConfig(f.dataDir, f.env), machineFile: f.machineFile, dataDir: f.dataDir };
}

describe('values the machine config sets are locked', () => {
  it('first-run setup takes the reception point and idle lock from the config', async () => {
    const { config } = configOf({ receptionPoint: { name: 'UBND xã Tân Hòa', agencyCode: '000.00.53.H48' }, idleLockMinutes: 7 });
    core = makeCore(undefined, undefined, { config });
    await core.must('setup.init', {
      receptionPoint: { name: 'Tên gõ tay', agencyCode: '000.00.99.H99', returnPlace: 'Tầng 1' },
      admin: { username: 'admin', fullName: 'Quản Trị', password: adminPassword },
    });
    const { sessionToken } = await core.must('auth.login', { username: 'admin', password: adminPassword });
    expect(await core.must('settings.get', {}, sessionToken)).toMatchObject({
      idleLockMinutes: 7,
      receptionPoint: { name: 'UBND xã Tân Hòa', agencyCode: '000.00.53.H48', returnPlace: 'Tầng 1' },
    });
  });

  it('settings.update refuses to change a locked value, naming the file, and accepts it sent back unchanged', async () => {
    const { config, machineFile } = configOf({ idleLockMinutes: 10, receptionPoint: { name: 'UBND xã Tân Hòa' } });
    core = makeCore(undefined, undefined, { config });
    const admin = await setUpDesk(core);
    const current = await core.must('settings.get', {}, admin);
    expect(current.idleLockMinutes).toBe(10);

    const lock = await core.call('settings.update', { idleLockMinutes: 30 }, admin);
    expect(lock.ok).toBe(false);
    if (!lock.ok) {
      expect(lock.error.code).toBe('FORBIDDEN');
      expect(lock.error.message).toContain(machineFile);
      expect(lock.error.fields).toEqual({ idleLockMinutes: 'config.locked' });
    }
    const name = await core.call('settings.update', { receptionPoint: { ...current.receptionPoint, name: 'Khác' } }, admin);
    expect(name.ok ? null : name.error.fields).toEqual({ 'receptionPoint.name': 'config.locked' });

    // The settings screen sends the whole form back: locked values unchanged, others edited.
    const saved = await core.must('settings.update', { ...current, cutoffTime: '16:00', receptionPoint: { ...current.receptionPoint, phone: '0210 3851 234' } }, admin);
    expect(saved).toMatchObject({ idleLockMinutes: 10, cutoffTime: '16:00', receptionPoint: { name: 'UBND xã Tân Hòa', phone: '0210 3851 234' } });
  });

  it('sync options and the enrollment server set by the config are refused, others pass', async () => {
    const { config } = configOf({ proxyUrl: null, retentionDays: 30, serverUrl: 'https://motcua.phutho.gov.vn' });
    core = makeCore(undefined, undefined, { config });
    const admin = await setUpDesk(core);
    expect(await core.must('sync.options', {}, admin)).toMatchObject({ proxyUrl: null, retentionDays: 30 });
    const r = await core.call('sync.setOptions', { retentionDays: 5 }, admin);
    expect(r.ok ? null : r.error.fields).toEqual({ retentionDays: 'config.locked' });
    const p = await core.call('sync.setOptions', { proxyUrl: 'http://other:8080' }, admin);
    expect(p.ok ? null : p.error.fields).toEqual({ proxyUrl: 'config.locked' });
    expect(await core.must('sync.setOptions', { retentionDays: 30, bandwidthBytesPerSecond: 65536 }, admin)).toMatchObject({ bandwidthBytesPerSecond: 65536 });
    const e = await core.call('sync.enroll', { serverUrl: 'https://elsewhere.example', code: 'ABCD1234', deviceName: 'PC' }, admin);
    expect(e.ok ? null : e.error.fields).toEqual({ serverUrl: 'config.locked' });
  });

  it('values changed in the config are applied at the next start, in an audited change', async () => {
    const dir = tempDir();
    core = makeCore(undefined, dir);
    const admin = await setUpDesk(core);
    await core.must('settings.update', { idleLockMinutes: 45 }, admin);
    await core.must('sync.setOptions', { retentionDays: 3 }, admin);
    await core.close();

    const { config } = configOf({ idleLockMinutes: 12, retentionDays: 60, receptionPoint: { returnPlace: 'Tầng 2, nhà A' } });
    core = makeCore(undefined, dir, { config });
    const again = (await core.must('auth.login', { username: 'admin', password: adminPassword })).sessionToken;
    expect(await core.must('settings.get', {}, again)).toMatchObject({ idleLockMinutes: 12, receptionPoint: { returnPlace: 'Tầng 2, nhà A', name: 'UBND xã Tân Định' } });
    expect((await core.must('sync.options', {}, again)).retentionDays).toBe(60);
    const audit = core.db.prepare("SELECT details FROM audit_log WHERE action = 'config.apply'").all() as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details).keys)).toEqual([['idleLockMinutes', 'receptionPoint.returnPlace', 'retentionDays']]);
    expect(core.configNotApplied).toEqual([]);
  });

  it('an enrolled desk keeps the unit code the province enrolled it under, and says why', async () => {
    const dir = tempDir();
    core = makeCore(undefined, dir);
    await setUpDesk(core);
    setState(core.db, 'config', { serverUrl: 'https://tinh.example', deviceId: 'd1', receptionPoint: { id: 'p1', code: '000.00.53.H48', name: 'x' } });
    await core.close();
    const { config } = configOf({ receptionPoint: { agencyCode: '000.00.77.H48' } });
    core = makeCore(undefined, dir, { config });
    expect(core.configNotApplied.map((d) => [d.key, d.blocked !== null])).toEqual([['receptionPoint.agencyCode', true]]);
    expect(core.configNotApplied[0]!.blocked).toMatch(/đăng ký lại/);
  });

  it('config.get shows what is set and by which file, without the enrollment code', async () => {
    const { config, machineFile } = configOf({ ...good, proxyUrl: 'http://user:mat-khau@proxy.xa.vn:3128' });
    core = makeCore(undefined, undefined, { config });
    const view = await core.must('config.get', {});
    expect(view.language).toBe('vi');
    expect(view.scannerPreset).toBe('dpi300');
    expect(view.entries.find((e) => e.key === 'enrollmentCode')).toEqual({ key: 'enrollmentCode', value: null, secret: true, file: machineFile });
    expect(view.entries.find((e) => e.key === 'proxyUrl')?.value).toBe('http://proxy.xa.vn:3128/');
    expect(view.entries.find((e) => e.key === 'receptionPoint.agencyCode')?.value).toBe('000.00.53.H48');
    expect(JSON.stringify(view)).not.toContain('ABCD-1234');
    expect(JSON.stringify(view)).not.toContain('mat-khau');
  });
});
