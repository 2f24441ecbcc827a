import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clearCauseFromJson,
  clearCauseOf,
  currentRisks,
  evaluateRisks,
  isResolved,
  negativeLookbackFrom,
  quarterOf,
  revenueTotalFor,
  RISK_RULES,
  riskChanges,
  riskDetailsJson,
  riskFlagOf,
  riskSnapshotOf,
  type RiskFlag,
  type RiskInputs,
  type RiskRule,
  type RiskSnapshot,
} from "../../src/domain/risk.ts";
import { DEFAULT_RULES, rulesSchema } from "../../src/domain/rules.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";

const EN = messagesFor("en");

/** A client with nothing wrong on Monday 23 November 2026 (second month of Q4). */
function healthy(overrides: Partial<RiskSnapshot> = {}): RiskSnapshot {
  return {
    today: "2026-11-23",
    createdOn: "2025-01-01",
    lastTouchOn: "2026-11-20",
    followUpDueOn: "2026-12-20",
    cadenceDays: 30,
    lastMeetingOn: "2026-10-15",
    lastNegative: null,
    satisfaction: 95,
    lifecycleStage: "active",
    keyClient: true,
    revenueShare: 0.1,
    ...overrides,
  };
}

describe("evaluateRisks", () => {
  it("finds nothing wrong with a healthy client", () => {
    expect(evaluateRisks(healthy(), DEFAULT_RULES)).toEqual([]);
  });

  it.each<[RiskRule, Partial<RiskSnapshot>, RiskFlag, string]>([
    ["overdue", { followUpDueOn: "2026-11-19" }, { rule: "overdue", days: 4, dueOn: "2026-11-19" }, "follow-up overdue by 4 days (due 2026-11-19)"],
    ["silence", { lastTouchOn: "2026-08-19", followUpDueOn: null }, { rule: "silence", days: 96, cadenceDays: 30, neverTouched: false }, "no touch for 96 days, cadence 30"],
    [
      "silence",
      { lastTouchOn: null, createdOn: "2026-08-01", followUpDueOn: null },
      { rule: "silence", days: 114, cadenceDays: 30, neverTouched: true },
      "no touch logged in 114 days since added, cadence 30",
    ],
    ["negative", { lastNegative: { on: "2026-11-10", type: "call" } }, { rule: "negative", touchType: "call", on: "2026-11-10" }, "negative call on 2026-11-10"],
    ["satisfaction", { satisfaction: 72 }, { rule: "satisfaction", satisfaction: 72, below: 90 }, "satisfaction 72, below 90"],
    [
      "key-meeting",
      { lastMeetingOn: "2026-09-30" },
      { rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: "2026-09-30" },
      "key client with no meeting in Q4 2026 (last 2026-09-30)",
    ],
    ["key-meeting", { lastMeetingOn: null }, { rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: null }, "key client with no meeting in Q4 2026"],
    ["lifecycle", { lifecycleStage: "at-risk" }, { rule: "lifecycle" }, "lifecycle stage is at-risk"],
    ["concentration", { revenueShare: 0.32 }, { rule: "concentration", sharePercent: 32, limitPercent: 30 }, "32% of the workspace's revenue, above 30%"],
  ])("fires %s with its numbers, worded in English as before", (_rule, overrides, flag, english) => {
    expect(evaluateRisks(healthy(overrides), DEFAULT_RULES)).toEqual([flag]);
    expect(EN.risk.reason(flag)).toBe(english);
  });

  it.each([
    ["overdue: exactly 3 days late is not yet a risk", { followUpDueOn: "2026-11-20" }],
    ["silence: exactly 2 x cadence is not yet a risk", { lastTouchOn: "2026-09-24", followUpDueOn: null }],
    ["negative: 31 days ago is outside the 30-day window", { lastNegative: { on: "2026-10-23", type: "email" } }],
    ["satisfaction: 90 is not under 90", { satisfaction: 90 }],
    ["satisfaction: unknown is not a risk", { satisfaction: null }],
    ["key-meeting: a meeting this quarter", { lastMeetingOn: "2026-10-01" }],
    ["key-meeting: not checked in the quarter's first month", { today: "2026-10-20", lastTouchOn: "2026-10-19", followUpDueOn: "2026-11-18", lastMeetingOn: null }],
    ["key-meeting: not a key client", { keyClient: false, lastMeetingOn: null }],
    ["concentration: exactly 30% is not above 30%", { revenueShare: 0.3 }],
    ["concentration: no revenue", { revenueShare: null }],
  ] as const)("does not fire at the edge: %s", (_label, overrides) => {
    expect(evaluateRisks(healthy(overrides), DEFAULT_RULES)).toEqual([]);
  });

  it("follows the rules file's parameters", () => {
    const strict = rulesSchema.parse({ risk: { overdueDays: 0, silenceCadenceMultiple: 1, negativeLookbackDays: 60, satisfactionBelow: 50, keyClientMeetingFromQuarterMonth: 1 } });
    const snapshot = healthy({ followUpDueOn: "2026-11-22", lastNegative: { on: "2026-10-01", type: "visit" }, satisfaction: 72 });
    expect(evaluateRisks(snapshot, strict).map((f) => f.rule)).toEqual(["overdue", "negative"]);
  });

  it("reports every firing rule in a stable order", () => {
    const everything = healthy({
      followUpDueOn: "2026-01-01",
      lastTouchOn: "2025-12-01",
      lastMeetingOn: null,
      lastNegative: { on: "2026-11-22", type: "meeting" },
      satisfaction: 10,
      lifecycleStage: "at-risk",
      revenueShare: 0.9,
    });
    expect(evaluateRisks(everything, DEFAULT_RULES).map((f) => f.rule)).toEqual([...RISK_RULES]);
  });

  it("never throws and gives each rule at most once", () => {
    const day = fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.record({
          today: day,
          createdOn: day,
          lastTouchOn: fc.option(day),
          followUpDueOn: fc.option(day),
          cadenceDays: fc.integer({ min: 1, max: 3650 }),
          lastMeetingOn: fc.option(day),
          lastNegative: fc.option(fc.record({ on: day, type: fc.constantFrom("call", "meeting") })),
          satisfaction: fc.option(fc.integer({ min: 0, max: 100 })),
          lifecycleStage: fc.option(fc.constantFrom("prospect", "active", "at-risk")),
          keyClient: fc.boolean(),
          revenueShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        }),
        (snapshot) => {
          const rules = evaluateRisks(snapshot, DEFAULT_RULES).map((f) => f.rule);
          expect(new Set(rules).size).toBe(rules.length);
        },
      ),
    );
  });
});

