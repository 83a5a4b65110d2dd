import { performance } from 'node:perf_hooks';

/** The one way main reads the time, so tests can move it (DESIGN.md habit 4). */
export type Clock = {
  /** Wall-clock time: dates on dossiers, codes and receipts. */
  now(): Date;
  /**
   * Milliseconds on a clock that only moves forward, for measuring durations (idle locks):
   * a wall clock set back a day must not keep a session open, nor a jump forward lock everyone.
   */
  monotonicMs(): number;
};

export const systemClock: Clock = { now: () => new Date(), monotonicMs: () => performance.now() };

/** A clock tests set by hand; `set` moves the wall clock only, `advance` moves both. */
export function manualClock(start: Date | string): Clock & { set(t: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  let elapsed = 0;
  return {
    now: () => new Date(t),
    monotonicMs: () => elapsed,
    set: (v) => {
      t = new Date(v).getTime();
    },
    advance: (ms) => {
      t += ms;
      elapsed += Math.max(0, ms);
    },
  };
}
