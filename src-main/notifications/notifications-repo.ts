import type { Notification, NotificationKind } from '../../src-shared/contract/notifications-commands.js';
import type { Db } from '../db/open.js';

/** SQL of notifications (migration 0010). The province's ones are written by triggers; due-soon ones here. */

type Row = { id: number; kind: NotificationKind; dossier_id: string; code: string | null; applicant_name: string; ref: string; at: string; read: number };

/** The newest notifications for one reader; `assignedTo` set: only those of that clerk's dossiers. */
export function listNotifications(db: Db, userId: string, assignedTo: string | null, limit: number): { unread: number; items: Notification[] } {
  const scope = assignedTo === null ? '' : 'AND f.assigned_to = @assignedTo';
  const rows = db
    .prepare(
      `SELECT n.id, n.kind, n.dossier_id, d.code, d.applicant_name, n.ref, n.at,
              EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = @userId) AS read
         FROM notifications n JOIN dossiers d ON d.id = n.dossier_id JOIN dossier_flow f ON f.dossier_id = n.dossier_id
        WHERE 1 ${scope}
        ORDER BY n.at DESC, n.id DESC LIMIT @limit`,
    )
    .all({ userId, assignedTo, limit }) as Row[];
  // Unread among the recent ones: older notices are history, not work (a month of a busy desk).
  const { unread } = db
    .prepare(
      `SELECT count(*) AS unread FROM (SELECT n.id FROM notifications n JOIN dossier_flow f ON f.dossier_id = n.dossier_id
         WHERE 1 ${scope} ORDER BY n.at DESC, n.id DESC LIMIT 1000) n
        WHERE NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = @userId)`,
    )
    .get({ userId, assignedTo }) as { unread: number };
  return {
    unread,
    items: rows.map((r) => ({ id: r.id, kind: r.kind, dossierId: r.dossier_id, code: r.code, applicantName: r.applicant_name, ref: r.ref, at: r.at, read: r.read === 1 })),
  };
}

export function markRead(db: Db, ids: readonly number[], userId: string, at: string): void {
  const stmt = db.prepare(
    'INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT id, ?, ? FROM notifications WHERE id = ? ON CONFLICT DO NOTHING',
  );
  for (const id of ids) stmt.run(userId, at, id);
}

/** One 'due_tomorrow' notice per open dossier whose appointment falls in [from, to); `ref` the due date. Returns how many are new. */
export function notifyDueBetween(db: Db, from: string, to: string, dueDate: string, at: string): number {
  return db
    .prepare(
      `INSERT INTO notifications (kind, dossier_id, ref, at)
       SELECT 'due_tomorrow', f.dossier_id, @dueDate, @at FROM dossier_flow f
        WHERE f.status = 'received' AND f.closed_at IS NULL AND f.appointment_at >= @from AND f.appointment_at < @to
       ON CONFLICT (kind, dossier_id, ref) DO NOTHING`,
    )
    .run({ from, to, dueDate, at }).changes;
}
