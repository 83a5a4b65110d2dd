import { describe, expect, it } from 'vitest';
import { parseIdNumber, validateIdNumber } from '../../src-shared/domain/id-number.js';

describe('CCCD / CMND structure', () => {
  it('reads province, century, sex and birth year from a 12-digit CCCD', () => {
    expect(parseIdNumber('074090012345')).toEqual({
      ok: true,
      info: { kind: 'cccd', province: '074', provinceName: 'Bình Dương', sex: 'male', birthYear: 1990 },
    });
    expect(parseIdNumber('074190012345')).toMatchObject({ ok: true, info: { sex: 'female', birthYear: 1990 } });
    const r = parseIdNumber('079305001234');
    expect(r.ok && r.info.kind === 'cccd' && [r.info.sex, r.info.birthYear]).toEqual(['female', 2005]);
  });

  it('accepts a legacy 9-digit CMND', () => {
    expect(validateIdNumber('280123456')).toBeNull();
  });

  it('refuses wrong lengths, letters and unknown province codes', () => {
    expect(validateIdNumber('07419001234')).toBe('id.format');
    expect(validateIdNumber('07419001234A')).toBe('id.format');
    expect(validateIdNumber('0741900123456')).toBe('id.format');
    expect(validateIdNumber('003190012345')).toBe('id.province'); // 003 was never a province code
    expect(validateIdNumber('099190012345')).toBe('id.province');
  });

  it('checks century and year digits against the date of birth', () => {
    expect(validateIdNumber('074190012345', '1990-05-17')).toBeNull();
    expect(validateIdNumber('074190012345', '1991-05-17')).toBe('id.birthYearMismatch');
    // Born 2005 but encoded with the 1900s digit.
    expect(validateIdNumber('074105012345', '2005-01-01')).toBe('id.birthYearMismatch');
    expect(validateIdNumber('074205012345', '2005-01-01')).toBeNull();
  });

  it('checks the sex digit when the sex is known', () => {
    expect(validateIdNumber('074190012345', null, 'female')).toBeNull();
    expect(validateIdNumber('074190012345', null, 'male')).toBe('id.sexMismatch');
    expect(validateIdNumber('074090012345', null, 'male')).toBeNull();
  });
});

describe('ID numbers from the future', () => {
  it('refuses a birth year after the current year, whatever the century digit', () => {
    expect(validateIdNumber('079299001234', null, null, 2026)).toBe('id.birthYearFuture'); // 2099
    expect(validateIdNumber('079426001234', null, null, 2026)).toBe('id.birthYearFuture'); // 2126
    expect(validateIdNumber('079226001234', null, null, 2026)).toBeNull(); // 2026
  });
});
