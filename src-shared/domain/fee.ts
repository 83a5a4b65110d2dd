import type { FeeSchedule } from '../contract/schemas.js';

/**
 * The fee for a dossier, computed from the procedure's configured schedule; main calls
 * it on every create, update and receive so a client can never set the amount.
 *
 * - none: 0.
 * - flat: the amount, once per dossier.
 * - per_page_tiered (certification of copies, Circular 226/2016/TT-BTC [check after
 *   2025]): per copy, `firstPagePrice` for each of the first `firstPages` pages and
 *   `nextPagePrice` for each further page, at most `capPerCopy`; times the copies.
 */
export function computeFee(schedule: FeeSchedule, pages: number, copies: number): number {
  switch (schedule.kind) {
    case 'none':
      return 0;
    case 'flat':
      return schedule.amount;
    case 'per_page_tiered': {
      if (pages <= 0 || copies <= 0) return 0;
      const first = Math.min(pages, schedule.firstPages);
      const perCopy = first * schedule.firstPagePrice + (pages - first) * schedule.nextPagePrice;
      const capped = schedule.capPerCopy === null ? perCopy : Math.min(perCopy, schedule.capPerCopy);
      return capped * copies;
    }
  }
}