describe("quarterOf", () => {
  it.each([
    ["2026-01-01", "2026-01-01", 1, "Q1 2026"],
    ["2026-03-31", "2026-01-01", 3, "Q1 2026"],
    ["2026-05-15", "2026-04-01", 2, "Q2 2026"],
    ["2026-11-23", "2026-10-01", 2, "Q4 2026"],
    ["2026-12-31", "2026-10-01", 3, "Q4 2026"],
  ])("%s is in the quarter starting %s, month %i", (day, start, monthOfQuarter, label) => {
    expect(quarterOf(day)).toMatchObject({ start, monthOfQuarter, label });
  });
});

describe("riskChanges", () => {
  const flag = (rule: RiskRule, reason = "why") => ({ rule, reason });
  it("takes the flags the rules give", () => {
    const firing: RiskFlag[] = [{ rule: "lifecycle" }, { rule: "satisfaction", satisfaction: 50, below: 90 }];
    expect(riskChanges([{ id: "f1", rule: "lifecycle" }], firing)).toEqual({ entered: [firing[1]], left: [] });
  });

  it("enters new states, leaves cleared ones and keeps a lasting one quiet", () => {
    const open = [{ id: "f1", rule: "overdue" }, { id: "f2", rule: "silence" }];
    const { entered, left } = riskChanges(open, [flag("overdue", "now 9 days"), flag("negative")]);
    expect(entered).toEqual([flag("negative")]);
    expect(left).toEqual([{ id: "f2", rule: "silence" }]);
  });

  it("is a no-op when the firing rules are the open ones", () => {
    fc.assert(
      fc.property(fc.subarray([...RISK_RULES]), (rules) => {
        const { entered, left } = riskChanges(rules.map((rule, i) => ({ id: `f${i}`, rule })), rules.map((rule) => flag(rule)));
        expect(entered).toEqual([]);
        expect(left).toEqual([]);
      }),
    );
  });
});

