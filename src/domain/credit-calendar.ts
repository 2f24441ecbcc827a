/**
 * The credit calendar's dates: when each occurrence of a dated obligation (a covenant test, a maturity, a review)
 * falls, and which one is next. Pure arithmetic on calendar days (YYYY-MM-DD), with no timezone involved.
 *
 * A recurring event keeps the day of month it was given: an event on the 31st falls on each month's last day when
 * the month is shorter (30 Apr, 28 or 29 Feb) and is back on the 31st where the month has one. Occurrences are
 * counted from the first date, never from the previous occurrence, so a short month does not pull later ones early.
 */
import { addDays } from "./cadence.ts";

export const EVENT_KINDS = [
  "covenant-test",
  "maturity",
  "renewal",
  "annual-review",
  "rating-review",
  "drawdown",
  "repayment",
  "other",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const RECURRENCES = ["none", "monthly", "quarterly", "semi-annual", "annual"] as const;
export type Recurrence = (typeof RECURRENCES)[number];

const MONTHS_BETWEEN: Record<Exclude<Recurrence, "none">, number> = {
  monthly: 1,
  quarterly: 3,
  "semi-annual": 6,
  annual: 12,
};

export interface EventDates {
  /** The date as given: for a recurring event, its first occurrence. */
  firstOn: string;
  recurrence: Recurrence;
  /** Occurrences on or before this day are done (null: none is). */
  doneThrough: string | null;
}

const parts = (date: string) => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10)),
});

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The `index`-th occurrence (0 is the first date itself). */
export function occurrenceOn(firstOn: string, recurrence: Recurrence, index: number): string {
  if (recurrence === "none" || index === 0) return firstOn;
  const { year, month, day } = parts(firstOn);
  const monthsFromYearZero = year * 12 + (month - 1) + index * MONTHS_BETWEEN[recurrence];
  const y = Math.floor(monthsFromYearZero / 12);
  const m = (monthsFromYearZero % 12) + 1;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(day, daysInMonth(y, m)), 2)}`;
}

/**
 * The index of the first occurrence on or after `day` (for "none": 0 when the date is on or after `day`, else
 * null). Starts from an estimate by months, then steps, so it costs the same for an event set up decades ago.
 */
function firstIndexOnOrAfter(firstOn: string, recurrence: Recurrence, day: string): number | null {
  if (day <= firstOn) return 0;
  if (recurrence === "none") return null;
  const from = parts(firstOn);
  const to = parts(day);
  const monthsApart = (to.year - from.year) * 12 + (to.month - from.month);
  let index = Math.max(0, Math.floor(monthsApart / MONTHS_BETWEEN[recurrence]) - 1);
  while (occurrenceOn(firstOn, recurrence, index) < day) index += 1;
  return index;
}

/** The first occurrence on or after `day`, or null when none is left (a one-off event already past). */
export function occurrenceOnOrAfter(event: Pick<EventDates, "firstOn" | "recurrence">, day: string): string | null {
  const index = firstIndexOnOrAfter(event.firstOn, event.recurrence, day);
  return index === null ? null : occurrenceOn(event.firstOn, event.recurrence, index);
}

/** The first occurrence not done yet, or null when every one is (a one-off event marked done). */
export function nextOpenOccurrence(event: EventDates): string | null {
  if (event.doneThrough === null) return event.firstOn;
  return occurrenceOnOrAfter(event, addDays(event.doneThrough, 1));
}

/** Every occurrence from `from` to `to` (both included), first to last. */
export function occurrencesBetween(event: Pick<EventDates, "firstOn" | "recurrence">, from: string, to: string): string[] {
  const dates: string[] = [];
  let index = firstIndexOnOrAfter(event.firstOn, event.recurrence, from);
  if (index === null) return dates;
  for (;;) {
    const date = occurrenceOn(event.firstOn, event.recurrence, index);
    if (date > to) return dates;
    dates.push(date);
    if (event.recurrence === "none") return dates;
    index += 1;
  }
}

