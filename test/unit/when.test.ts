import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDateForHumans, isCalendarDate, isValidTimeZone, parseWhen, todayInZone } from "../../src/domain/when.ts";
import type { ParseWhenResult } from "../../src/domain/when.ts";

// Sunday 22 Nov 2026, 20:00 UTC: already Monday the 23rd in Shanghai, still Sunday afternoon in New York.
const SUNDAY_EVENING_UTC = new Date("2026-11-22T20:00:00Z");

const ok = (date: string): ParseWhenResult => ({ ok: true, date });
const err = (error: Extract<ParseWhenResult, { ok: false }>["error"]): ParseWhenResult => ({ ok: false, error });

describe("todayInZone", () => {
  it.each([
    ["UTC", "2026-11-22"],
    ["Asia/Shanghai", "2026-11-23"],
    ["America/New_York", "2026-11-22"],
    ["Pacific/Kiritimati", "2026-11-23"],
    ["Pacific/Pago_Pago", "2026-11-22"],
    ["Mars/Olympus_Mons", "2026-11-22"], // unknown zone: UTC
    ["", "2026-11-22"],
  ])("in %j it is %s", (zone, expected) => {
    expect(todayInZone(SUNDAY_EVENING_UTC, zone)).toBe(expected);
  });

  it("rejects an invalid clock as a programming error", () => {
    expect(() => todayInZone(new Date(Number.NaN), "UTC")).toThrow(RangeError);
  });

  it("reads UTC days without Intl exactly as Intl does (Etc/UTC takes the Intl path)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }), (at) => {
        expect(todayInZone(at, "UTC")).toBe(todayInZone(at, "Etc/UTC"));
      }),
    );
  });
});

describe("parseWhen", () => {
  it.each([
    // relative
    ["3d", "UTC", ok("2026-11-25")],
    ["3D", "UTC", ok("2026-11-25")],
    ["2w", "UTC", ok("2026-12-06")],
    ["1m", "UTC", ok("2026-12-22")],
    ["12m", "UTC", ok("2027-11-22")],
    ["1d", "Asia/Shanghai", ok("2026-11-24")], // counted from the local date, not the UTC one
    ["999d", "UTC", ok("2029-08-17")],
    ["  3d  ", "UTC", ok("2026-11-25")],
    ["３ｄ", "UTC", ok("2026-11-25")], // fullwidth, from a CJK input method
    ["0d", "UTC", err("unrecognised")],
    ["1000d", "UTC", err("unrecognised")],
    ["3 d", "UTC", err("unrecognised")],
    ["-3d", "UTC", err("unrecognised")],
    ["3y", "UTC", err("unrecognised")],
    ["999w", "UTC", err("too-far")],
    ["60m", "UTC", ok("2031-11-22")],
    ["61m", "UTC", err("too-far")],
    // words
    ["today", "UTC", ok("2026-11-22")],
    ["TODAY", "Asia/Shanghai", ok("2026-11-23")],
    ["tomorrow", "UTC", ok("2026-11-23")],
    ["Tomorrow", "Asia/Shanghai", ok("2026-11-24")],
    // weekdays: the next one strictly after the local today
    ["mon", "UTC", ok("2026-11-23")],
    ["mon", "Asia/Shanghai", ok("2026-11-30")], // already Monday there
    ["Monday", "America/New_York", ok("2026-11-23")],
    ["sun", "UTC", ok("2026-11-29")],
    ["sunday", "Asia/Shanghai", ok("2026-11-29")],
    ["tue", "UTC", ok("2026-11-24")],
    ["TUES", "UTC", ok("2026-11-24")],
    ["Tuesday", "Asia/Shanghai", ok("2026-11-24")],
    ["wed", "UTC", ok("2026-11-25")],
    ["thu", "UTC", ok("2026-11-26")],
    ["thurs", "UTC", ok("2026-11-26")],
    ["friday", "UTC", ok("2026-11-27")],
    ["Sat", "UTC", ok("2026-11-28")],
    ["mon", "Not/AZone", ok("2026-11-23")], // falls back to UTC
    ["next monday", "UTC", err("unrecognised")],
    ["mo", "UTC", err("unrecognised")],
    // ISO dates
    ["2026-11-22", "UTC", ok("2026-11-22")], // today is allowed
    ["2026-11-22", "Asia/Shanghai", err("past")], // already the 23rd there
    ["2026-11-21", "UTC", err("past")],
    ["2000-02-29", "UTC", err("past")],
    ["2026-12-25", "UTC", ok("2026-12-25")],
    ["2028-02-29", "UTC", ok("2028-02-29")], // leap year
    ["2027-02-29", "UTC", err("invalid-date")],
    ["2026-02-30", "UTC", err("invalid-date")],
    ["2026-04-31", "UTC", err("invalid-date")],
    ["2026-13-01", "UTC", err("invalid-date")],
    ["2026-00-10", "UTC", err("invalid-date")],
    ["2100-02-29", "UTC", err("invalid-date")], // not a leap year (century)
    ["2031-11-22", "UTC", ok("2031-11-22")], // exactly five years
    ["2031-11-23", "UTC", err("too-far")],
    ["2026-1-5", "UTC", err("unrecognised")],
    ["22/11/2026", "UTC", err("unrecognised")],
    // nothing
    ["", "UTC", err("empty")],
    ["   ", "UTC", err("empty")],
    ["\u3000", "UTC", err("empty")],
    ["soon", "UTC", err("unrecognised")],
  ])("%j in %s", (input, zone, expected) => {
    expect(parseWhen(input, SUNDAY_EVENING_UTC, zone)).toEqual(expected);
  });

  it.each([
    // month ends clamp instead of spilling into the next month
    ["2026-01-31T12:00:00Z", "1m", ok("2026-02-28")],
    ["2028-01-31T12:00:00Z", "1m", ok("2028-02-29")],
    ["2026-03-31T12:00:00Z", "1m", ok("2026-04-30")],
    ["2026-01-31T12:00:00Z", "13m", ok("2027-02-28")],
    ["2027-12-31T12:00:00Z", "2m", ok("2028-02-29")],
    ["2026-12-15T12:00:00Z", "1m", ok("2027-01-15")],
    ["2026-12-31T12:00:00Z", "1d", ok("2027-01-01")],
    ["2028-02-28T12:00:00Z", "1d", ok("2028-02-29")],
    // five years from 29 Feb ends on 28 Feb
    ["2028-02-29T12:00:00Z", "2033-02-28", ok("2033-02-28")],
    ["2028-02-29T12:00:00Z", "2033-03-01", err("too-far")],
  ])("at %s, %j", (now, input, expected) => {
    expect(parseWhen(input, new Date(now), "UTC")).toEqual(expected);
  });

  it.each([
    // New York springs forward at 02:00 on 8 Mar 2026: day arithmetic must not notice.
    ["2026-03-08T07:30:00Z", "America/New_York", "1d", ok("2026-03-09")],
    ["2026-03-08T04:30:00Z", "America/New_York", "1d", ok("2026-03-08")], // still the 7th locally
    ["2026-03-08T04:30:00Z", "America/New_York", "sun", ok("2026-03-08")],
    ["2026-11-23T05:00:00Z", "America/Los_Angeles", "2026-11-22", ok("2026-11-22")], // still the 22nd there
    ["2026-11-22T16:30:00Z", "Asia/Kolkata", "today", ok("2026-11-22")], // 22:00 IST
    ["2026-11-22T18:30:00Z", "Asia/Kolkata", "today", ok("2026-11-23")], // midnight IST
  ])("at %s in %s, %j", (now, zone, input, expected) => {
    expect(parseWhen(input, new Date(now), zone)).toEqual(expected);
  });

  const zones = fc.constantFrom("UTC", "Asia/Shanghai", "America/New_York", "Pacific/Kiritimati", "Pacific/Niue", "Bogus/Zone", "");
  const instants = fc.date({ min: new Date("1971-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true });
  const inputs = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.stringMatching(/^\d{1,4}[dwmDWM]$/),
    fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    fc.constantFrom("today", "tomorrow", "mon", "tues", "Thursday", "SAT", "sunday"),
  );

  it("never throws, and an accepted date is between today and five years ahead", () => {
    fc.assert(
      fc.property(inputs, instants, zones, (input, now, zone) => {
        const result = parseWhen(input, now, zone);
        if (!result.ok) return true;
        const today = todayInZone(now, zone);
        const limit = new Date(`${today}T00:00:00Z`);
        limit.setUTCFullYear(limit.getUTCFullYear() + 5);
        // String order is date order for four-digit years.
        return (
          /^\d{4}-\d{2}-\d{2}$/.test(result.date) &&
          result.date >= today &&
          result.date <= limit.toISOString().slice(0, 10)
        );
      }),
    );
  });

  it("resolves a weekday to that weekday, one to seven days ahead", () => {
    const names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), instants, zones, (weekday, now, zone) => {
        const result = parseWhen(names[weekday] ?? "", now, zone);
        if (!result.ok) return false;
        const days = (Date.parse(result.date) - Date.parse(todayInZone(now, zone))) / 86_400_000;
        return new Date(result.date).getUTCDay() === weekday && days >= 1 && days <= 7;
      }),
    );
  });
});

