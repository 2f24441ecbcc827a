import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, LIFECYCLE_STAGES, RISK_LEVELS, rulesSchema, type Rules, type Tier } from "../../src/domain/rules.ts";
import {
  isKeyClient,
  relationshipYears,
  scoreClient,
  tierForScore,
  type Dimension,
  type ScoringInput,
} from "../../src/domain/scoring.ts";

// Scores are computed at a fixed clock; relationship_since is a calendar date stored as UTC midnight.
const NOW = new Date("2026-06-15T00:00:00.000Z");
const NOON = new Date("2026-06-15T12:00:00.000Z");
const utc = (date: string) => new Date(`${date}T00:00:00.000Z`);

/** A client with nothing known about it; each test sets only what it is about. */
function input(overrides: Partial<ScoringInput> = {}): ScoringInput {
  return {
    annualRevenue: null,
    relationshipSince: null,
    lifecycleStage: null,
    riskLevel: null,
    satisfaction: null,
    industry: null,
    region: null,
    ...overrides,
  };
}

function pointsFor(dimension: Dimension, overrides: Partial<ScoringInput>, rules: Rules = DEFAULT_RULES, now: Date = NOW): number {
  const entry = scoreClient(input(overrides), rules, now).breakdown.find((d) => d.dimension === dimension);
  if (!entry) throw new Error(`no ${dimension} in the breakdown`);
  return entry.points;
}

describe("scoreClient: business contribution (annual revenue)", () => {
  // [revenue, points]: each bound exactly, just below and just above; lower bounds are inclusive.
  it.each([
    [10_000_000, 40],
    [9_999_999.99, 30],
    [10_000_000.01, 40],
    [1_000_000, 30],
    [999_999.99, 20],
    [1_000_000.01, 30],
    [100_000, 20],
    [99_999.99, 10],
    [100_000.01, 20],
    [10_000, 10],
    [9_999.99, 0],
    [10_000.01, 10],
    [0, 0],
    [-5_000_000, 0],
    [1e15, 40],
  ])("revenue %d → %d points", (annualRevenue, points) => {
    expect(pointsFor("contribution", { annualRevenue })).toBe(points);
  });

  it("counts unknown revenue as 0 points", () => expect(pointsFor("contribution", { annualRevenue: null })).toBe(0));
});

describe("scoreClient: relationship length (from relationship_since)", () => {
  // [since, points] at NOW = 2026-06-15T00:00Z: exactly N calendar years, one day short, one day over.
  it.each([
    ["2016-06-15", 15],
    ["2016-06-16", 11],
    ["2016-06-14", 15],
    ["2021-06-15", 11],
    ["2021-06-16", 8],
    ["2021-06-14", 11],
    ["2023-06-15", 8],
    ["2023-06-16", 4],
    ["2023-06-14", 8],
    ["2025-06-15", 4],
    ["2025-06-16", 0],
    ["2025-06-14", 4],
    ["2026-06-15", 0],
    ["1990-01-01", 15],
  ])("since %s → %d points (at midnight on the day)", (since, points) => {
    expect(pointsFor("relationship", { relationshipSince: utc(since) })).toBe(points);
  });

  it.each([
    ["2016-06-15", 15],
    ["2021-06-15", 11],
    ["2023-06-15", 8],
    ["2025-06-15", 4],
  ])("since %s → %d points later on the anniversary too", (since, points) => {
    expect(pointsFor("relationship", { relationshipSince: utc(since) }, DEFAULT_RULES, NOON)).toBe(points);
  });

  it("counts an unknown start as 0 points", () => expect(pointsFor("relationship", { relationshipSince: null })).toBe(0));
  it("counts a start in the future as 0 points", () => expect(pointsFor("relationship", { relationshipSince: utc("2030-01-01") })).toBe(0));
});

