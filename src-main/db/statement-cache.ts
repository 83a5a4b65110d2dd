import type { Statement } from 'better-sqlite3';
import type { Db } from './db-handle.js';

/**
 * The same handle, compiling each SQL text once: repository functions prepare their statement
 * on every call (some 70 µs each), which is nothing for a command and most of the time of a
 * bulk writer calling them a million times (tiepnhan demo-data). Use it for such loops only; a
 * statement stays compiled as long as the returned handle lives.
 */
export function withStatementCache(db: Db): Db {
  const cache = new Map<string, Statement>();
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') {
        return (sql: string) => {
          let s = cache.get(sql);
          if (!s) cache.set(sql, (s = target.prepare(sql)));
          return s;
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
