import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from './logger.js';

/**
 * Optional settings IT may put in `<dataDir>/config.json` before the app starts, for
 * what must be known before the database opens (the port) or set once per machine.
 * Everything a desk admin changes lives in the database's settings instead.
 */
export const AppConfig = z
  .object({
    /** The web host's port; 0 = any free port. Overridden by TIEPNHAN_PORT. */
    port: z.number().int().min(0).max(65535).optional(),
    /** Idle minutes before a session locks, used as the default when a desk is set up. */
    // The same bounds as the desk setting it seeds (Settings.idleLockMinutes).
    idleLockMinutes: z.number().int().min(1).max(240).optional(),
    /** Lowest level written to the log file. */
    logLevel: z.enum(['error', 'warn', 'info']).optional(),
  })
  .strict();

export type AppConfig = z.output<typeof AppConfig>;
export type LogLevel = NonNullable<AppConfig['logLevel']>;

export const configFileName = 'config.json';

/** A config file IT wrote wrongly: the message names the file and the bad key, in Vietnamese and English. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly key: string | null,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

function describeIssue(file: string, issue: z.core.$ZodIssue): ConfigError {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return new ConfigError(`${file}: khóa không được hỗ trợ "${keys}" (unknown key "${keys}")`, issue.keys[0] ?? null);
  }
  const key = issue.path.map(String).join('.') || '(gốc/root)';
  return new ConfigError(`${file}: giá trị của khóa "${key}" không hợp lệ (invalid value for key "${key}"): ${issue.message}`, key);
}

/** Validates already-parsed JSON; throws ConfigError naming the first bad key. */
export function parseConfig(raw: unknown, file = configFileName): AppConfig {
  const parsed = AppConfig.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw first ? describeIssue(file, first) : new ConfigError(`${file}: không hợp lệ (invalid)`, null);
}

/** Reads `<dataDir>/config.json`; a missing file means defaults, a broken one is an error. */
export function loadConfig(dataDir: string): AppConfig {
  const file = join(dataDir, configFileName);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`Không đọc được ${file} (cannot read ${file}): ${(error as Error).message}`, null);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: không phải JSON hợp lệ (not valid JSON): ${(error as Error).message}`, null);
  }
  return parseConfig(raw, file);
}

const rank: Record<LogLevel, number> = { error: 0, warn: 1, info: 2 };

/** Drops log lines below the configured level. */
export function filterLogger(logger: Logger, level: LogLevel = 'info'): Logger {
  const allow = (l: LogLevel) => rank[l] <= rank[level];
  return {
    info: (m, d) => (allow('info') ? logger.info(m, d) : undefined),
    warn: (m, d) => (allow('warn') ? logger.warn(m, d) : undefined),
    error: (m, d) => logger.error(m, d),
  };
}