describe("riskSnapshotOf", () => {
  it("reads calendar days in UTC and takes the cadence and key-client rule from the rules", () => {
    const snapshot = riskSnapshotOf(
      {
        createdAt: new Date("2025-01-01T23:30:00Z"),
        lastTouchAt: new Date("2026-11-20T23:59:00Z"),
        annualRevenue: 300_000,
        relationshipSince: new Date("2020-01-01T00:00:00Z"),
        relationshipType: null,
        lifecycleStage: "active",
        satisfaction: null,
        cadenceDays: null,
        tier: "B",
        followUpDueOn: "2026-12-20",
        lastMeetingAt: null,
        lastNegative: { at: new Date("2026-11-21T00:00:00Z"), type: "call" },
      },
      1_000_000,
      "2026-11-23",
      DEFAULT_RULES,
      new Date("2026-11-23T10:00:00Z"),
    );
    expect(snapshot).toMatchObject({ createdOn: "2025-01-01", lastTouchOn: "2026-11-20", cadenceDays: 30, keyClient: true, revenueShare: 0.3, lastNegative: { on: "2026-11-21", type: "call" } });
  });
});

describe("currentRisks", () => {
  const inputs: RiskInputs & { archived: boolean } = {
    archived: false,
    createdAt: new Date("2025-01-01T00:00:00Z"),
    lastTouchAt: new Date("2026-11-02T10:00:00Z"),
    annualRevenue: 50_000,
    relationshipSince: null,
    relationshipType: null,
    lifecycleStage: "active",
    satisfaction: null,
    cadenceDays: null,
    tier: "C",
    followUpDueOn: "2026-11-20",
    lastMeetingAt: null,
    lastNegative: null,
  };

  it("counts calendar days in UTC at the instant, whatever the reader's day", () => {
    // 20:00 UTC on the 23rd is already the 24th in Shanghai: three days late in UTC is not yet overdue.
    expect(currentRisks(inputs, 1_000_000, new Date("2026-11-23T20:00:00Z"), DEFAULT_RULES)).toEqual([]);
    expect(currentRisks(inputs, 1_000_000, new Date("2026-11-24T00:30:00Z"), DEFAULT_RULES)).toEqual([{ rule: "overdue", days: 4, dueOn: "2026-11-20" }]);
    expect(negativeLookbackFrom(new Date("2026-11-23T20:00:00Z"), DEFAULT_RULES)).toBe("2026-10-24");
  });

  it("puts an archived client in no state", () => {
    const atRisk = { ...inputs, lifecycleStage: "at-risk" };
    expect(currentRisks(atRisk, 1_000_000, new Date("2026-11-23T10:00:00Z"), DEFAULT_RULES).map((f) => f.rule)).toEqual(["lifecycle"]);
    expect(currentRisks({ ...atRisk, archived: true }, 1_000_000, new Date("2026-11-23T10:00:00Z"), DEFAULT_RULES)).toEqual([]);
  });
});

describe("revenueTotalFor", () => {
  it("settles the concentration rule from the largest revenues when no client can be over the limit", () => {
    // 30%: a client within 30% of a partial sum is within it of the whole, which is larger.
    expect(revenueTotalFor({ sum: 1_000, complete: false }, [300, 10, null, 0], DEFAULT_RULES)).toBe(1_000);
    expect(revenueTotalFor({ sum: 1_000, complete: false }, [301], DEFAULT_RULES)).toBeNull();
    expect(revenueTotalFor({ sum: 0, complete: false }, [5], DEFAULT_RULES)).toBeNull();
    // Every revenue summed: the partial sum is the whole.
    expect(revenueTotalFor({ sum: 1_000, complete: true }, [900], DEFAULT_RULES)).toBe(1_000);
  });
});

