import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('holiday calendar (seeded data, admin-editable)', () => {
  it('has Tết 2026 and the 2025 swapped Saturday as data', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const y2026 = await core.must('calendar.holidays', { year: 2026 }, token);
    expect(y2026.filter((h) => h.name.startsWith('Tết Nguyên đán')).map((h) => h.date)).toEqual([
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
    ]);
    const y2025 = await core.must('calendar.holidays', { year: 2025 }, token);
    expect(y2025).toContainEqual({ date: '2025-04-26', name: 'Làm bù cho ngày nghỉ 02/5/2025', kind: 'working' });
    expect((await core.must('calendar.holidays', { year: 2027 }, token)).length).toBeGreaterThan(5);
  });

  it('appointment preview: 3 working days from Thu 12/2/2026 skips Tết', async () => {
    core = makeCore('2026-02-12T10:00:00+07:00');
    const token = await setUpDesk(core);
    expect(await core.must('calendar.appointment', { processingDays: 3 }, token)).toEqual({
      appointmentAt: '2026-02-24T09:00:00.000Z',
      localDate: '2026-02-24',
    });
  });

  it('appointment preview honours the configured cutoff and return time', async () => {
    core = makeCore('2026-03-03T14:30:00+07:00');
    const token = await setUpDesk(core);
    expect((await core.must('calendar.appointment', { processingDays: 0 }, token)).localDate).toBe('2026-03-03');
    await core.must('settings.update', { cutoffTime: '14:00', returnTime: '10:30' }, token);
    expect(await core.must('calendar.appointment', { processingDays: 0 }, token)).toEqual({
      appointmentAt: '2026-03-04T03:30:00.000Z',
      localDate: '2026-03-04',
    });
  });

  it('an admin replaces a year; a swapped working Saturday then counts for receiving', async () => {
    core = makeCore('2026-10-09T10:00:00+07:00'); // Friday
    const token = await setUpDesk(core);
    // Without an exception, Fri + 1 working day → Monday 12/10.
    expect((await core.must('calendar.appointment', { processingDays: 1 }, token)).localDate).toBe('2026-10-12');
    const kept = await core.must('calendar.holidays', { year: 2026 }, token);
    await core.must('calendar.saveHolidays', { year: 2026, holidays: [...kept, { date: '2026-10-10', name: 'Làm bù', kind: 'working' }] }, token);
    expect((await core.must('calendar.appointment', { processingDays: 1 }, token)).localDate).toBe('2026-10-10');
    expect(await core.must('calendar.holidays', { year: 2026 }, token)).toHaveLength(kept.length + 1);
    // Other years are untouched.
    expect((await core.must('calendar.holidays', { year: 2025 }, token)).length).toBeGreaterThan(0);
    const audit = core.db.prepare("SELECT details FROM audit_log WHERE action = 'calendar.saveHolidays'").get() as { details: string };
    expect(JSON.parse(audit.details)).toEqual({ year: 2026, days: kept.length + 1 });
  });

  it('refuses dates outside the year, impossible dates and duplicates; and clerks', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const before = await core.must('calendar.holidays', { year: 2026 }, token);
    for (const holidays of [
      [{ date: '2027-01-01', name: 'Tết', kind: 'holiday' as const }],
      [{ date: '2026-02-30', name: 'Không có', kind: 'holiday' as const }],
      [
        { date: '2026-05-01', name: 'A', kind: 'holiday' as const },
        { date: '2026-05-01', name: 'B', kind: 'holiday' as const },
      ],
    ]) {
      const r = await core.call('calendar.saveHolidays', { year: 2026, holidays }, token);
      expect(r.ok ? null : r.error.code).toBe('VALIDATION');
    }
    await core.must('users.create', { username: 'canbo', fullName: 'Cán Bộ', role: 'clerk', password: 'mat-khau-can-bo' }, token);
    const { sessionToken: clerk } = await core.must('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' });
    const r = await core.call('calendar.saveHolidays', { year: 2026, holidays: [] }, clerk);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    expect(await core.must('calendar.holidays', { year: 2026 }, token)).toEqual(before);
  });
});
