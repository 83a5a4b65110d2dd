/** The engine's timers, injected so tests fire them by hand (DESIGN.md habit 4). */
export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending retry must not keep a closing process (CLI, tests) alive.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export function sleepOn(timers: Timers): (ms: number) => Promise<void> {
  return (ms) => new Promise<void>((r) => timers.setTimeout(r, ms));
}

/** A wait that `wake()` can end early; `wake()` with no wait under way does nothing. */
export function wakeableWait(timers: Timers): { wait(ms: number): Promise<void>; wake(): void } {
  let waking: (() => void) | null = null;
  return {
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const h = timers.setTimeout(() => {
          waking = null;
          resolve();
        }, ms);
        waking = () => {
          waking = null;
          timers.clearTimeout(h);
          resolve();
        };
      }),
    wake: () => waking?.(),
  };
}
