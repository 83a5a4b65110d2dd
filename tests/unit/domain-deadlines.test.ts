import { describe, expect, it } from 'vitest';
import { deadlineWindows, dueDate, lastWorkingDayBefore } from '../../src-shared/domain/deadlines.js';
import type { WorkCalendar } from '../../src-shared/domain/working-days.js';

// 30 April and 1 May 2026 (Thursday, Friday) are holidays, then a weekend: Monday 4 May is next.
// Saturday 25 April 2026 is a swapped working day.
const cal: WorkCalendar = new Map([
  ['2026-04-25', 'working'],
  ['2026-04-27', 'holiday'],
  ['2026-04-30', 'holiday'],
  ['2026-05-01', 'holiday'],
]);

/** Which window an appointment date falls in on `today`. */
function where(today: string, appointment: string): 'overdue' | 'due_today' | 'due_next' | 'later' {
  const w = deadlineWindows(today, cal);
  if (appointment < w.overdueBefore) return 'overdue';
  if (w.dueToday && appointment >= w.dueToday.from && appointment < w.dueToday.to) return 'due_today';
  if (appointment >= w.dueNext.from && appointment < w.dueNext.to) return 'due_next';
  return 'later';
}

describe('deadline windows', () => {
  it('on an ordinary working day: before today overdue, today due, the next working day next', () => {
    expect(deadlineWindows('2026-03-04', cal)).toEqual({
      today: '2026-03-04',
      overdueBefore: '2026-03-04',
      dueToday: { from: '2026-03-04', to: '2026-03-05' },
      dueNext: { date: '2026-03-05', from: '2026-03-05', to: '2026-03-06' },
    });
    expect(where('2026-03-04', '2026-03-03')).toBe('overdue');
    expect(where('2026-03-04', '2026-03-04')).toBe('due_today');
    expect(where('2026-03-04', '2026-03-05')).toBe('due_next');
    expect(where('2026-03-04', '2026-03-06')).toBe('later');
  });

  it('the day before the 30/4–1/5 holidays: a dossier due on Monday 4 May is due next', () => {
    expect(deadlineWindows('2026-04-29', cal).dueNext.date).toBe('2026-05-04');
    expect(where('2026-04-29', '2026-05-04')).toBe('due_next');
    expect(where('2026-04-29', '2026-04-29')).toBe('due_today');
    // Promised for the holiday itself (a holiday added after the receipt): due on Monday, not before.
    expect(where('2026-04-29', '2026-04-30')).toBe('due_next');
    expect(where('2026-04-29', '2026-05-05')).toBe('later');
  });

  it('after the holidays: what fell on them is due the first working day, overdue the next', () => {
    expect(where('2026-05-04', '2026-04-30')).toBe('due_today');
    expect(where('2026-05-04', '2026-05-02')).toBe('due_today');
    expect(where('2026-05-04', '2026-05-04')).toBe('due_today');
    expect(where('2026-05-04', '2026-04-29')).toBe('overdue');
    expect(where('2026-05-05', '2026-04-30')).toBe('overdue');
    expect(where('2026-05-05', '2026-05-04')).toBe('overdue');
    expect(where('2026-05-05', '2026-05-05')).toBe('due_today');
  });

  it('on a day off nothing is due today; overdue counts from the last working day', () => {
    const w = deadlineWindows('2026-05-01', cal);
    expect(w.dueToday).toBeNull();
    expect(w.overdueBefore).toBe('2026-04-30');
    expect(where('2026-05-01', '2026-04-29')).toBe('overdue');
    expect(where('2026-05-01', '2026-05-01')).toBe('due_next');
    expect(where('2026-05-01', '2026-05-04')).toBe('due_next');
  });

  it('a swapped working Saturday counts as a working day', () => {
    expect(lastWorkingDayBefore('2026-04-28', cal)).toBe('2026-04-25');
    expect(where('2026-04-25', '2026-04-25')).toBe('due_today');
    expect(where('2026-04-28', '2026-04-26')).toBe('due_today');
    expect(where('2026-04-28', '2026-04-25')).toBe('overdue');
  });

  it('dueDate moves a day off to the next working day', () => {
    expect(dueDate('2026-04-30', cal)).toBe('2026-05-04');
    expect(dueDate('2026-04-29', cal)).toBe('2026-04-29');
  });
});
