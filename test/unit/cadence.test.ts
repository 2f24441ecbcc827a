import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, cadenceDaysFor, daysBetween, nextFollowUpDate, redatedFollowUp, type CadenceInput } from "../../src/domain/cadence.ts";
import { DEFAULT_RULES, RELATIONSHIP_TYPES, rulesSchema, type Tier } from "../../src/domain/rules.ts";

const rules = rulesSchema.parse({
  cadence: {
    byTier: { A: 14, B: 30, C: 90 },
    byRelationshipType: { "strategic-cooperative": 7, "problem-solving-service": 21 },
  },
});

const cadence = (overrides: Partial<CadenceInput>) => cadenceDaysFor({ tier: "B", relationshipType: null, cadenceDays: null, ...overrides }, rules);

describe("cadenceDaysFor: client cadence_days > relationship type > tier", () => {
  it.each<[Tier, number]>([
    ["A", 14],
    ["B", 30],
    ["C", 90],
  ])("tier %s alone: %d days (the defaults)", (tier, days) => {
    expect(cadenceDaysFor({ tier, relationshipType: null, cadenceDays: null }, DEFAULT_RULES)).toBe(days);
  });

  it.each([
    ["a relationship type with a cadence", { tier: "C", relationshipType: "strategic-cooperative" }, 7],
    ["another type with a cadence", { tier: "A", relationshipType: "problem-solving-service" }, 21],
    ["a type without its own cadence: the tier's", { tier: "A", relationshipType: "partnership-trust" }, 14],
    ["an unknown type: the tier's", { tier: "C", relationshipType: "friendly" }, 90],
    ["the client's cadence over the type's", { tier: "C", relationshipType: "strategic-cooperative", cadenceDays: 45 }, 45],
    ["the client's cadence over the tier's", { tier: "A", cadenceDays: 60 }, 60],
    ["a client cadence of 1 day", { tier: "C", cadenceDays: 1 }, 1],
    ["a client cadence of 0: ignored, the type's", { tier: "C", relationshipType: "strategic-cooperative", cadenceDays: 0 }, 7],
    ["a negative client cadence: ignored, the tier's", { tier: "B", cadenceDays: -5 }, 30],
  ] satisfies [string, Partial<CadenceInput>, number][])("%s → %d days", (_label, overrides, days) => {
    expect(cadence(overrides)).toBe(days);
  });

  it("uses the tier's cadence for every relationship type under the default rules", () => {
    for (const relationshipType of RELATIONSHIP_TYPES) {
      expect(cadenceDaysFor({ tier: "A", relationshipType, cadenceDays: null }, DEFAULT_RULES)).toBe(14);
    }
  });
});

describe("addDays", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-01"],
    ["2026-04-30", 1, "2026-05-01"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-12-20", 14, "2027-01-03"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2026-02-28", 1, "2026-03-01"], // not a leap year
    ["2028-02-28", 1, "2028-02-29"], // leap year
    ["2028-02-29", 1, "2028-03-01"],
    ["2028-02-29", 365, "2029-02-28"],
    ["2028-02-14", 30, "2028-03-15"],
    ["2100-02-28", 1, "2100-03-01"], // divisible by 100, not by 400: not a leap year
    ["2000-02-28", 1, "2000-02-29"], // divisible by 400: a leap year
    ["2026-03-29", 1, "2026-03-30"], // European DST change: calendar days are unaffected
    ["2026-11-01", 1, "2026-11-02"], // US DST change
    ["2026-06-15", 0, "2026-06-15"],
    ["2026-01-01", 90, "2026-04-01"],
    ["2026-01-01", 3650, "2035-12-30"],
  ])("%s + %d days = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  const anyDate = fc
    .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-12-31T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it("is undone by adding the opposite number of days", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -3650, max: 3650 }), (date, days) => {
        expect(addDays(addDays(date, days), -days)).toBe(date);
      }),
    );
  });

  it("adds up: (d + a) + b = d + (a + b), always a YYYY-MM-DD date", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -400, max: 400 }), fc.integer({ min: -400, max: 400 }), (date, a, b) => {
        const result = addDays(addDays(date, a), b);
        expect(result).toBe(addDays(date, a + b));
        expect(result).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
    );
  });
});

