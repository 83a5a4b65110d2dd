import { describe, expect, it } from 'vitest';
import { applyCorrections, correctionRules } from '../../src-shared/text/ocr-corrections.js';
import { characterErrorRate, wordErrorRate } from '../../src-shared/text/error-rate.js';

describe('Vietnamese post-correction rules', () => {
  it('turns Ð (U+00D0) and ð into Đ and đ, and normalises to NFC', () => {
    const out = applyCorrections('ÐỒNG Ý, ðường Nguye\u0302\u0303n');
    expect(out).toBe('ĐỒNG Ý, đường Nguyễn');
    expect(out).toBe(out.normalize('NFC'));
  });

  it('joins punctuation split from its word, but leaves spaced dashes and numbers alone', () => {
    expect(applyCorrections('xã Tân Định , thành phố')).toBe('xã Tân Định, thành phố');
    expect(applyCorrections('Tổng cộng : 3 trang . Hết')).toBe('Tổng cộng: 3 trang. Hết');
    expect(applyCorrections('2 - 3 trang, 12 .5')).toBe('2 - 3 trang, 12 .5');
  });

  it('can apply a chosen subset, as the benchmark does to measure each rule', () => {
    expect(applyCorrections('Ðông ,', ['nfc'])).toBe('Ðông ,');
    expect(correctionRules.map((r) => r.id)).toEqual(['nfc', 'eth-to-d-stroke', 'space-before-punctuation']);
  });

  it('each rule lowers the error rate on the confusion it targets', () => {
    const truth = 'Đường Định, đã';
    const read = 'Ðường Ðịnh , ðã'.normalize('NFD');
    const before = characterErrorRate(truth, read);
    expect(before).toBeGreaterThan(0);
    expect(characterErrorRate(truth, applyCorrections(read))).toBe(0);
  });
});

describe('error rates', () => {
  it('count NFC characters and whitespace-separated words', () => {
    expect(characterErrorRate('Nguyễn', 'Nguye\u0302\u0303n')).toBe(0);
    expect(characterErrorRate('abcd', 'abxd')).toBe(0.25);
    expect(wordErrorRate('một hai  ba bốn', 'một hai bốn')).toBe(0.25);
    expect(characterErrorRate('', '')).toBe(0);
  });
});
