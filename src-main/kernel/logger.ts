import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Logger = {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
};

/** 5 MB per file, one previous file kept: enough for IT to read a week of a desk's troubles. */
const maxBytes = 5 * 1024 * 1024;

function serialise(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}

/**
 * JSON-lines log in `<dataDir>/logs/tiepnhan.log`. Callers must not log citizens'
 * personal data (names, ID numbers): log ids and codes instead.
 */
export function fileLogger(dataDir: string, alsoConsole = false): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'tiepnhan.log');
  const write = (level: string, message: string, data?: Record<string, unknown>) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...serialise(data) });
    try {
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > maxBytes) renameSync(file, `${file}.1`);
      appendFileSync(file, `${line}\n`);
    } catch {
      // A full disk must not stop the desk; the console still gets the line.
    }
    if (alsoConsole || level === 'error') console.error(line);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