describe("nextFollowUpDate", () => {
  it("falls due one cadence after the touch", () => {
    expect(nextFollowUpDate("2026-06-15", 30)).toEqual({ dueOn: "2026-07-15", basis: "cadence", cadenceDays: 30 });
  });

  it("crosses the year end", () => {
    expect(nextFollowUpDate("2026-12-20", 14)).toEqual({ dueOn: "2027-01-03", basis: "cadence", cadenceDays: 14 });
  });

  it("uses a logged next date instead of the cadence", () => {
    expect(nextFollowUpDate("2026-06-15", 30, "2026-06-18")).toEqual({ dueOn: "2026-06-18", basis: "logged", cadenceDays: null });
  });

  it("uses a logged next date even when it is later than the cadence", () => {
    expect(nextFollowUpDate("2026-06-15", 14, "2026-09-01")).toEqual({ dueOn: "2026-09-01", basis: "logged", cadenceDays: null });
  });

  it.each([[null], [undefined], [""]])("falls back to the cadence when the logged next date is %j", (loggedNext) => {
    expect(nextFollowUpDate("2026-06-15", 90, loggedNext)).toEqual({ dueOn: "2026-09-13", basis: "cadence", cadenceDays: 90 });
  });
});

describe("redatedFollowUp", () => {
  it.each([
    ["a tier move from B (30) to A (14)", { dueOn: "2026-12-15", setWith: 30 }, "2026-11-15", 14, { dueOn: "2026-11-29", cadenceDays: 14 }],
    ["a longer cadence, across the year end", { dueOn: "2026-12-20", setWith: 14 }, "2026-12-06", 30, { dueOn: "2027-01-05", cadenceDays: 30 }],
    ["the same cadence: nothing to do", { dueOn: "2026-12-15", setWith: 30 }, "2026-11-15", 30, null],
    // The rep's local day was a day after the UTC one: the stored cadence keeps it, the UTC day is not used.
    ["a touch day in the rep's zone", { dueOn: "2026-12-16", setWith: 30 }, "2026-11-15", 14, { dueOn: "2026-11-30", cadenceDays: 14 }],
    ["set before the cadence was kept, same cadence within a day", { dueOn: "2026-12-16", setWith: null }, "2026-11-15", 30, { dueOn: "2026-12-16", cadenceDays: 30 }],
    ["set before the cadence was kept, new cadence", { dueOn: "2026-12-15", setWith: null }, "2026-11-15", 14, { dueOn: "2026-11-29", cadenceDays: 14 }],
    ["set before the cadence was kept, no touch", { dueOn: "2026-12-15", setWith: null }, null, 14, null],
  ] as const)("%s", (_name, followUp, lastTouchOn, cadence, expected) => {
    expect(redatedFollowUp(followUp, lastTouchOn, cadence)).toEqual(expected);
  });

  it("lands one new cadence after the same touch day, and a second change back restores the first date", () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays("2024-01-01", n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 365 }), fc.integer({ min: 1, max: 365 }), (touch, before, after) => {
        const set = nextFollowUpDate(touch, before);
        const moved = redatedFollowUp({ dueOn: set.dueOn, setWith: before }, touch, after);
        if (before === after) {
          expect(moved).toBeNull();
          return;
        }
        expect(moved).toEqual({ dueOn: addDays(touch, after), cadenceDays: after });
        expect(daysBetween(touch, moved!.dueOn)).toBe(after);
        expect(redatedFollowUp({ dueOn: moved!.dueOn, setWith: after }, touch, before)).toEqual({ dueOn: set.dueOn, cadenceDays: before });
      }),
    );
  });
});
