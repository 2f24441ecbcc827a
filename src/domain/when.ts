// Parsing `next:<when>` into a calendar date in the user's timezone. Pure: the clock and zone are arguments.
// Calendar arithmetic is done on plain dates (UTC midnights), so DST transitions can never shift a day;
// only "what is today for this user" needs the zone, and Intl answers that.

export type WhenError = "empty" | "unrecognised" | "past" | "invalid-date" | "too-far";
export type ParseWhenResult = { ok: true; date: string } | { ok: false; error: WhenError };

/** How far ahead a follow-up may be set. */
export const MAX_YEARS_AHEAD = 5;

const DAY_MS = 86_400_000;

interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ["sun", 0], ["sunday", 0],
  ["mon", 1], ["monday", 1],
  ["tue", 2], ["tues", 2], ["tuesday", 2],
  ["wed", 3], ["weds", 3], ["wednesday", 3],
  ["thu", 4], ["thur", 4], ["thurs", 4], ["thursday", 4],
  ["fri", 5], ["friday", 5],
  ["sat", 6], ["saturday", 6],
]);

// Constructing a DateTimeFormat costs far more than using one; zones are few, but the key is user-supplied,
// so the cache is bounded.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_FORMATTERS = 500;

function dateFormatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
  } catch (error) {
    // Unknown or empty zone (Slack gives an IANA name; anything else is a data problem): fall back to UTC.
    if (timeZone === "UTC") throw error;
    return dateFormatterFor("UTC");
  }
  if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
  formatters.set(timeZone, formatter);
  return formatter;
}

/** True when Intl knows the IANA zone name; callers use it to decide whether to warn about a fallback. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function calendarDateInZone(now: Date, timeZone: string): CalendarDate {
  if (Number.isNaN(now.getTime())) throw new RangeError("parseWhen: `now` is an invalid Date");
  // The jobs read every stored instant as a UTC day: no need for Intl (the slowest part of a risk run).
  if (timeZone === "UTC") return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
  const parts = dateFormatterFor(timeZone).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const value = parts.find((p) => p.type === type)?.value;
    return value === undefined ? Number.NaN : Number(value);
  };
  let year = get("year");
  // en-US writes years before 1 CE as a positive number with era "BC"; keep arithmetic honest anyway.
  if (parts.find((p) => p.type === "era")?.value === "BC") year = 1 - year;
  return { year, month: get("month"), day: get("day") };
}

function toEpochDay(d: CalendarDate): number {
  // setUTCFullYear avoids Date.UTC's mapping of years 0-99 to 1900-1999.
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return Math.round(t.getTime() / DAY_MS);
}

function fromEpochDay(epochDay: number): CalendarDate {
  const t = new Date(epochDay * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month, 0); // day 0 of the next month is the last day of this one
  return t.getUTCDate();
}

/** Months are added on the calendar and clamped to the month's end: 31 Jan + 1 month is 28/29 Feb. */
function addMonths(d: CalendarDate, months: number): CalendarDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

function formatIsoDate(d: CalendarDate): string {
  const year = d.year >= 0 && d.year <= 9999 ? String(d.year).padStart(4, "0") : String(d.year);
  return `${year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

function parseIsoDate(s: string): CalendarDate | "invalid" | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "invalid";
  return { year, month, day };
}

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30, not 23/11/2026). */
export function isCalendarDate(s: unknown): s is string {
  return typeof s === "string" && typeof parseIsoDate(s) === "object";
}

/** Today's date (YYYY-MM-DD) as seen in `timeZone`; an unknown zone counts as UTC. */
export function todayInZone(now: Date, timeZone: string): string {
  return formatIsoDate(calendarDateInZone(now, timeZone));
}

/**
 * Parses a follow-up date: `3d`, `2w`, `1m` (1-999 days, weeks, months from today), a weekday name
 * (the next one strictly after today), `today`, `tomorrow`, or `YYYY-MM-DD`. "Today" is the user's local
 * date in `timeZone` (unknown zones fall back to UTC). Today is allowed; earlier dates are "past"; more than
 * {@link MAX_YEARS_AHEAD} years ahead is "too-far".
 */
export function parseWhen(input: string, now: Date, timeZone: string): ParseWhenResult {
  // NFKC folds fullwidth digits and letters typed with CJK input methods ("３ｄ").
  const text = input.normalize("NFKC").trim().toLowerCase();
  if (text === "") return { ok: false, error: "empty" };

  const today = calendarDateInZone(now, timeZone);
  const todayDay = toEpochDay(today);
  let target: number;

  const relative = /^(\d{1,3})([dwm])$/.exec(text);
  const weekday = WEEKDAYS.get(text);
  if (relative) {
    const n = Number(relative[1]);
    if (n < 1) return { ok: false, error: "unrecognised" };
    const unit = relative[2];
    target =
      unit === "d" ? todayDay + n : unit === "w" ? todayDay + 7 * n : toEpochDay(addMonths(today, n));
  } else if (weekday !== undefined) {
    const todayWeekday = new Date(todayDay * DAY_MS).getUTCDay();
    // 1-7 days ahead: naming today's weekday means next week's.
    target = todayDay + (((weekday - todayWeekday + 6) % 7) + 1);
  } else if (text === "today") {
    target = todayDay;
  } else if (text === "tomorrow") {
    target = todayDay + 1;
  } else {
    const iso = parseIsoDate(text);
    if (iso === undefined) return { ok: false, error: "unrecognised" };
    if (iso === "invalid") return { ok: false, error: "invalid-date" };
    target = toEpochDay(iso);
  }

  if (target < todayDay) return { ok: false, error: "past" };
  if (target > toEpochDay(addMonths(today, 12 * MAX_YEARS_AHEAD))) return { ok: false, error: "too-far" };
  return { ok: true, date: formatIsoDate(fromEpochDay(target)) };
}

const humanFormatters = new Map<string, Intl.DateTimeFormat>();

function humanFormatterFor(locale: string): Intl.DateTimeFormat {
  const cached = humanFormatters.get(locale);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone: "UTC",
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
    });
  } catch (error) {
    // A malformed locale tag must not break a reply: English it is.
    if (locale === "en") throw error;
    return humanFormatterFor("en");
  }
  if (humanFormatters.size >= MAX_CACHED_FORMATTERS) humanFormatters.clear();
  humanFormatters.set(locale, formatter);
  return formatter;
}

/**
 * A calendar date for people: "Mon 30 Nov 2026" in English (day before month, no commas, unambiguous
 * across US and UK readers); other locales get their own Intl form. Text that is not a real YYYY-MM-DD
 * date is returned unchanged rather than throwing inside a reply.
 */
export function formatDateForHumans(date: string, locale = "en"): string {
  // Intl's formatting is most of a client card's build time, and replies show the same few dates again and again.
  const key = `${locale}|${date}`;
  const known = humanDates.get(key);
  if (known !== undefined) return known;
  const formatted = formatNewDateForHumans(date, locale);
  if (humanDates.size >= MAX_CACHED_HUMAN_DATES) humanDates.clear();
  humanDates.set(key, formatted);
  return formatted;
}

const humanDates = new Map<string, string>();
const MAX_CACHED_HUMAN_DATES = 10_000;

function formatNewDateForHumans(date: string, locale: string): string {
  const parsed = parseIsoDate(date);
  if (parsed === undefined || parsed === "invalid") return date;
  const formatter = humanFormatterFor(locale);
  const instant = new Date(toEpochDay(parsed) * DAY_MS);
  if (!formatter.resolvedOptions().locale.toLowerCase().startsWith("en")) return formatter.format(instant);
  const parts = formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`;
}