describe("isValidTimeZone", () => {
  it.each([
    ["Asia/Shanghai", true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
  ])("%j → %s", (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

describe("formatDateForHumans", () => {
  it.each([
    ["2026-11-30", undefined, "Mon 30 Nov 2026"],
    ["2026-11-30", "en", "Mon 30 Nov 2026"],
    ["2026-11-30", "en-US", "Mon 30 Nov 2026"],
    ["2028-02-29", "en", "Tue 29 Feb 2028"],
    ["2027-01-01", "en", "Fri 1 Jan 2027"],
    ["2026-11-30", "zh-CN", "2026年11月30日周一"],
    ["2026-11-30", "not a locale!", "Mon 30 Nov 2026"], // bad tag: English
    ["2026-02-30", "en", "2026-02-30"], // not a date: echoed, never thrown
    ["soon", "en", "soon"],
  ])("%s (%s) → %j", (date, locale, expected) => {
    expect(formatDateForHumans(date, locale)).toBe(expected);
  });

  it("answers a date asked again in another language in that language (remembered per language)", () => {
    expect(formatDateForHumans("2026-12-02", "en")).toBe("Wed 2 Dec 2026");
    expect(formatDateForHumans("2026-12-02", "zh-CN")).not.toBe("Wed 2 Dec 2026");
    expect(formatDateForHumans("2026-12-02", "zh-CN")).toMatch(/2026/);
    expect(formatDateForHumans("2026-12-02", "en")).toBe("Wed 2 Dec 2026");
  });
});

describe("isCalendarDate", () => {
  it.each(["2026-11-23", "2028-02-29", "0001-01-01", "9999-12-31"])("accepts %s", (s) => expect(isCalendarDate(s)).toBe(true));
  it.each(["2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10", "2026-11-00", "23/11/2026", "2026-11-23T00:00", " 2026-11-23", "2027-01-01'; --", "", null, 20261123])(
    "refuses %j",
    (s) => expect(isCalendarDate(s)).toBe(false),
  );
});
