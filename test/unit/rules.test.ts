import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  DEFAULT_RULES,
  LIFECYCLE_STAGES,
  RELATIONSHIP_TYPES,
  RISK_LEVELS,
  rulesSchema,
  type LifecycleStage,
  type RiskLevel,
} from "../../src/domain/rules.ts";

// Every expectation below is a default from docs/PRODUCT.md, "Domain".
const scoring = DEFAULT_RULES.scoring;

describe("DEFAULT_RULES match PRODUCT.md", () => {
  it("names CNY as the currency", () => expect(DEFAULT_RULES.currency).toBe("CNY"));

  it.each([
    [10_000_000, 40],
    [1_000_000, 30],
    [100_000, 20],
    [10_000, 10],
  ])("business contribution: annual revenue >= %d earns %d points", (min, points) => {
    expect(scoring.contribution.thresholds).toContainEqual({ min, points });
  });

  it("business contribution has no other thresholds (below 10,000: 0)", () => {
    expect(scoring.contribution.thresholds).toHaveLength(4);
  });

  it.each([
    [10, 15],
    [5, 11],
    [3, 8],
    [1, 4],
  ])("relationship length: >= %d years earns %d points", (min, points) => {
    expect(scoring.relationshipYears.thresholds).toContainEqual({ min, points });
  });

  it("relationship length has no other thresholds (under 1 year: 0)", () => {
    expect(scoring.relationshipYears.thresholds).toHaveLength(4);
  });

  it.each<[LifecycleStage, number]>([
    ["mature", 15],
    ["active", 12],
    ["onboarding", 8],
    ["at-risk", 4],
    ["prospect", 3],
    ["dormant", 0],
  ])("lifecycle stage %s earns %d points", (stage, points) => {
    expect(scoring.lifecycle[stage]).toBe(points);
  });

  it("lists exactly PRODUCT.md's lifecycle stages", () => {
    expect([...LIFECYCLE_STAGES].sort()).toEqual(["active", "at-risk", "dormant", "mature", "onboarding", "prospect"]);
    expect(Object.keys(scoring.lifecycle).sort()).toEqual([...LIFECYCLE_STAGES].sort());
  });

  it.each<[RiskLevel, number]>([
    ["low", 15],
    ["medium", 8],
    ["high", 0],
  ])("risk level %s earns %d points", (level, points) => {
    expect(scoring.riskLevel[level]).toBe(points);
  });

  it("lists exactly low, medium and high as risk levels", () => {
    expect([...RISK_LEVELS]).toEqual(["low", "medium", "high"]);
  });

  it("satisfaction earns satisfaction / 10, and 5 when missing", () => {
    expect(scoring.satisfaction).toEqual({ divisor: 10, missingPoints: 5 });
  });

  it("strategic fit earns 5 for energy, infrastructure, water and transport (no default regions)", () => {
    expect(scoring.strategicFit.points).toBe(5);
    expect([...scoring.strategicFit.industries].sort()).toEqual(["energy", "infrastructure", "transport", "water"]);
    expect(scoring.strategicFit.regions).toEqual([]);
  });

  it("dimension maxima add up to 100", () => {
    const max = (values: readonly number[]) => Math.max(...values);
    const total =
      max(scoring.contribution.thresholds.map((t) => t.points)) +
      max(scoring.relationshipYears.thresholds.map((t) => t.points)) +
      max(Object.values(scoring.lifecycle)) +
      max(Object.values(scoring.riskLevel)) +
      100 / scoring.satisfaction.divisor +
      scoring.strategicFit.points;
    expect(total).toBe(100);
  });

  it.each([
    ["A", 75],
    ["B", 50],
  ] as const)("tier %s starts at %d", (tier, threshold) => {
    expect(DEFAULT_RULES.tiers[tier]).toBe(threshold);
  });

  it("key client: annual revenue >= 100,000 and 3 years or more; concentration alert above 30%", () => {
    expect(DEFAULT_RULES.keyClient).toEqual({ minAnnualRevenue: 100_000, minRelationshipYears: 3, concentrationAlertShare: 0.3, maxPerRep: 15 });
  });

  it.each([
    ["A", 14],
    ["B", 30],
    ["C", 90],
  ] as const)("cadence for tier %s is %d days", (tier, days) => {
    expect(DEFAULT_RULES.cadence.byTier[tier]).toBe(days);
  });

  it.each([
    ["overdueDays", 3],
    ["silenceCadenceMultiple", 2],
    ["negativeLookbackDays", 30],
    ["satisfactionBelow", 90],
    ["keyClientMeetingFromQuarterMonth", 2],
  ] as const)("risk rule %s defaults to %d", (rule, value) => {
    expect(DEFAULT_RULES.risk[rule]).toBe(value);
  });

  it("sends alerts to no channel unless one is set", () => expect(DEFAULT_RULES.alerts.channel).toBeNull());

  it("nudges on weekday mornings", () => {
    expect(DEFAULT_RULES.schedules.businessDays).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(DEFAULT_RULES.schedules.nudgeTime).toMatch(/^0\d:\d\d$/);
  });

  it("has the four relationship types", () => {
    expect([...RELATIONSHIP_TYPES].sort()).toEqual(["partnership-trust", "problem-solving-service", "strategic-cooperative", "transactional-standard"]);
  });

  it("is what an empty rules file parses to", () => {
    expect(rulesSchema.parse({})).toEqual(DEFAULT_RULES);
    expect(rulesSchema.parse(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
  });
});

describe("the README's rules block", () => {
  it("is exactly the bundled defaults", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = /The bundled defaults:\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    expect(rulesSchema.parse(parseYaml(block!))).toEqual(DEFAULT_RULES);
  });
});
