import type Database from 'better-sqlite3';

/** The desk's database handle. Only db/ imports better-sqlite3 (DESIGN.md habit 1). */
export type Db = Database.Database;
