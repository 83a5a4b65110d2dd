import type { Role, User } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';

type Row = { id: string; username: string; full_name: string; role: Role; disabled: number; password_hash: string };

const toUser = (r: Row): User => ({ id: r.id, username: r.username, fullName: r.full_name, role: r.role, disabled: r.disabled === 1 });

export function findUserByUsername(db: Db, username: string): (User & { passwordHash: string }) | null {
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export function findUserById(db: Db, id: string): (User & { passwordHash: string }) | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export function listUsers(db: Db): User[] {
  return (db.prepare('SELECT * FROM users ORDER BY username').all() as Row[]).map(toUser);
}

export function insertUser(
  db: Db,
  u: { id: string; username: string; fullName: string; role: Role; passwordHash: string; createdAt: string },
): void {
  db.prepare('INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    u.id,
    u.username,
    u.fullName,
    u.role,
    u.passwordHash,
    u.createdAt,
  );
}

export function setUserDisabled(db: Db, id: string, disabled: boolean): boolean {
  return db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id).changes === 1;
}

export function userCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}