describe("relationshipYears", () => {
  it.each([
    ["2016-06-15", 10],
    ["2021-06-15", 5],
    ["2023-06-15", 3],
    ["2025-06-15", 1],
    ["2026-06-15", 0],
  ])("from %s to 2026-06-15 is exactly %d years", (since, years) => {
    expect(relationshipYears(utc(since), NOW)).toBe(years);
  });

  it("is a fraction between anniversaries", () => {
    const years = relationshipYears(utc("2024-12-15"), NOW);
    expect(years).toBeGreaterThan(1.49);
    expect(years).toBeLessThan(1.51);
  });

  it("reaches a full year for a 29 February start by 1 March of the next year", () => {
    expect(relationshipYears(utc("2024-02-29"), utc("2025-03-01"))).toBeGreaterThanOrEqual(1);
    expect(relationshipYears(utc("2024-02-29"), utc("2028-02-29"))).toBe(4);
    expect(relationshipYears(utc("2024-02-29"), utc("2025-02-27"))).toBeLessThan(1);
  });

  it("is 0 without a start or for a start in the future", () => {
    expect(relationshipYears(null, NOW)).toBe(0);
    expect(relationshipYears(utc("2027-01-01"), NOW)).toBe(0);
  });

  it("never decreases as time passes", () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), fc.date({ noInvalidDate: true }), fc.date({ noInvalidDate: true }), (since, a, b) => {
        const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        const y1 = relationshipYears(since, early);
        const y2 = relationshipYears(since, late);
        expect(Number.isFinite(y1) && y1 >= 0).toBe(true);
        expect(y2).toBeGreaterThanOrEqual(y1);
      }),
    );
  });
});

describe("scoreClient: lifecycle stage and risk level", () => {
  it.each([
    ["mature", 15],
    ["active", 12],
    ["onboarding", 8],
    ["at-risk", 4],
    ["prospect", 3],
    ["dormant", 0],
    ["unknown-stage", 0],
    [null, 0],
  ])("lifecycle %s → %d points", (lifecycleStage, points) => {
    expect(pointsFor("lifecycle", { lifecycleStage })).toBe(points);
  });

  it.each([
    ["low", 15],
    ["medium", 8],
    ["high", 0],
    ["LOW", 0], // stored values are lower-case; anything else earns nothing
    [null, 0],
  ])("risk %s → %d points", (riskLevel, points) => {
    expect(pointsFor("risk", { riskLevel })).toBe(points);
  });
});

describe("scoreClient: satisfaction", () => {
  it.each([
    [null, 5],
    [0, 0],
    [100, 10],
    [90, 9],
    [73, 7.3],
    [45, 4.5],
    [-20, 0], // clamped to 0-100
    [250, 10],
  ])("satisfaction %s → %d points", (satisfaction, points) => {
    expect(pointsFor("satisfaction", { satisfaction })).toBe(points);
  });
});

describe("scoreClient: strategic fit", () => {
  const withRegions = rulesSchema.parse({
    scoring: { strategicFit: { points: 5, industries: ["energy", "Water"], regions: ["East China", "Gulf"] } },
  });

  it.each([
    [{ industry: "energy" }, 5],
    [{ industry: "Energy" }, 5],
    [{ industry: " INFRASTRUCTURE " }, 5],
    [{ industry: "water" }, 5],
    [{ industry: "transport" }, 5],
    [{ industry: "retail" }, 0],
    [{ industry: "energy services" }, 0],
    [{ industry: null }, 0],
    [{ region: "East China" }, 0], // no priority regions by default
  ])("default rules: %j → %d points", (overrides, points) => {
    expect(pointsFor("strategicFit", overrides)).toBe(points);
  });

  it.each([
    [{ region: "east china" }, 5],
    [{ region: "GULF" }, 5],
    [{ region: "West" }, 0],
    [{ industry: "WATER", region: "West" }, 5],
    [{ industry: "transport" }, 0], // the industries list was replaced
    [{ industry: "energy", region: "Gulf" }, 5], // counted once
  ])("with priority regions: %j → %d points", (overrides, points) => {
    expect(pointsFor("strategicFit", overrides, withRegions)).toBe(points);
  });
});

