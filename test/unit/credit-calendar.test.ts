import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  nextOpenOccurrence,
  occurrenceOn,
  occurrenceOnOrAfter,
  occurrencesBetween,
  RECURRENCES,
  type Recurrence,
} from "../../src/domain/credit-calendar.ts";

describe("occurrenceOn: the day of month is kept, and a short month falls back to its last day", () => {
  it.each<[string, Recurrence, number, string]>([
    ["2026-01-31", "monthly", 1, "2026-02-28"],
    ["2028-01-31", "monthly", 1, "2028-02-29"],
    ["2026-01-31", "monthly", 2, "2026-03-31"],
    ["2026-01-31", "monthly", 3, "2026-04-30"],
    ["2026-08-31", "quarterly", 1, "2026-11-30"],
    ["2026-08-31", "quarterly", 2, "2027-02-28"],
    ["2026-08-31", "quarterly", 3, "2027-05-31"],
    ["2026-03-31", "semi-annual", 1, "2026-09-30"],
    ["2028-02-29", "annual", 1, "2029-02-28"],
    ["2028-02-29", "annual", 4, "2032-02-29"],
    ["2026-11-15", "monthly", 2, "2027-01-15"],
    ["2026-11-15", "none", 5, "2026-11-15"],
  ])("%s %s, occurrence %d: %s", (firstOn, recurrence, index, expected) => {
    expect(occurrenceOn(firstOn, recurrence, index)).toBe(expected);
  });
});

describe("the next occurrence", () => {
  const quarterly = { firstOn: "2026-03-31", recurrence: "quarterly" as const };

  it("is the first date while nothing is done", () => {
    expect(nextOpenOccurrence({ ...quarterly, doneThrough: null })).toBe("2026-03-31");
  });

  it("moves past the occurrence marked done, across a month end", () => {
    expect(nextOpenOccurrence({ ...quarterly, doneThrough: "2026-03-31" })).toBe("2026-06-30");
    expect(nextOpenOccurrence({ ...quarterly, doneThrough: "2026-06-30" })).toBe("2026-09-30");
    expect(nextOpenOccurrence({ ...quarterly, doneThrough: "2026-09-30" })).toBe("2026-12-31");
  });

  it("is none for a one-off event once it is done", () => {
    expect(nextOpenOccurrence({ firstOn: "2027-06-30", recurrence: "none", doneThrough: "2027-06-30" })).toBeNull();
    expect(nextOpenOccurrence({ firstOn: "2027-06-30", recurrence: "none", doneThrough: "2027-06-29" })).toBe("2027-06-30");
  });

  it("on or after a day: the same day counts, a past one-off has none", () => {
    expect(occurrenceOnOrAfter(quarterly, "2026-06-30")).toBe("2026-06-30");
    expect(occurrenceOnOrAfter(quarterly, "2026-07-01")).toBe("2026-09-30");
    expect(occurrenceOnOrAfter({ firstOn: "2026-06-30", recurrence: "none" }, "2026-07-01")).toBeNull();
    expect(occurrenceOnOrAfter(quarterly, "2000-01-01")).toBe("2026-03-31");
  });

  it("lists the occurrences in a window, both ends included", () => {
    expect(occurrencesBetween({ firstOn: "2026-01-31", recurrence: "monthly" }, "2026-02-28", "2026-04-30")).toEqual([
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
    ]);
    expect(occurrencesBetween({ firstOn: "2026-05-10", recurrence: "none" }, "2026-05-01", "2026-05-31")).toEqual(["2026-05-10"]);
    expect(occurrencesBetween({ firstOn: "2026-05-10", recurrence: "none" }, "2026-05-11", "2026-05-31")).toEqual([]);
  });
});

const calendarDay = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const recurring = fc.constantFrom(...RECURRENCES.filter((r) => r !== "none"));
const monthsApart: Record<Exclude<Recurrence, "none">, number> = { monthly: 1, quarterly: 3, "semi-annual": 6, annual: 12 };

describe("properties", () => {
  it("each occurrence is a real date, later than the one before, on the first date's day or its month's last", () => {
    fc.assert(
      fc.property(calendarDay, recurring, fc.integer({ min: 0, max: 400 }), (firstOn, recurrence, index) => {
        const date = occurrenceOn(firstOn, recurrence, index);
        const next = occurrenceOn(firstOn, recurrence, index + 1);
        expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
        expect(next > date).toBe(true);
        const day = Number(date.slice(8, 10));
        const wanted = Number(firstOn.slice(8, 10));
        const lastOfMonth = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
        expect(day === wanted || (day === lastOfMonth && wanted > lastOfMonth)).toBe(true);
        const months = (Number(date.slice(0, 4)) - Number(firstOn.slice(0, 4))) * 12 + Number(date.slice(5, 7)) - Number(firstOn.slice(5, 7));
        expect(months).toBe(index * monthsApart[recurrence]);
      }),
    );
  });

  it("the first occurrence on or after a day is on or after it, and the one before it is earlier", () => {
    fc.assert(
      fc.property(calendarDay, recurring, calendarDay, (firstOn, recurrence, day) => {
        const found = occurrenceOnOrAfter({ firstOn, recurrence }, day);
        expect(found).not.toBeNull();
        expect(found! >= day).toBe(true);
        const all = occurrencesBetween({ firstOn, recurrence }, firstOn, found!);
        expect(all.at(-1)).toBe(found);
        if (all.length > 1) expect(all.at(-2)! < day).toBe(true);
        else expect(found).toBe(firstOn);
      }),
    );
  });

  it("marking the next occurrence done always moves to a later one", () => {
    fc.assert(
      fc.property(calendarDay, recurring, fc.option(calendarDay, { nil: null }), (firstOn, recurrence, doneThrough) => {
        const next = nextOpenOccurrence({ firstOn, recurrence, doneThrough })!;
        if (doneThrough !== null) expect(next > doneThrough).toBe(true);
        expect(nextOpenOccurrence({ firstOn, recurrence, doneThrough: next })! > next).toBe(true);
      }),
    );
  });
});
