import { describe, expect, it } from 'vitest';
import { fullJitter, passBackoffMs, streamReconnectMs } from '../../src-main/sync/backoff.js';

/** The backoff (backoff.ts): full jitter, doubling ceiling, capped. */
const tuning = { backoffBaseMs: 2_000, backoffMaxMs: 300_000 };

describe('backoff', () => {
  it('is uniform in [0, ceiling): random 0 gives 0, random just under 1 gives just under the ceiling', () => {
    expect(fullJitter(0, tuning, () => 0)).toBe(0);
    expect(fullJitter(0, tuning, () => 0.5)).toBe(1_000);
    expect(fullJitter(0, tuning, () => 0.999999)).toBe(1_999);
  });

  it('doubles the ceiling with each failure up to the cap, and stays finite for any count', () => {
    const top = (n: number) => fullJitter(n, tuning, () => 0.999999) + 1;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(top)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000]);
    expect(top(10_000)).toBe(300_000);
  });

  it('a pass waits base·2^(failures−1) at most, and never under 50 ms', () => {
    expect(passBackoffMs(1, tuning, () => 0.999999)).toBe(1_999);
    expect(passBackoffMs(3, tuning, () => 0.999999)).toBe(7_999);
    expect(passBackoffMs(1, tuning, () => 0)).toBe(50);
  });

  it('the live stream reconnects after base·2^attempt at most', () => {
    expect(streamReconnectMs(1, tuning, () => 0.999999)).toBe(3_999);
    expect(streamReconnectMs(30, tuning, () => 0.5)).toBe(150_000);
  });
});