describe("tierForScore", () => {
  it.each<[number, Tier]>([
    [100, "A"],
    [75, "A"],
    [74.99, "B"],
    [74, "B"],
    [50, "B"],
    [49.99, "C"],
    [49, "C"],
    [0, "C"],
  ])("score %d → tier %s", (score, tier) => {
    expect(tierForScore(score, DEFAULT_RULES)).toBe(tier);
  });

  it("follows the rules file's thresholds", () => {
    const rules = rulesSchema.parse({ tiers: { A: 90, B: 60 } });
    expect(tierForScore(89, rules)).toBe("B");
    expect(tierForScore(90, rules)).toBe("A");
    expect(tierForScore(59, rules)).toBe("C");
  });
});

describe("scoreClient: rounding to an integer score, then the tier", () => {
  // scoreClient sums the dimension points and rounds half up (Math.round) to an integer: a raw 74.5 is 75
  // (tier A), 74.4 is 74 (tier B). tierForScore itself does not round: 74.99 would be B, but scoreClient
  // never produces it. Satisfaction is the only dimension with fractional points (one decimal).
  const base = { annualRevenue: 10_000_000, relationshipSince: utc("2010-01-01"), lifecycleStage: "mature", riskLevel: "high" };
  const base50 = { annualRevenue: 100_000, relationshipSince: utc("2010-01-01"), lifecycleStage: "active", riskLevel: "high" };

  it.each<[string, Partial<ScoringInput>, number, Tier]>([
    ["70 + 5 = 75", { ...base, satisfaction: 50 }, 75, "A"],
    ["70 + 4.5 = 74.5, rounded up", { ...base, satisfaction: 45 }, 75, "A"],
    ["70 + 4.4 = 74.4, rounded down", { ...base, satisfaction: 44 }, 74, "B"],
    ["70 + 4 = 74", { ...base, satisfaction: 40 }, 74, "B"],
    ["47 + 3 = 50", { ...base50, satisfaction: 30 }, 50, "B"],
    ["47 + 2.5 = 49.5, rounded up", { ...base50, satisfaction: 25 }, 50, "B"],
    ["47 + 2.4 = 49.4, rounded down", { ...base50, satisfaction: 24 }, 49, "C"],
    ["47 + 2 = 49", { ...base50, satisfaction: 20 }, 49, "C"],
  ])("%s → score %d, tier %s", (_label, overrides, score, tier) => {
    const result = scoreClient(input(overrides), DEFAULT_RULES, NOW);
    expect(result.score).toBe(score);
    expect(tierForScore(result.score, DEFAULT_RULES)).toBe(tier);
  });

  // A manual tier override (with its reason) is applied by the client service, not by scoreClient.
});

describe("scoreClient: realistic profiles under the default rules", () => {
  it.each<[string, ScoringInput, number, Tier]>([
    [
      "a long-standing state energy group",
      { annualRevenue: 25_000_000, relationshipSince: utc("2012-03-01"), lifecycleStage: "mature", riskLevel: "low", satisfaction: 88, industry: "Energy", region: "North China" },
      99, // 40 + 15 + 15 + 15 + 8.8 + 5
      "A",
    ],
    [
      "a mid-sized manufacturer, five years in",
      { annualRevenue: 2_400_000, relationshipSince: utc("2021-03-10"), lifecycleStage: "active", riskLevel: "medium", satisfaction: 70, industry: "Manufacturing", region: null },
      68, // 30 + 11 + 12 + 8 + 7 + 0
      "B",
    ],
    [
      "a new prospect",
      { annualRevenue: 50_000, relationshipSince: utc("2026-01-20"), lifecycleStage: "prospect", riskLevel: "high", satisfaction: null, industry: "Retail", region: null },
      18, // 10 + 0 + 3 + 0 + 5 (missing satisfaction) + 0
      "C",
    ],
  ])("%s scores %d, tier %s", (_label, client, score, tier) => {
    const result = scoreClient(client, DEFAULT_RULES, NOW);
    expect(result.score).toBe(score);
    expect(tierForScore(result.score, DEFAULT_RULES)).toBe(tier);
  });

  it("explains the score dimension by dimension, in a fixed order with the maxima", () => {
    const { breakdown } = scoreClient(input(), DEFAULT_RULES, NOW);
    expect(breakdown.map((d) => [d.dimension, d.max])).toEqual([
      ["contribution", 40],
      ["relationship", 15],
      ["lifecycle", 15],
      ["risk", 15],
      ["satisfaction", 10],
      ["strategicFit", 5],
    ]);
  });
});