describe("stored risk details", () => {
  const flags: RiskFlag[] = [
    { rule: "overdue", days: 4, dueOn: "2026-11-19" },
    { rule: "silence", days: 96, cadenceDays: 30, neverTouched: false },
    { rule: "negative", touchType: "call", on: "2026-11-10" },
    { rule: "satisfaction", satisfaction: 72, below: 90 },
    { rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: null },
    { rule: "lifecycle" },
    { rule: "concentration", sharePercent: 98, limitPercent: 30 },
  ];

  it.each(flags.map((f) => [f.rule, f] as const))("reads back the %s flag it stored", (rule, flag) => {
    expect(riskFlagOf({ rule, details: riskDetailsJson(flag) })).toEqual(flag);
  });

  it.each([
    ["no details (a state recorded before they were kept)", "silence", null],
    ["not JSON", "silence", "{nope"],
    ["not an object", "silence", "42"],
    ["another rule than the row's", "overdue", riskDetailsJson({ rule: "lifecycle" })],
    ["an unknown rule", "gone", JSON.stringify({ rule: "gone" })],
    ["a missing number", "silence", JSON.stringify({ rule: "silence", days: 96, neverTouched: false })],
    ["a number as text", "satisfaction", JSON.stringify({ rule: "satisfaction", satisfaction: "72", below: 90 })],
  ])("gives nothing for %s, so readers see the English reason", (_label, rule, details) => {
    expect(riskFlagOf({ rule, details })).toBeNull();
    expect(EN.risk.storedReason({ rule, reason: "as stored", details })).toBe("as stored");
  });

  it("keeps only the rule's fields", () => {
    expect(riskFlagOf({ rule: "lifecycle", details: JSON.stringify({ rule: "lifecycle", extra: "<!channel>" }) })).toEqual({ rule: "lifecycle" });
  });
});

describe("clearCauseOf: why a state ended, told apart from a resolution", () => {
  const OPENED = "2026-11-02";
  it.each<[string, Partial<RiskSnapshot>, ReturnType<typeof clearCauseOf>, boolean, string]>([
    ["overdue", { lastTouchOn: "2026-11-20" }, { rule: "overdue", cause: "touched", on: "2026-11-20" }, true, "a touch was logged on Fri 20 Nov 2026"],
    ["overdue", { lastTouchOn: "2026-10-01", followUpDueOn: "2026-12-01" }, { rule: "overdue", cause: "moved", dueOn: "2026-12-01" }, false, "the follow-up now falls due on Tue 1 Dec 2026 (re-dated or snoozed; no touch yet)"],
    ["silence", { lastTouchOn: "2026-08-01", cadenceDays: 90 }, { rule: "silence", cause: "cadence", cadenceDays: 90, limitDays: 180 }, false, "the cadence is now 90 days, so the silence limit is 180 days (no touch yet)"],
    ["negative", { today: "2026-12-03" }, { rule: "negative", cause: "aged", lookbackDays: 30 }, false, "the negative touch is now more than 30 days old"],
    ["negative", {}, { rule: "negative", cause: "removed" }, false, "the negative touch was changed or removed"],
    ["satisfaction", { satisfaction: 93 }, { rule: "satisfaction", cause: "improved", satisfaction: 93 }, true, "satisfaction is now 93"],
    ["key-meeting", { lastMeetingOn: "2026-11-10" }, { rule: "key-meeting", cause: "met", on: "2026-11-10" }, true, "a meeting was logged on Tue 10 Nov 2026"],
    ["key-meeting", { keyClient: false, lastMeetingOn: "2026-06-01" }, { rule: "key-meeting", cause: "not-key" }, false, "no longer a key client, so the quarterly-meeting rule no longer applies"],
    ["key-meeting", { today: "2027-01-04", lastMeetingOn: "2026-06-01" }, { rule: "key-meeting", cause: "new-quarter", quarter: 1, year: 2027 }, false, "a new quarter began (Q1 2027): the meeting is expected from its second month"],
    ["lifecycle", { lifecycleStage: "active" }, { rule: "lifecycle", cause: "changed", stage: "active" }, true, "the lifecycle stage is now active"],
    ["concentration", { revenueShare: 0.21 }, { rule: "concentration", cause: "share", sharePercent: 21, limitPercent: 30 }, true, "its share of revenue is now 21%, within 30%"],
  ])("%s with %j", (rule, snapshot, expected, resolved, words) => {
    const cause = clearCauseOf(rule, healthy(snapshot), DEFAULT_RULES, OPENED);
    expect(cause).toEqual(expected);
    expect(isResolved(cause!)).toBe(resolved);
    expect(EN.risk.cleared(cause!)).toBe(words);
    // Stored and read back as it was; anything else reads as no cause.
    expect(clearCauseFromJson(JSON.stringify(cause))).toEqual(expected);
  });

  it("reads no cause from missing, broken or foreign JSON, and knows no unknown rule", () => {
    for (const json of [null, "", "{", "[]", '{"rule":"overdue","cause":"touched"}', '{"rule":"x","cause":"touched","on":"2026-01-01"}']) expect(clearCauseFromJson(json)).toBeNull();
    expect(clearCauseOf("no-such-rule", healthy(), DEFAULT_RULES, OPENED)).toBeNull();
  });
});
