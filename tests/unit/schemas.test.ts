import { describe, expect, it } from 'vitest';
import { ApplicantInput, IsoDate, Settings } from '../../src-shared/contract/schemas.js';

const applicant = { fullName: 'Trần Thị Mai', idNumber: '074190012345' };

describe('contract schemas', () => {
  it('accepts only real calendar dates', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2023-02-29').success).toBe(false);
    expect(IsoDate.safeParse('2003-02-30').success).toBe(false);
    expect(IsoDate.safeParse('2003-99-99').success).toBe(false);
  });

  it('refuses a date of birth in the future or before 1900', () => {
    expect(ApplicantInput.safeParse({ ...applicant, dateOfBirth: '1990-05-12' }).success).toBe(true);
    const future = ApplicantInput.safeParse({ ...applicant, idNumber: '280123456', dateOfBirth: '2999-01-01' });
    expect(future.success).toBe(false);
    if (!future.success) expect(future.error.issues[0]?.message).toBe('date.birthRange');
    expect(ApplicantInput.safeParse({ ...applicant, idNumber: '280123456', dateOfBirth: '1899-12-31' }).success).toBe(false);
  });

  it('refuses impossible times of day in the settings', () => {
    const base = {
      receptionPoint: { name: 'UBND xã A', agencyCode: '000.00.53.H48' },
      idleLockMinutes: 15,
      cutoffTime: '15:00',
      returnTime: '16:00',
      timeZone: 'Asia/Ho_Chi_Minh',
      trackingUrlTemplate: null,
      deskSlot: 0,
      slotBlockSize: 10000,
      reviewBeforeSync: false,
      importMaxPagesPerFile: 1000,
      importMaxPagesPerDossier: 2000,
    };
    expect(Settings.safeParse(base).success).toBe(true);
    expect(Settings.safeParse({ ...base, returnTime: '24:30' }).success).toBe(false);
    expect(Settings.safeParse({ ...base, cutoffTime: '15:60' }).success).toBe(false);
  });
});
