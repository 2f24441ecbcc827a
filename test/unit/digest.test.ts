import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/cadence.ts";
import { digestDayFor, EFFORT_RULE, effortMismatches, isCovered, isoWeekOf, overKeyLimit, tierShares, type RepEffort, type RepPortfolio, type TierCounts } from "../../src/domain/digest.ts";
import type { RiskFlag } from "../../src/domain/risk.ts";
import { DEFAULT_RULES, rulesSchema } from "../../src/domain/rules.ts";
import { weekdayOf } from "../../src/domain/schedule.ts";
import type { Digest } from "../../src/services/digest.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildDigest } from "../../src/slack/views/digest.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";
import { everyRule } from "../support/rows.ts";

const schedules = DEFAULT_RULES.schedules;
const day = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

describe("isoWeekOf", () => {
  it.each([
    ["2026-11-23", "2026-W48"],
    ["2026-01-01", "2026-W01"],
    ["2027-01-01", "2026-W53"],
    ["2024-12-30", "2025-W01"],
    ["2021-01-03", "2020-W53"],
  ])("%s is in %s", (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it("gives Monday to Sunday one week, and the next Monday the next one", () => {
    fc.assert(
      fc.property(day, (date) => {
        const monday = addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
        expect(weekdayOf(monday)).toBe("mon");
        for (let i = 0; i < 7; i++) expect(isoWeekOf(addDays(monday, i))).toBe(isoWeekOf(date));
        expect(isoWeekOf(addDays(monday, 7))).not.toBe(isoWeekOf(date));
      }),
    );
  });
});

describe("digestDayFor", () => {
  it.each([
    ["2026-11-23T08:59:00Z", "UTC", false, null],
    ["2026-11-23T09:00:00Z", "UTC", false, "2026-W48"],
    // Missed on Monday (the bot was down): due at the next check that week, and not before Monday in the next.
    ["2026-11-24T09:00:00Z", "UTC", false, "2026-W48"],
    ["2026-11-29T23:59:00Z", "UTC", false, "2026-W48"],
    ["2026-11-30T08:59:00Z", "UTC", false, null],
    // Sunday 09:30 in Shanghai: still that week's digest, if it was missed; Monday 08:30 there: not yet the next.
    ["2026-11-22T01:30:00Z", "Asia/Shanghai", false, "2026-W47"],
    ["2026-11-23T00:30:00Z", "Asia/Shanghai", false, null],
    ["2026-11-23T01:30:00Z", "Asia/Shanghai", false, "2026-W48"],
    // By hand: any day, the local week.
    ["2026-11-26T03:00:00Z", "UTC", true, "2026-W48"],
    ["2026-11-29T23:30:00Z", "Asia/Shanghai", true, "2026-W49"],
  ])("at %s in %s (by hand: %s) the digest is for %s", (at, zone, byHand, week) => {
    expect(digestDayFor(new Date(at), zone, schedules, byHand)?.week ?? null).toBe(week);
  });

  it("marks a digest after its day as late, naming the week before", () => {
    expect(digestDayFor(new Date("2026-11-23T10:00:00Z"), "UTC", schedules, false)?.lateAfterWeek).toBeUndefined();
    expect(digestDayFor(new Date("2026-11-25T10:00:00Z"), "UTC", schedules, false)?.lateAfterWeek).toBe("2026-W47");
    expect(digestDayFor(new Date("2026-11-25T10:00:00Z"), "UTC", schedules, true)?.lateAfterWeek).toBeUndefined();
  });

  it("looks back on the seven days before the digest day", () => {
    expect(digestDayFor(new Date("2026-11-23T10:00:00Z"), "UTC", schedules, false)).toEqual({ today: "2026-11-23", week: "2026-W48", from: "2026-11-16" });
  });

  it("follows the rules file's digest day and time", () => {
    const friday = rulesSchema.parse({ schedules: { ...schedules, digestDay: "fri", digestTime: "16:00" } }).schedules;
    expect(digestDayFor(new Date("2026-11-27T15:59:00Z"), "UTC", friday, false)).toBeNull();
    expect(digestDayFor(new Date("2026-11-26T16:00:00Z"), "UTC", friday, false)).toBeNull();
    expect(digestDayFor(new Date("2026-11-27T16:00:00Z"), "UTC", friday, false)?.week).toBe("2026-W48");
  });
});

describe("coverage and shares", () => {
  it("counts a key client as covered when touched within its cadence", () => {
    expect(isCovered("2026-11-09", 14, "2026-11-23")).toBe(true);
    expect(isCovered("2026-11-08", 14, "2026-11-23")).toBe(false);
    expect(isCovered(null, 14, "2026-11-23")).toBe(false);
  });

  it("gives whole percentages, zero for nothing", () => {
    expect(tierShares({ A: 1, B: 1, C: 2 })).toEqual({ A: 25, B: 25, C: 50 });
    expect(tierShares({ A: 0, B: 0, C: 0 })).toEqual({ A: 0, B: 0, C: 0 });
  });
});

describe("overKeyLimit", () => {
  it.each([
    [[{ ownerSlackId: "U1", count: 15 }], 15, []],
    [[{ ownerSlackId: "U1", count: 16 }], 15, ["U1"]],
    [[{ ownerSlackId: "U2", count: 20 }, { ownerSlackId: "U1", count: 23 }, { ownerSlackId: "U3", count: 3 }], 15, ["U1", "U2"]],
    [[{ ownerSlackId: "U2", count: 2 }, { ownerSlackId: "U1", count: 2 }], 1, ["U1", "U2"]],
  ])("%j over %i: %j", (counts, max, reps) => {
    expect(overKeyLimit(counts, max).map((c) => c.ownerSlackId)).toEqual(reps);
  });
});

describe("effortMismatches", () => {
  const counts = (A: number, B: number, C: number): TierCounts => ({ A, B, C });
  const effort = (repSlackId: string, touches: TierCounts, prospectTouches = 0, meetings = counts(0, 0, 0)): RepEffort => ({ repSlackId, touches, meetings, prospectTouches });
  const portfolio = (revenue: TierCounts, prospects = 0, existing = 1): RepPortfolio => ({ revenue, prospects, existing });

  it.each([
    // [what, touches, portfolio revenue, expected tier, touch %, value %]
    ["half the touches on C clients holding 2% of the revenue", counts(5, 0, 5), counts(98, 0, 2), "C", 50, 2],
    ["every touch on B, which holds 60%: a 40-point gap", counts(0, 6, 0), counts(40, 60, 0), "B", 100, 60],
    ["exactly the 30-point gap", counts(0, 0, 10), counts(70, 0, 30), "C", 100, 30],
    ["the largest of two gaps", counts(0, 4, 6), counts(100, 0, 0), "C", 60, 0],
  ] as const)("names %s", (_what, touches, revenue, tier, touchPercent, valuePercent) => {
    const [line] = effortMismatches([effort("U1", touches)], new Map([["U1", portfolio(revenue)]]));
    expect(line).toMatchObject({ kind: "tier", repSlackId: "U1", tier, touchPercent, valuePercent });
  });

  it.each([
    ["touches in line with value", effort("U1", counts(7, 2, 1)), portfolio(counts(70, 20, 10))],
    ["a gap just under 30 points", effort("U1", counts(4, 0, 6)), portfolio(counts(69, 0, 31))],
    ["fewer than five touches", effort("U1", counts(0, 0, 4)), portfolio(counts(100, 0, 0))],
    ["no revenue recorded and no prospects", effort("U1", counts(0, 0, 9)), portfolio(counts(0, 0, 0))],
  ] as const)("names no one for %s", (_what, e, p) => {
    expect(effortMismatches([e], new Map([["U1", p]]))).toEqual([]);
  });

  it("names no one without a portfolio of their own (touches on others' clients)", () => {
    expect(effortMismatches([effort("U1", counts(0, 0, 9))], new Map())).toEqual([]);
  });

  it("calls out no touch on prospects, or every touch on prospects, when the rep has no tier mismatch", () => {
    const balanced = portfolio(counts(50, 50, 0), 2, 3);
    expect(effortMismatches([effort("U1", counts(3, 3, 0))], new Map([["U1", balanced]]))).toEqual([{ kind: "noProspects", repSlackId: "U1", touches: 6, prospects: 2 }]);
    expect(effortMismatches([effort("U1", counts(3, 3, 0), 6)], new Map([["U1", balanced]]))).toEqual([{ kind: "onlyProspects", repSlackId: "U1", touches: 6, existing: 3 }]);
    expect(effortMismatches([effort("U1", counts(3, 3, 0), 2)], new Map([["U1", balanced]]))).toEqual([]);
    expect(effortMismatches([effort("U1", counts(3, 3, 0), 6)], new Map([["U1", portfolio(counts(50, 50, 0), 2, 0)]]))).toEqual([]);
  });

  it("names the largest gaps first, a tier mismatch before a prospect call-out, at most five", () => {
    const reps = Array.from({ length: 8 }, (_, i) => `U${i}`);
    const efforts = reps.map((rep, i) => effort(rep, counts(10 - i, 0, i)));
    const portfolios = new Map(reps.map((rep) => [rep, portfolio(counts(100, 0, 0), 1)]));
    const lines = effortMismatches(efforts, portfolios);
    expect(lines.map((l) => l.repSlackId)).toEqual(["U7", "U6", "U5", "U4", "U3"]);
    expect(lines.every((l) => l.kind === "tier" && l.tier === "C")).toBe(true);
    const withProspects = effortMismatches([effort("P", counts(5, 0, 0)), effort("T", counts(0, 0, 5))], new Map([["P", portfolio(counts(100, 0, 0), 1)], ["T", portfolio(counts(100, 0, 0))]]));
    expect(withProspects.map((l) => l.kind)).toEqual(["tier", "noProspects"]);
  });

  it("holds for any week: at most five reps, each once, each line true of its rep's numbers", () => {
    const tiers = fc.record({ A: fc.nat(20), B: fc.nat(20), C: fc.nat(20) });
    const rep = fc.record({ touches: tiers, revenue: fc.record({ A: fc.nat(1e7), B: fc.nat(1e7), C: fc.nat(1e7) }), prospects: fc.nat(3), existing: fc.nat(3), onProspects: fc.nat(60) });
    fc.assert(
      fc.property(fc.array(rep, { maxLength: 12 }), (week) => {
        const efforts = week.map((r, i) => effort(`U${i}`, r.touches, Math.min(r.onProspects, r.touches.A + r.touches.B + r.touches.C)));
        const portfolios = new Map(week.map((r, i) => [`U${i}`, portfolio(r.revenue, r.prospects, r.existing)]));
        const lines = effortMismatches(efforts, portfolios);
        expect(lines.length).toBeLessThanOrEqual(EFFORT_RULE.maxReps);
        expect(new Set(lines.map((l) => l.repSlackId)).size).toBe(lines.length);
        for (const line of lines) {
          const r = week[Number(line.repSlackId.slice(1))]!;
          const touches = r.touches.A + r.touches.B + r.touches.C;
          expect(touches).toBeGreaterThanOrEqual(EFFORT_RULE.minTouches);
          if (line.kind === "tier") {
            const value = r.revenue.A + r.revenue.B + r.revenue.C;
            expect((r.touches[line.tier] / touches) * 100 - (r.revenue[line.tier] / value) * 100).toBeGreaterThanOrEqual(EFFORT_RULE.minGapPoints);
          } else if (line.kind === "noProspects") expect(r.prospects).toBeGreaterThan(0);
          else expect(r.existing).toBeGreaterThan(0);
        }
        const gaps = lines.flatMap((l) => (l.kind === "tier" ? [l.gap] : []));
        expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
        const firstCallOut = lines.findIndex((l) => l.kind !== "tier");
        if (firstCallOut >= 0) expect(lines.slice(firstCallOut).every((l) => l.kind !== "tier")).toBe(true);
      }),
    );
  });
});

function fullDigest(overrides: Partial<Digest> = {}): Digest {
  const hostile = `<!channel> ${"名".repeat(150)} &amp; <@U999>`;
  return {
    recipient: "U0MGR",
    day: { today: "2026-11-23", week: "2026-W48", from: "2026-11-16" },
    scope: "team",
    highlights: {
      items: Array.from({ length: 15 }, (_, i) => ({ id: `c${i}`, name: hostile, ownerSlackId: `U0REP${i}`, tier: "A", keyClient: true, lastTouchOn: "2026-11-20", nextDueOn: "2026-12-04" })),
      total: 400,
    },
    risksNow: {
      items: Array.from({ length: 8 }, (_, i) => ({ id: `c${i}`, name: hostile, ownerSlackId: `U0REP${i}`, tier: "A" as const, risks: everyRule })),
      clients: 15,
      states: 105,
    },
    overdue: Array.from({ length: 40 }, (_, i) => ({ ownerSlackId: `U0REP${i}`, count: 40 - i })),
    newRisks: { items: Array.from({ length: 10 }, () => ({ clientName: hostile, ownerSlackId: null, rule: "silence", reason: "no touch for 96 days, cadence 30", details: JSON.stringify({ rule: "silence", days: 96, cadenceDays: 30, neverTouched: false }), openedOn: "2026-11-20", cleared: false })), total: 90 },
    tierMoves: { items: Array.from({ length: 10 }, () => ({ clientName: hostile, fromTier: "B", toTier: "A", reason: "rescore" })), total: 12 },
    coverage: { keyClients: 10, covered: 7 },
    keyChanges: {
      items: Array.from({ length: 10 }, (_, i) => ({ clientName: hostile, ownerSlackId: `U0REP${i}`, joined: i % 2 === 0, status: { key: i % 2 === 0, annualRevenue: 99_999_999_999, minAnnualRevenue: 100_000, relationshipYears: i % 2 === 0 ? 30 : 1, minRelationshipYears: 3 }, on: "2026-11-20" })),
      joined: 30,
      left: 12,
    },
    keyLoad: { maxPerRep: 15, over: Array.from({ length: 30 }, (_, i) => ({ ownerSlackId: `U0REP${i}`, count: 9_999 - i })) },
    currency: "CNY",
    activity: Array.from({ length: 30 }, (_, i) => ({ repSlackId: `U0REP${i}`, touches: { A: i, B: 1, C: 0 } })),
    effort: Array.from({ length: 5 }, (_, i) => ({ kind: "tier" as const, repSlackId: `U0REP${i}`, tier: "C" as const, touchPercent: 90, valuePercent: 2, touches: 900, tierTouches: 810, tierMeetings: 12, gap: 88 })),
    valueShare: { A: 70, B: 20, C: 10 },
    operations: { failures: [{ id: "o1", kind: "nudge", recipient: "U0GONE", period: "2026-11-20", attempts: 1, lastError: "account_inactive <!here>", failedAt: new Date(), createdAt: new Date() }], waiting: { retry: 0, nextRetryAt: null, due: 0, sending: 0 }, jobRuns: [] },
    quiet: false,
    ...overrides,
  };
}

describe("buildDigest", () => {
  it("keeps a crowded week within Slack's limits, escapes names and says how many more", () => {
    const message = buildDigest(messagesFor("en"), fullDigest());
    expect(blockKitProblems(message)).toEqual([]);
    const reps = Array.from({ length: 40 }, (_, i) => `U0REP${i}`);
    expect(mentionProblems(message, [...reps, "U0GONE"])).toEqual([]);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain("…and 385 more");
    expect(json).toContain("…and 80 more");
    expect(json).toContain("7 of 10 key clients touched within cadence (70%)");
    expect(json).toContain("A 70% · B 20% · C 10%");
    // The states now: whole clients (the first one's seven states), the rest counted.
    expect(json).toContain("*In a risk state now*: 105 risk states on 15 of the clients above");
    expect(json.match(/lifecycle stage is at-risk/g)).toHaveLength(1);
    expect(json).toContain("…and 14 more of them: `/tier <client>` shows why.");
    expect(json).toContain("*Joined / left the key list this week*: 30 joined, 12 left");
    expect(json).toContain("…and 32 more.");
    expect(json).toContain("<@U0REP0> carries 9999 key clients, over the 15 the rules suggest");
    expect(json).toContain("…and 20 more.");
  });

  it("says which reps carry more key clients than the rules suggest, in both languages, or nothing", () => {
    const keyLoad = { maxPerRep: 15, over: [{ ownerSlackId: "U0MEI", count: 23 }] };
    expect(allText(buildDigest(messagesFor("en"), fullDigest({ keyLoad })))).toContain(
      "• <@U0MEI> carries 23 key clients, over the 15 the rules suggest: raise the key-client thresholds in the rules file, or accept it.",
    );
    expect(allText(buildDigest(messagesFor("zh-CN"), fullDigest({ keyLoad })))).toContain("• <@U0MEI> 负责 23 个重点客户，超过规则建议的 15 个：可在规则文件中提高重点客户门槛，或接受现状。");
    expect(allText(buildDigest(messagesFor("en"), fullDigest({ keyLoad: { maxPerRep: 15, over: [] } })))).not.toContain("the rules suggest");
  });

  it("lists the week's key events with the thresholds behind each, in both languages, or leaves the section out", () => {
    const keyChanges = {
      items: [
        { clientName: "Yangtze", ownerSlackId: "U0REP1", joined: true, status: { key: true, annualRevenue: 2_000_000, minAnnualRevenue: 100_000, relationshipYears: 4, minRelationshipYears: 3 }, on: "2026-11-20" },
        { clientName: "Pearl", ownerSlackId: null, joined: false, status: { key: false, annualRevenue: 50_000, minAnnualRevenue: 100_000, relationshipYears: 9, minRelationshipYears: 3 }, on: "2026-11-18" },
        { clientName: "Unread", ownerSlackId: "U0REP2", joined: false, status: null, on: "2026-11-17" },
      ],
      joined: 1,
      left: 2,
    };
    const text = allText(buildDigest(messagesFor("en"), fullDigest({ keyChanges })));
    expect(text).toContain(
      "*Joined / left the key list this week*: 1 joined, 2 left\n• :key: *Yangtze* (<@U0REP1>) joined on 20 Nov: annual revenue 2,000,000 CNY, at or above 100,000 CNY and a relationship of 4 years, at least 3\n• *Pearl* (no owner) left on 18 Nov: annual revenue 50,000 CNY, below 100,000 CNY\n• *Unread* (<@U0REP2>) left on 17 Nov",
    );
    const zh = allText(buildDigest(messagesFor("zh-CN"), fullDigest({ keyChanges })));
    expect(zh).toContain("*本周进入 / 退出重点客户名单*：进入 1 个，退出 2 个");
    expect(zh).toContain("• *Pearl*（未分配）11月18日不再是重点客户：年收入 50,000 CNY，低于 100,000 CNY");
    expect(allText(buildDigest(messagesFor("en"), fullDigest({ keyChanges: { items: [], joined: 0, left: 0 } })))).not.toContain("key list this week");
  });

  it("lists the listed key and A-tier clients' risk states now with their owners, or says there are none", () => {
    const risks: RiskFlag[] = [{ rule: "overdue", days: 10, dueOn: "2026-11-13" }, { rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: null }];
    const digest = fullDigest({ risksNow: { items: [{ id: "c1", name: "Yangtze", ownerSlackId: "U0REP1", tier: "A", risks }], clients: 1, states: 2 } });
    const text = allText(buildDigest(messagesFor("en"), digest));
    expect(text).toContain(
      "*In a risk state now*: 2 risk states on 1 of the clients above\n• *Yangtze* (<@U0REP1>): follow-up overdue, follow-up overdue by 10 days (due 2026-11-13)\n• *Yangtze* (<@U0REP1>): key client without a meeting this quarter, key client with no meeting in Q4 2026",
    );
    const none = allText(buildDigest(messagesFor("en"), fullDigest({ risksNow: { items: [], clients: 0, states: 0 } })));
    expect(none).toContain("*In a risk state now*: none of the clients above.");
  });

  it("names the reps whose touches are furthest from their portfolio's value, one line each, or leaves the section out", () => {
    const effort = [
      { kind: "tier" as const, repSlackId: "U0DAN", tier: "C" as const, touchPercent: 50, valuePercent: 2, touches: 8, tierTouches: 4, tierMeetings: 1, gap: 48 },
      { kind: "noProspects" as const, repSlackId: "U0MEI", touches: 6, prospects: 2 },
      { kind: "onlyProspects" as const, repSlackId: "U0LI", touches: 5, existing: 3 },
    ];
    const text = allText(buildDigest(messagesFor("en"), fullDigest({ effort })));
    expect(text).toContain("<@U0DAN>: 50% of touches on C clients (4 of 8, 1 meeting among them), which hold 2% of their portfolio's revenue");
    expect(text).toContain("<@U0MEI>: 6 touches, none on their 2 prospects");
    expect(text).toContain("<@U0LI>: all 5 touches on prospects, none on their 3 existing clients");
    const zh = allText(buildDigest(messagesFor("zh-CN"), fullDigest({ effort })));
    expect(zh).toContain("<@U0DAN>：50% 的接触在 C 级客户上（8 次中的 4 次，其中会面 1 次），而这些客户只占其名下客户收入的 2%");
    expect(allText(buildDigest(messagesFor("en"), fullDigest({ effort: [] })))).not.toContain("Effort against value");
  });

  it("says a quiet week in one line", () => {
    const message = buildDigest(messagesFor("en"), fullDigest({ quiet: true, operations: null, activity: [], overdue: [] }));
    expect(message.blocks).toHaveLength(1);
    expect(message.text).toBe("Quiet week for your team (16 Nov – 22 Nov): no touches logged, nothing overdue, no new risks or tier moves.");
  });
});