describe("isKeyClient (revenue >= 100,000 and 3 years or more)", () => {
  it.each([
    [100_000, "2023-06-15", true],
    [99_999.99, "2023-06-15", false],
    [100_000, "2023-06-16", false],
    [5_000_000, "2010-01-01", true],
    [null, "2010-01-01", false],
    [5_000_000, null, false],
  ])("revenue %s since %s → %s", (annualRevenue, since, expected) => {
    const relationshipSince = since === null ? null : utc(since);
    expect(isKeyClient({ annualRevenue, relationshipSince }, DEFAULT_RULES, NOW)).toBe(expected);
  });
});

// Arbitrary inputs, including the nonsense an import could carry: negative or huge revenue, starts in the
// future, satisfaction outside 0-100, unknown stages and levels, and infinities (NaN is excluded).
const anyNumber = fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -1_000, max: 100_000_000 }));
const anyInput: fc.Arbitrary<ScoringInput> = fc.record({
  annualRevenue: fc.option(anyNumber, { nil: null }),
  relationshipSince: fc.option(fc.date({ noInvalidDate: true }), { nil: null }),
  lifecycleStage: fc.option(fc.oneof(fc.constantFrom(...LIFECYCLE_STAGES), fc.string()), { nil: null }),
  riskLevel: fc.option(fc.oneof(fc.constantFrom(...RISK_LEVELS), fc.string()), { nil: null }),
  satisfaction: fc.option(fc.oneof(anyNumber, fc.integer({ min: -50, max: 150 })), { nil: null }),
  industry: fc.option(fc.oneof(fc.constantFrom("energy", " Water ", "TRANSPORT", "retail"), fc.string()), { nil: null }),
  region: fc.option(fc.string(), { nil: null }),
});
const anyNow = fc.date({ noInvalidDate: true });

describe("scoreClient: properties", () => {
  it("always gives an integer score in [0, 100]", () => {
    fc.assert(
      fc.property(anyInput, anyNow, (client, now) => {
        const { score } = scoreClient(client, DEFAULT_RULES, now);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 500 },
    );
  });

  it("never decreases as annual revenue grows, everything else fixed", () => {
    fc.assert(
      fc.property(anyInput, anyNumber, anyNumber, anyNow, (client, a, b, now) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lowScore = scoreClient({ ...client, annualRevenue: low }, DEFAULT_RULES, now).score;
        const highScore = scoreClient({ ...client, annualRevenue: high }, DEFAULT_RULES, now).score;
        expect(highScore).toBeGreaterThanOrEqual(lowScore);
      }),
      { numRuns: 500 },
    );
  });

  it("explains itself: the breakdown's points, rounded, sum to the score, and no dimension exceeds its max", () => {
    fc.assert(
      fc.property(anyInput, anyNow, (client, now) => {
        const { score, breakdown } = scoreClient(client, DEFAULT_RULES, now);
        expect(Math.round(breakdown.reduce((sum, d) => sum + d.points, 0))).toBe(score);
        for (const d of breakdown) {
          expect(d.points).toBeGreaterThanOrEqual(0);
          expect(d.points).toBeLessThanOrEqual(d.max);
        }
      }),
      { numRuns: 500 },
    );
  });
});
