import { describe, expect, it } from 'vitest';
import type { FeeSchedule } from '../../src-shared/contract/schemas.js';
import { computeFee } from '../../src-shared/domain/fee.js';

// The certification schedule as seeded (Thông tư 226/2016/TT-BTC).
const cert: FeeSchedule = { kind: 'per_page_tiered', firstPages: 2, firstPagePrice: 2000, nextPagePrice: 1000, capPerCopy: 200000 };

describe('computeFee', () => {
  it.each([
    [1, 1, 2000],
    [2, 1, 4000],
    [3, 1, 5000],
    [10, 1, 12000],
    [3, 4, 20000],
    [0, 3, 0],
    [5, 0, 0],
    // 2 × 2,000 + 198 × 1,000 = 202,000 → capped at 200,000 per copy.
    [200, 1, 200000],
    [200, 3, 600000],
    [198, 1, 200000],
    [197, 1, 199000],
  ])('certification: %i pages × %i copies = %i VND', (pages, copies, expected) => {
    expect(computeFee(cert, pages, copies)).toBe(expected);
  });
  it('without a cap keeps counting', () => {
    expect(computeFee({ ...cert, capPerCopy: null }, 200, 1)).toBe(202000);
  });
  it('flat is once per dossier, none is free', () => {
    expect(computeFee({ kind: 'flat', amount: 10000 }, 7, 3)).toBe(10000);
    expect(computeFee({ kind: 'none' }, 7, 3)).toBe(0);
  });
});
