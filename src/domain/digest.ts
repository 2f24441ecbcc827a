/**
 * The weekly digest's rules: when a manager's digest is due, which ISO week it is for, what "coverage" means and
 * how a rep's touches by tier compare with the tiers' share of value. Pure: instants, zones and counts are inputs.
 */
import dayjs from "dayjs";
import isoWeek from "dayjs/plugin/isoWeek.js";
import utc from "dayjs/plugin/utc.js";
import { addDays, daysBetween } from "./cadence.ts";
import { WEEKDAY_NAMES, type Rules, type Tier } from "./rules.ts";
import { localTimeOf, weekdayOf } from "./schedule.ts";
import { todayInZone } from "./when.ts";

dayjs.extend(utc);
dayjs.extend(isoWeek);

/** The ISO 8601 week of a calendar day, e.g. 2026-11-23 → "2026-W48" (the digest's period). */
export function isoWeekOf(day: string): string {
  const d = dayjs.utc(day);
  return `${d.isoWeekYear()}-W${String(d.isoWeek()).padStart(2, "0")}`;
}

export interface DigestDay {
  /** The reader's local day the digest is sent on. */
  today: string;
  /** Its ISO week: one digest per manager and week. */
  week: string;
  /** The seven days the digest looks back on: [from, today). */
  from: string;
  /**
   * Set on a scheduled run after the digest day (the bot was down then): the week before, whose digest the reader
   * must have had for this one to be caught up, so that a first start mid-week waits for the next digest day.
   */
  lateAfterWeek?: string;
}

/**
 * The digest due now for a reader in `timeZone`, if any: from the rules' digest day and time to the end of that
 * local ISO week (a digest missed while the bot was down goes out at the next check, still once a week: see
 * `lateAfterWeek`), or, run by hand, for the local week of `at` on any day.
 */
export function digestDayFor(at: Date, timeZone: string, schedules: Rules["schedules"], byHand: boolean): DigestDay | null {
  const today = todayInZone(at, timeZone);
  const day: DigestDay = { today, week: isoWeekOf(today), from: addDays(today, -7) };
  if (byHand) return day;
  const daysAfterDigestDay = WEEKDAY_NAMES.indexOf(weekdayOf(today)) - WEEKDAY_NAMES.indexOf(schedules.digestDay);
  if (daysAfterDigestDay < 0 || (daysAfterDigestDay === 0 && localTimeOf(at, timeZone) < schedules.digestTime)) return null;
  return daysAfterDigestDay === 0 ? day : { ...day, lateAfterWeek: isoWeekOf(addDays(today, -7)) };
}

/** A key client is covered when its last touch is no older than its cadence. */
export function isCovered(lastTouchOn: string | null, cadenceDays: number, today: string): boolean {
  return lastTouchOn !== null && daysBetween(lastTouchOn, today) <= cadenceDays;
}

export type TierCounts = Record<Tier, number>;

/** Whole-percent shares of a total, by tier (all zero when the total is zero). */
export function tierShares(counts: TierCounts): TierCounts {
  const total = counts.A + counts.B + counts.C;
  if (total === 0) return { A: 0, B: 0, C: 0 };
  return { A: Math.round((counts.A / total) * 100), B: Math.round((counts.B / total) * 100), C: Math.round((counts.C / total) * 100) };
}
