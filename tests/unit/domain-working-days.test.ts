import { describe, expect, it } from 'vitest';
import { addDays, fromLocal, toLocal, weekday } from '../../src-shared/domain/local-time.js';
import { addWorkingDays, computeAppointment, isWorkingDay, type WorkCalendar } from '../../src-shared/domain/working-days.js';

const rules = { cutoffTime: '15:00', returnTime: '16:00', timeZone: 'Asia/Ho_Chi_Minh' };
// A hand-made calendar: Tết 2026 weekdays off (16–20/2) and one swapped working Saturday.
const cal: WorkCalendar = new Map([
  ['2026-02-16', 'holiday'],
  ['2026-02-17', 'holiday'],
  ['2026-02-18', 'holiday'],
  ['2026-02-19', 'holiday'],
  ['2026-02-20', 'holiday'],
  ['2026-04-25', 'working'],
  ['2026-04-27', 'holiday'],
]);
const appt = (at: string, days: number, c: WorkCalendar = cal) => computeAppointment(new Date(at), days, rules, c);

describe('local time in the desk zone', () => {
  it('takes the date from the configured zone, not UTC or the machine', () => {
    // 18:30 UTC on 1 March is already 2 March in Vietnam.
    expect(toLocal(new Date('2026-03-01T18:30:00Z'), 'Asia/Ho_Chi_Minh')).toEqual({ date: '2026-03-02', time: '01:30', seconds: 0 });
    expect(toLocal(new Date('2026-03-01T18:30:00Z'), 'UTC').date).toBe('2026-03-01');
  });
  it('converts a local wall time back to the instant, also across DST elsewhere', () => {
    expect(fromLocal('2026-03-02', '16:00', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(fromLocal('2026-07-01', '16:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T14:00:00.000Z');
    expect(fromLocal('2026-01-15', '16:00', 'Europe/Berlin').toISOString()).toBe('2026-01-15T15:00:00.000Z');
  });
  it('does calendar arithmetic across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekday('2026-03-02')).toBe(1);
  });
});

describe('working days', () => {
  it('treats weekends as off unless marked working, and holidays as off', () => {
    expect(isWorkingDay('2026-03-02', cal)).toBe(true); // Monday
    expect(isWorkingDay('2026-03-07', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-25', cal)).toBe(true); // swapped working Saturday
    expect(isWorkingDay('2026-02-17', cal)).toBe(false); // Tết
  });
  it('adds working days, skipping weekends and Tết', () => {
    expect(addWorkingDays('2026-03-05', 3, cal)).toBe('2026-03-10'); // Thu + 3 → Tue
    expect(addWorkingDays('2026-02-12', 2, cal)).toBe('2026-02-23'); // Thu + 2: Fri 13, then Mon 23 after Tết
    expect(addWorkingDays('2026-03-05', 0, cal)).toBe('2026-03-05');
  });
});

describe('appointment', () => {
  it('same day before the cutoff, returned at the return time', () => {
    expect(appt('2026-03-02T09:00:00+07:00', 0)).toEqual({
      startDate: '2026-03-02',
      localDate: '2026-03-02',
      appointmentAt: '2026-03-02T09:00:00.000Z',
    });
  });
  it('Friday 16:00 with 0 days → Monday', () => {
    expect(appt('2026-03-06T16:00:00+07:00', 0).localDate).toBe('2026-03-09');
  });
  it('15:00:00 still counts the same day; 15:00:01 and 15:01 the next working day', () => {
    expect(appt('2026-03-03T15:00:00+07:00', 0).localDate).toBe('2026-03-03');
    expect(appt('2026-03-03T15:00:01+07:00', 0).localDate).toBe('2026-03-04');
    expect(appt('2026-03-03T14:59:59+07:00', 1).localDate).toBe('2026-03-04');
    expect(appt('2026-03-03T15:01:00+07:00', 1).localDate).toBe('2026-03-05');
  });
  it('received on a Saturday counts from Monday', () => {
    expect(appt('2026-03-07T09:00:00+07:00', 0).localDate).toBe('2026-03-09');
    expect(appt('2026-03-07T09:00:00+07:00', 3).localDate).toBe('2026-03-12');
  });
  it('skips Tết 2026', () => {
    // Thu 12/2 + 3 working days: Fri 13, Mon 23, Tue 24.
    expect(appt('2026-02-12T10:00:00+07:00', 3).localDate).toBe('2026-02-24');
    // Received during Tết (on a day off) starts on the first day back.
    expect(appt('2026-02-18T10:00:00+07:00', 0).localDate).toBe('2026-02-23');
  });
  it('counts a swapped working Saturday', () => {
    // Fri 24/4 + 1 → Sat 25/4 (working); + 2 → Tue 28/4 (Mon 27 is off).
    expect(appt('2026-04-24T10:00:00+07:00', 1).localDate).toBe('2026-04-25');
    expect(appt('2026-04-24T10:00:00+07:00', 2).localDate).toBe('2026-04-28');
    // Without the swap the Saturday is off.
    expect(appt('2026-04-24T10:00:00+07:00', 1, new Map()).localDate).toBe('2026-04-27');
  });
  it('uses the desk zone: 08:30 UTC is 15:30 in Vietnam, after the cutoff', () => {
    expect(appt('2026-03-03T08:30:00Z', 0).localDate).toBe('2026-03-04');
    expect(computeAppointment(new Date('2026-03-03T08:30:00Z'), 0, { ...rules, timeZone: 'UTC' }, cal).localDate).toBe('2026-03-03');
  });
  it('refuses a negative processing time', () => {
    expect(() => appt('2026-03-03T10:00:00+07:00', -1)).toThrow(RangeError);
  });
});
