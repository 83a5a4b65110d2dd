import type { Clock } from '../kernel/clock.js';
import type { Db } from '../db/open.js';
import { nextChangeSeq } from '../db/change-feed.js';
import { appendAudit, type AuditEntry } from './audit-log.js';

/** What the body of a change gets: one timestamp for every row it writes, and its change sequence. */
export type ChangeContext = {
  now: Date;
  /** `now` as stored (ISO 8601): the rows' timestamps and the audit entry's. */
  at: string;
  /**
   * The change's sequence number, for rows the replication feed and sync read by sequence.
   * Taken on the first call, the same number after; a change that writes no such row never
   * calls it, so the counter the change feed watches (db/change-feed.ts) does not move.
   */
  seq: () => number;
};

/** The audit entry's own part; null when the change turned out to change nothing (nothing to record). */
export type AuditRecord = Pick<AuditEntry, 'dossierId' | 'details'> | null;

export type ChangeOutcome<T> = { value: T; audit: AuditRecord };

/** Who makes the change and what it is called in the audit log ('pages.move'). */
export type Who = { userId: string | null; action: string };

/**
 * Runs one audited change: the body's writes, the change sequence it took and its audit entry
 * are committed together or not at all (a throw anywhere rolls all three back). The audit entry
 * comes last because its details often say what the body found (a position, the ids it touched).
 *
 * The transaction is IMMEDIATE: the audit chain reads the last entry's hash before it appends,
 * so that read and the write must hold the write lock together even with a second connection
 * on the file. The body is synchronous (a transaction cannot stay open across an await): file
 * work goes before the change, clean-up after it.
 */
export function auditedChange<T>(db: Db, clock: Clock, who: Who, body: (ctx: ChangeContext) => ChangeOutcome<T>): T;
/** A change with no result for the caller. */
export function auditedChange(db: Db, clock: Clock, who: Who, body: (ctx: ChangeContext) => { audit: AuditRecord }): void;
export function auditedChange<T>(db: Db, clock: Clock, who: Who, body: (ctx: ChangeContext) => Partial<ChangeOutcome<T>> & { audit: AuditRecord }): T | undefined {
  return db
    .transaction(() => {
      const now = clock.now();
      const at = now.toISOString();
      let seq: number | null = null;
      const { value, audit } = body({ now, at, seq: () => (seq ??= nextChangeSeq(db)) });
      if (audit) appendAudit(db, { at, userId: who.userId, action: who.action, dossierId: audit.dossierId, details: audit.details });
      return value;
    })
    .immediate();
}
