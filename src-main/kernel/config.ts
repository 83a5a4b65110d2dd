import { readFileSync } from 'node:fs';
import { AppError } from '../../src-shared/contract/errors.js';
import { join, resolve } from 'node:path';
import { AppConfig, type ConfigKey } from './config-schema.js';
import { ConfigError, describeIssues, type ConfigProblem } from './config-errors.js';

export { AppConfig, type ConfigKey, type LogLevel } from './config-schema.js';
export { ConfigError, type ConfigProblem } from './config-errors.js';

export const configFileName = 'config.json';

export type ConfigFile = {
  path: string;
  /** machine: for every user of the PC (IT's policy); data-folder: beside this data folder's database. */
  scope: 'machine' | 'data-folder';
  exists: boolean;
};

/**
 * The configuration in force: the data folder's file, with the machine-wide file over it key by
 * key (the machine-wide file is IT's policy for the PC). `sources` names the file that set each
 * key; a reception point field counts as its own key (`receptionPoint.name`).
 */
export type LoadedConfig = {
  values: AppConfig;
  sources: Partial<Record<string, string>>;
  files: ConfigFile[];
};

export const emptyConfig: LoadedConfig = { values: {}, sources: {}, files: [] };

/**
 * The machine-wide file: `%ProgramData%\TiepNhan\config.json` on Windows, `/etc/tiepnhan/config.json`
 * on Linux, `/Library/Application Support/TiepNhan/config.json` on macOS. TIEPNHAN_MACHINE_CONFIG
 * names another file (tests); set to an empty string it turns the machine-wide file off.
 */
export function machineConfigFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const override = env.TIEPNHAN_MACHINE_CONFIG;
  if (override !== undefined) return override.trim() ? resolve(override) : null;
  if (platform === 'win32') return join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'TiepNhan', configFileName);
  if (platform === 'darwin') return join('/Library/Application Support/TiepNhan', configFileName);
  return join('/etc/tiepnhan', configFileName);
}

type Read = { raw: unknown; exists: boolean } | { problem: ConfigProblem; exists: boolean };

function readJson(file: string): Read {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { raw: {}, exists: false };
    const reason = (error as Error).message;
    return { exists: true, problem: { file, key: null, message: `Không đọc được ${file} (cannot read ${file}): ${reason}` } };
  }
  try {
    // A BOM is what Notepad puts at the start of a UTF-8 file.
    return { raw: JSON.parse(text.replace(/^\uFEFF/, '')), exists: true };
  } catch (error) {
    return { exists: true, problem: { file, key: null, message: `${file}: không phải JSON hợp lệ (not valid JSON): ${(error as Error).message}` } };
  }
}

/** Validates already-parsed JSON; throws one ConfigError naming every bad key. */
export function parseConfig(raw: unknown, file = configFileName): AppConfig {
  const parsed = AppConfig.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(describeIssues(file, parsed.error.issues));
}

/**
 * Reads and checks both files. A missing file means nothing set; every problem in either file
 * is collected first, so IT sees them all in one message.
 */
export function loadConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): LoadedConfig {
  const machine = machineConfigFile(env, platform);
  const candidates: Omit<ConfigFile, 'exists'>[] = [
    { path: join(dataDir, configFileName), scope: 'data-folder' },
    ...(machine ? [{ path: machine, scope: 'machine' as const }] : []),
  ];
  const problems: ConfigProblem[] = [];
  const files: ConfigFile[] = [];
  const parsedFiles: { path: string; values: AppConfig }[] = [];
  for (const c of candidates) {
    const read = readJson(c.path);
    files.push({ ...c, exists: read.exists });
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const parsed = AppConfig.safeParse(read.raw);
    if (parsed.success) parsedFiles.push({ path: c.path, values: parsed.data });
    else problems.push(...describeIssues(c.path, parsed.error.issues));
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const values: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const { path, values: v } of parsedFiles) {
    for (const [key, value] of Object.entries(v) as [ConfigKey, unknown][]) {
      if (value === undefined) continue;
      if (key === 'receptionPoint') {
        values.receptionPoint = { ...(values.receptionPoint as object | undefined), ...(value as object) };
        for (const field of Object.keys(value as object)) sources[`receptionPoint.${field}`] = path;
      } else {
        values[key] = value;
        sources[key] = path;
      }
    }
  }
  return { values: values as AppConfig, sources, files };
}

/** The file that set `key`, or null: a locked key is one the desk's settings may not change. */
export function lockedBy(config: LoadedConfig, key: string): string | null {
  return config.sources[key] ?? null;
}

/**
 * Refuses a change to values IT's config files set. `changed` lists the keys whose new value
 * differs from the one in force (a form may send a locked value back unchanged).
 */
export function refuseLockedChanges(config: LoadedConfig, changed: readonly string[]): void {
  const locked = changed.filter((key) => lockedBy(config, key) !== null);
  if (locked.length === 0) return;
  const files = [...new Set(locked.map((key) => lockedBy(config, key)))].join(', ');
  throw new AppError(
    'FORBIDDEN',
    { key: 'config.locked', params: { files, keys: locked.join(', ') } },
    Object.fromEntries(locked.map((key) => [key, 'config.locked'])),
  );
}
