/**
 * Local dates and times in an IANA time zone, computed with Intl only: the desk's
 * configured zone (settings.timeZone, default Asia/Ho_Chi_Minh) decides what "today"
 * is, never the machine's own zone. Dates are 'YYYY-MM-DD', times 'HH:MM'.
 */

export type LocalDateTime = { date: string; time: string; seconds: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-US with h23 gives plain ASCII digits and 00–23 hours on every ICU build.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(instant: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { y: out.year ?? 0, mo: out.month ?? 0, d: out.day ?? 0, h: (out.hour ?? 0) % 24, mi: out.minute ?? 0, s: out.second ?? 0 };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local calendar date and wall-clock time of an instant in a time zone. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const p = parts(instant, timeZone);
  return { date: `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}`, time: `${pad(p.h)}:${pad(p.mi)}`, seconds: p.s };
}

/** Whether a string names a time zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`. Found by
 * correcting a UTC guess with the zone's offset twice, which settles for every real
 * zone (Vietnam has had no daylight saving since 1975, but the desk zone is configurable).
 */
export function fromLocal(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi, 0);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = parts(new Date(guess), timeZone);
    const shown = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** Calendar arithmetic on 'YYYY-MM-DD' (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
}

/** Minutes since local midnight of 'HH:MM'. */
export function minutesOf(time: string): number {
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return h * 60 + mi;
}
