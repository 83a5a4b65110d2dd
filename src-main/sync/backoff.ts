/** The part of the tuning the backoff reads. */
export type BackoffTuning = { backoffBaseMs: number; backoffMaxMs: number };

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter, 2015): uniform in
 * [0, min(max, base·2^n)). Desks that lost the server together do not come back together.
 * `random` is [0, 1); the exponent stops at 20 so the product stays a finite number.
 */
export function fullJitter(n: number, tuning: BackoffTuning, random: () => number): number {
  return Math.floor(random() * Math.min(tuning.backoffMaxMs, tuning.backoffBaseMs * 2 ** Math.min(n, 20)));
}

/** The wait before the next pass after `failures` (≥ 1) failed passes in a row; at least 50 ms, never a busy loop. */
export function passBackoffMs(failures: number, tuning: BackoffTuning, random: () => number): number {
  return Math.max(50, fullJitter(failures - 1, tuning, random));
}

/** The wait before reconnecting the live stream after `attempt` (≥ 1) lost connections in a row. */
export function streamReconnectMs(attempt: number, tuning: BackoffTuning, random: () => number): number {
  return fullJitter(attempt, tuning, random);
}
