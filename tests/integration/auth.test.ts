import { afterEach, describe, expect, it } from 'vitest';
import { adminPassword, makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('first-run setup and sign-in', () => {
  it('requires setup first, then refuses a second setup', async () => {
    core = makeCore();
    expect((await core.must('setup.status', {})).needsSetup).toBe(true);
    const before = await core.call('catalog.procedures', {}, 'whatever');
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.error.code).toBe('SETUP_REQUIRED');
    await setUpDesk(core);
    const info = await core.must('setup.status', {});
    expect(info.needsSetup).toBe(false);
    expect(info.receptionPoint?.agencyCode).toBe('000.00.53.H48');
    const again = await core.call('setup.init', {
      receptionPoint: { name: 'X', agencyCode: '000.00.00.H00' },
      admin: { username: 'other', fullName: 'Other', password: 'password-long' },
    });
    expect(again.ok ? null : again.error.code).toBe('SETUP_DONE');
  });

  it('refuses a wrong password with a Vietnamese message and no session', async () => {
    core = makeCore();
    await setUpDesk(core);
    const r = await core.call('auth.login', { username: 'admin', password: 'sai-mat-khau' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_CREDENTIALS');
      expect(r.error.message).toMatch(/mật khẩu không đúng/);
    }
    const unknown = await core.call('auth.login', { username: 'nobody', password: adminPassword });
    expect(unknown.ok ? null : unknown.error.code).toBe('BAD_CREDENTIALS');
  });

  it('stores passwords only as scrypt hashes', async () => {
    core = makeCore();
    await setUpDesk(core);
    const row = core.db.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(adminPassword);
  });

  it('locks a session after inactivity and unlocks it with the password', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    expect((await core.must('auth.me', {}, token)).username).toBe('admin');
    core.clock.advance(16 * 60_000);
    const locked = await core.call('auth.me', {}, token);
    expect(locked.ok ? null : locked.error.code).toBe('SESSION_LOCKED');
    expect(core.mayReceiveEvents(token)).toBe(false);
    const wrong = await core.call('auth.unlock', { password: 'nope-nope' }, token);
    expect(wrong.ok ? null : wrong.error.code).toBe('BAD_CREDENTIALS');
    await core.must('auth.unlock', { password: adminPassword }, token);
    expect((await core.must('auth.me', {}, token)).username).toBe('admin');
  });

  it('enforces roles: a clerk cannot create users or verify the audit log', async () => {
    core = makeCore();
    const admin = await setUpDesk(core);
    await core.must('users.create', { username: 'canbo1', fullName: 'Nguyễn Thị Lan', role: 'clerk', password: 'mat-khau-can-bo' }, admin);
    const { sessionToken: clerk } = await core.must('auth.login', { username: 'canbo1', password: 'mat-khau-can-bo' });
    const r = await core.call('users.create', { username: 'x1x', fullName: 'X', role: 'admin', password: 'aaaaaaaaaa' }, clerk);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    const v = await core.call('audit.verify', {}, clerk);
    expect(v.ok ? null : v.error.code).toBe('FORBIDDEN');
    const none = await core.call('auth.me', {}, null);
    expect(none.ok ? null : none.error.code).toBe('UNAUTHENTICATED');
  });

  it('signs a disabled user out at once', async () => {
    core = makeCore();
    const admin = await setUpDesk(core);
    const u = await core.must('users.create', { username: 'canbo2', fullName: 'Trần Văn Bình', role: 'clerk', password: 'mat-khau-can-bo' }, admin);
    const { sessionToken } = await core.must('auth.login', { username: 'canbo2', password: 'mat-khau-can-bo' });
    await core.must('users.setDisabled', { id: u.id, disabled: true }, admin);
    const r = await core.call('auth.me', {}, sessionToken);
    expect(r.ok ? null : r.error.code).toBe('UNAUTHENTICATED');
    const login = await core.call('auth.login', { username: 'canbo2', password: 'mat-khau-can-bo' });
    expect(login.ok ? null : login.error.code).toBe('BAD_CREDENTIALS');
  });
});

describe('idle lock and clock changes', () => {
  it('measures idleness on a monotonic clock: setting the wall clock back or forward changes nothing', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    core.clock.set('2026-03-01T09:00:00+07:00'); // a day back
    expect((await core.must('auth.me', {}, token)).username).toBe('admin');
    core.clock.set('2026-03-05T09:00:00+07:00'); // days forward
    expect((await core.must('auth.me', {}, token)).username).toBe('admin');
    core.clock.advance(16 * 60_000);
    const locked = await core.call('auth.me', {}, token);
    expect(locked.ok ? null : locked.error.code).toBe('SESSION_LOCKED');
  });
});
