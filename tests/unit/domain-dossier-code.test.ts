import { describe, expect, it } from 'vitest';
import { formatDossierCode, nextSequence, sequenceRange, sequenceWidth } from '../../src-shared/domain/dossier-code.js';
import { lookupAlphabet, lookupCodeFromBytes, normalizeLookupCode } from '../../src-shared/domain/lookup-code.js';

const art19 = '{unit}-{yymmdd}-{seq4}';

describe('dossier code format (Circular 01/2018 Art. 19)', () => {
  it('fills unit, local date and a zero-filled sequence', () => {
    expect(formatDossierCode(art19, '000.00.53.H48', '2022-09-21', 99)).toBe('000.00.53.H48-220921-0099');
    expect(formatDossierCode(art19, '000.00.53.H48', '2026-03-02', 3001)).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/);
  });
  it('refuses a sequence that does not fit the width, and a template without one', () => {
    expect(() => formatDossierCode(art19, 'X', '2026-03-02', 10000)).toThrow(RangeError);
    expect(() => formatDossierCode(art19, 'X', '2026-03-02', 0)).toThrow(RangeError);
    expect(() => sequenceWidth('{unit}-{yymmdd}')).toThrow();
    expect(sequenceWidth('{unit}-{yymmdd}-AA{seq6}')).toBe(6);
  });
});

describe('desk slot ranges', () => {
  it('slot 0 with block 10000 owns 0001–9999; slot 3 with block 1000 owns 3001–3999', () => {
    expect(sequenceRange(0, 10000, 4)).toEqual({ first: 1, last: 9999 });
    expect(sequenceRange(3, 1000, 4)).toEqual({ first: 3001, last: 3999 });
    expect(sequenceRange(9, 1000, 4)).toEqual({ first: 9001, last: 9999 });
    expect(sequenceRange(10, 1000, 4)).toBeNull();
  });
  it('different slots never overlap', () => {
    const ranges = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((s) => sequenceRange(s, 1000, 4)!);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.first).toBeGreaterThan(ranges[i - 1]!.last);
  });
  it('next number starts at the range, increases, and stops at its end', () => {
    const r = { first: 3001, last: 3999 };
    expect(nextSequence(null, r)).toBe(3001);
    expect(nextSequence(12, r)).toBe(3001); // counter left by a lower slot earlier today
    expect(nextSequence(3001, r)).toBe(3002);
    expect(nextSequence(3999, r)).toBeNull();
  });
});

describe('lookup codes', () => {
  it('maps random bytes to XXXX-XXXX over the unambiguous alphabet', () => {
    expect(lookupCodeFromBytes(new Uint8Array([0, 1, 2, 3, 28, 29, 30, 31]))).toBe('2345-WXYZ');
    // High bits are ignored: 32 symbols = 5 bits, so each is equally likely.
    expect(lookupCodeFromBytes(new Uint8Array([32, 64, 96, 128, 160, 192, 224, 255]))).toBe('2222-222Z');
    expect(lookupAlphabet).toHaveLength(32);
    expect(lookupAlphabet).not.toMatch(/[01OI]/);
  });
  it('normalises what a citizen types', () => {
    expect(normalizeLookupCode(' abcd efgh ')).toBe('ABCD-EFGH');
    expect(normalizeLookupCode('ABCD-EFG0')).toBeNull();
    expect(normalizeLookupCode('ABC')).toBeNull();
  });
});
