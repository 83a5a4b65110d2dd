import type { LimitRow } from '../repos/enroll-limits-repo.js';

/**
 * How POST /enroll slows guessing (issue 16.2), per client address and per code tried:
 * the first `freeFailures` failures within `windowMs` cost nothing (a typo or two); each
 * further one blocks the key for 1 s, 2 s, 4 s, … up to `maxDelayMs`; the `lockoutAfter`-th
 * locks it for `lockoutMs` (or until IT clears it: POST /admin/api/enroll-lockouts/clear).
 * A failure more than `windowMs` after the previous one starts the count again. With the
 * defaults one address gets about 20 guesses an hour at most, against codes of 50 random bits.
 */
export type EnrollLimitPolicy = {
  freeFailures: number;
  lockoutAfter: number;
  windowMs: number;
  maxDelayMs: number;
  lockoutMs: number;
};

export const defaultEnrollLimits: EnrollLimitPolicy = {
  freeFailures: 5,
  lockoutAfter: 20,
  windowMs: 3600_000,
  maxDelayMs: 15 * 60_000,
  lockoutMs: 3600_000,
};

/** Until when the key is blocked, or null when it may try now. */
export function blockedUntil(row: LimitRow, now: Date): Date | null {
  return row.blockedUntil && row.blockedUntil > now ? row.blockedUntil : null;
}

/** The key's state after one more failure at `now`. */
export function afterFailure(row: LimitRow, now: Date, policy: EnrollLimitPolicy): LimitRow {
  const fresh = row.failures === 0 || now.getTime() - row.lastFailureAt.getTime() > policy.windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  let until: Date | null = null;
  if (failures >= policy.lockoutAfter) until = new Date(now.getTime() + policy.lockoutMs);
  else if (failures > policy.freeFailures) {
    const delay = Math.min(1000 * 2 ** (failures - policy.freeFailures - 1), policy.maxDelayMs);
    until = new Date(now.getTime() + delay);
  }
  return { key: row.key, failures, lastFailureAt: now, blockedUntil: until, throttled: 0 };
}
