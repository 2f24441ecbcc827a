import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, rulesSchema } from "../../src/domain/rules.ts";
import { isBusinessDay, localTimeOf, nudgeDayFor, weekdayOf } from "../../src/domain/schedule.ts";

const schedules = DEFAULT_RULES.schedules;

describe("schedule", () => {
  it.each([
    ["2026-11-23", "mon", true],
    ["2026-11-27", "fri", true],
    ["2026-11-28", "sat", false],
    ["2026-11-29", "sun", false],
  ] as const)("%s is a %s (business day: %s)", (date, weekday, business) => {
    expect(weekdayOf(date)).toBe(weekday);
    expect(isBusinessDay(date, schedules)).toBe(business);
  });

  it("skips the rules' holidays and follows its business days", () => {
    const custom = rulesSchema.parse({ schedules: { nudgeTime: "08:30", digestTime: "09:00", businessDays: ["sun", "mon", "tue", "wed", "thu"], holidays: ["2026-11-24"] } }).schedules;
    expect(isBusinessDay("2026-11-24", custom)).toBe(false);
    expect(isBusinessDay("2026-11-29", custom)).toBe(true);
    expect(isBusinessDay("2026-11-27", custom)).toBe(false);
  });

  it.each([
    // 2026-11-23T00:30Z: still Sunday in New York, already Monday 08:30 in Shanghai.
    ["2026-11-23T00:30:00Z", "Asia/Shanghai", false, null],
    ["2026-11-23T01:00:00Z", "Asia/Shanghai", false, "2026-11-23"],
    ["2026-11-23T00:30:00Z", "America/New_York", true, null],
    ["2026-11-23T00:30:00Z", "Asia/Shanghai", true, "2026-11-23"],
    ["2026-11-23T14:00:00Z", "America/New_York", false, "2026-11-23"],
    ["2026-11-28T10:00:00Z", "UTC", true, null],
    ["2026-11-23T10:00:00Z", "Not/AZone", false, "2026-11-23"],
  ])("at %s in %s (by hand: %s) the nudge is for %s", (at, zone, byHand, day) => {
    expect(nudgeDayFor(new Date(at), zone, schedules, byHand)).toBe(day);
  });

  it("reads wall-clock time in the zone", () => {
    expect(localTimeOf(new Date("2026-11-23T01:05:00Z"), "Asia/Shanghai")).toBe("09:05");
    expect(localTimeOf(new Date("2026-11-23T01:05:00Z"), "Bad/Zone")).toBe("01:05");
  });
});
