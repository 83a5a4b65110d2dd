import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import type { LogLevel } from './config-schema.js';

export type Logger = {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
};

export type { LogLevel } from './config-schema.js';

export const logsDirName = 'logs';
export const logFileName = 'tiepnhan.log';

/** The log files of a data folder, newest first: tiepnhan.log, tiepnhan.log.1, … */
export function logFiles(dataDir: string, keep = defaultKeep): string[] {
  const base = join(dataDir, logsDirName, logFileName);
  return [base, ...Array.from({ length: keep - 1 }, (_, i) => `${base}.${i + 1}`)];
}

/** 5 MB per file and five files (the current one and four before it): a month of a busy desk's lines. */
const defaultMaxBytes = 5 * 1024 * 1024;
const defaultKeep = 5;
/** While the disk is full, lines wait in memory up to this much; older ones are dropped. */
const maxPendingBytes = 1024 * 1024;

function serialise(data: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data ?? {})) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}

export type FileLoggerOptions = {
  level?: LogLevel;
  /** Every line to stderr too (errors always go there). */
  alsoConsole?: boolean;
  maxBytes?: number;
  keep?: number;
};

export type FileLogger = Logger & { close(): void };

/**
 * JSON lines (pino) in `<dataDir>/logs/tiepnhan.log`, one object per line:
 * `{"level":"info","at":"2026-03-02T02:00:00.000Z","message":"…",…data}`. Rotated by size:
 * past maxBytes the file becomes tiepnhan.log.1 (and .1 becomes .2, …, the oldest goes).
 * Writes are synchronous, so a crash loses no line and the log viewer reads what was written.
 * Callers must not log citizens' personal data (names, ID numbers, phones, addresses, page
 * text): log ids and codes instead. The support bundle scrubs the files again on the way out.
 */
export function fileLogger(dataDir: string, options: FileLoggerOptions = {}): FileLogger {
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const files = logFiles(dataDir, options.keep ?? defaultKeep);
  const file = files[0]!;
  const dest = pino.destination({ dest: file, sync: true, mkdir: true, maxLength: maxPendingBytes });
  // A full disk must not stop the desk: the line is kept for a later write or dropped.
  dest.on('error', () => {});
  let size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  // The new file opens on the next tick (sonic-boom); lines written meanwhile go to it as well.
  let reopening = false;
  const rotate = () => {
    if (reopening) return;
    // Another process (a CLI command) may share the file: go by its real size.
    size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size <= maxBytes) return;
    try {
      rmSync(files.at(-1)!, { force: true });
      for (let i = files.length - 2; i >= 0; i--) if (existsSync(files[i]!)) renameSync(files[i]!, files[i + 1]!);
      reopening = true;
      dest.once('ready', () => (reopening = false));
      dest.reopen();
      size = 0;
    } catch {
      // Rotation is best effort (a file held open elsewhere on Windows); the next line tries again.
    }
  };
  const stream = {
    write(line: string) {
      dest.write(line);
      size += Buffer.byteLength(line);
      if (size > maxBytes) rotate();
    },
  };
  const log = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      messageKey: 'message',
      timestamp: () => `,"at":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  const write = (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => {
    log[level](serialise(data), message);
    if (options.alsoConsole || level === 'error') {
      console.error(JSON.stringify({ level, at: new Date().toISOString(), message, ...serialise(data) }));
    }
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    close: () => {
      try {
        dest.flushSync();
      } catch {
        // Nothing more can be written (full disk); closing still releases the file.
      }
      dest.destroy();
    },
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
