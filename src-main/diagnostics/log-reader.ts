import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { LogEntry } from '../../src-shared/contract/diagnostics-commands.js';
import { logFiles } from '../kernel/logger.js';

const rank = { info: 0, warn: 1, error: 2 } as const;
type Level = keyof typeof rank;

export type LogQuery = { minLevel: Level; from?: string; to?: string; limit: number };

function read(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** One line of the log as the viewer shows it; null for a line that is not ours (cut by a full disk). */
export function parseLogLine(line: string, file: string): LogEntry | null {
  if (!line.trim()) return null;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  const { at, level, message, pid: _pid, ...rest } = o;
  if (typeof at !== 'string' || typeof message !== 'string' || !(typeof level === 'string' && level in rank)) return null;
  return { at, level: level as Level, message, data: Object.keys(rest).length > 0 ? JSON.stringify(rest) : '', file };
}

/** The log's lines, newest first, filtered by level and time, across the rotated files. */
export function readLogs(dataDir: string, q: LogQuery): { entries: LogEntry[]; truncated: boolean } {
  const entries: LogEntry[] = [];
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  for (const file of logFiles(dataDir)) {
    const lines = read(file);
    for (let i = lines.length - 1; i >= 0; i--) {
      const e = parseLogLine(lines[i]!, basename(file));
      if (!e || rank[e.level] < rank[q.minLevel]) continue;
      const t = Date.parse(e.at);
      if (t < from || t > to) continue;
      if (entries.length === q.limit) return { entries, truncated: true };
      entries.push(e);
    }
  }
  return { entries, truncated: false };
}
