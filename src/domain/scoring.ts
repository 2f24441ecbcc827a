/** The 0-100 client score, dimension by dimension, and the tier it earns. Pure: rules and clock are inputs. */
import type { LifecycleStage, RiskLevel, Rules, Tier } from "./rules.ts";
import { LIFECYCLE_STAGES, RISK_LEVELS, TIERS } from "./rules.ts";

export interface ScoringInput {
  annualRevenue: number | null;
  relationshipSince: Date | null;
  lifecycleStage: string | null;
  riskLevel: string | null;
  satisfaction: number | null;
  industry: string | null;
  region: string | null;
}

export type Dimension = "contribution" | "relationship" | "lifecycle" | "risk" | "satisfaction" | "strategicFit";

export interface DimensionScore {
  dimension: Dimension;
  points: number;
  max: number;
}

export interface ScoreResult {
  score: number;
  breakdown: DimensionScore[];
}

function pointsFor(value: number, thresholds: readonly { min: number; points: number }[]): number {
  // Highest threshold the value reaches; lower bounds are inclusive.
  let best = 0;
  for (const t of thresholds) if (value >= t.min && t.points > best) best = t.points;
  return best;
}

const maxOf = (values: readonly number[]) => values.reduce((m, v) => Math.max(m, v), 0);

/** The same instant `years` calendar years later (UTC); 29 February falls on 28 February in common years. */
function addUtcYears(date: Date, years: number): number {
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth();
  const monthEnd = new Date(0);
  monthEnd.setUTCFullYear(year, month + 1, 0); // day 0 of the next month: the month's last day
  const lastDay = monthEnd.getUTCDate();
  const shifted = new Date(date.getTime());
  shifted.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return shifted.getTime();
}

/**
 * Years between `since` and `now` in calendar years: whole anniversaries passed, plus the fraction of the
 * current year. A relationship started on 2016-06-15 is exactly 10 years old on 2026-06-15, so the lower
 * bounds of the thresholds (inclusive) apply on the anniversary itself, leap days or not.
 */
export function relationshipYears(since: Date | null, now: Date): number {
  if (!since || !(now.getTime() > since.getTime())) return 0;
  let whole = now.getUTCFullYear() - since.getUTCFullYear();
  if (addUtcYears(since, whole) > now.getTime()) whole -= 1;
  const from = addUtcYears(since, whole);
  const fraction = (now.getTime() - from) / (addUtcYears(since, whole + 1) - from);
  return Math.max(0, whole + (Number.isFinite(fraction) ? fraction : 0));
}

const isLifecycle = (s: string | null): s is LifecycleStage => s !== null && (LIFECYCLE_STAGES as readonly string[]).includes(s);
const isRiskLevel = (s: string | null): s is RiskLevel => s !== null && (RISK_LEVELS as readonly string[]).includes(s);
const lower = (s: string | null) => (s ?? "").trim().toLowerCase();

export function scoreClient(input: ScoringInput, rules: Rules, now: Date): ScoreResult {
  const s = rules.scoring;
  const satisfactionMax = 100 / s.satisfaction.divisor;
  const fit = s.strategicFit;
  const onPriorityList =
    fit.industries.some((i) => lower(i) === lower(input.industry)) || fit.regions.some((r) => lower(r) === lower(input.region));
  const breakdown: DimensionScore[] = [
    {
      dimension: "contribution",
      points: pointsFor(input.annualRevenue ?? 0, s.contribution.thresholds),
      max: maxOf(s.contribution.thresholds.map((t) => t.points)),
    },
    {
      dimension: "relationship",
      points: pointsFor(relationshipYears(input.relationshipSince, now), s.relationshipYears.thresholds),
      max: maxOf(s.relationshipYears.thresholds.map((t) => t.points)),
    },
    {
      dimension: "lifecycle",
      points: isLifecycle(input.lifecycleStage) ? s.lifecycle[input.lifecycleStage] : 0,
      max: maxOf(Object.values(s.lifecycle)),
    },
    {
      dimension: "risk",
      points: isRiskLevel(input.riskLevel) ? s.riskLevel[input.riskLevel] : 0,
      max: maxOf(Object.values(s.riskLevel)),
    },
    {
      dimension: "satisfaction",
      points:
        input.satisfaction === null
          ? s.satisfaction.missingPoints
          : Math.round((Math.min(100, Math.max(0, input.satisfaction)) / s.satisfaction.divisor) * 10) / 10,
      max: Math.round(satisfactionMax * 10) / 10,
    },
    { dimension: "strategicFit", points: onPriorityList ? fit.points : 0, max: fit.points },
  ];
  const total = breakdown.reduce((sum, d) => sum + d.points, 0);
  return { score: Math.max(0, Math.min(100, Math.round(total))), breakdown };
}

export function tierForScore(score: number, rules: Rules): Tier {
  if (score >= rules.tiers.A) return "A";
  if (score >= rules.tiers.B) return "B";
  return "C";
}

/** Whether a client is a key client, and the two thresholds behind it: what a key event's reason is made of. */
export interface KeyStatus {
  key: boolean;
  annualRevenue: number;
  minAnnualRevenue: number;
  /** Whole years of relationship. */
  relationshipYears: number;
  minRelationshipYears: number;
}

export function keyStatusOf(input: Pick<ScoringInput, "annualRevenue" | "relationshipSince">, rules: Rules, now: Date): KeyStatus {
  return {
    key: isKeyClient(input, rules, now),
    annualRevenue: input.annualRevenue ?? 0,
    minAnnualRevenue: rules.keyClient.minAnnualRevenue,
    relationshipYears: Math.floor(relationshipYears(input.relationshipSince, now)),
    minRelationshipYears: rules.keyClient.minRelationshipYears,
  };
}

/** A stored key status (KeyChange.details), or null when it is not readable. */
export function keyStatusFromJson(json: string): KeyStatus | null {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const numbers = ["annualRevenue", "minAnnualRevenue", "relationshipYears", "minRelationshipYears"] as const;
    if (typeof v.key !== "boolean" || !numbers.every((k) => typeof v[k] === "number" && Number.isFinite(v[k]))) return null;
    return { key: v.key, annualRevenue: v.annualRevenue as number, minAnnualRevenue: v.minAnnualRevenue as number, relationshipYears: v.relationshipYears as number, minRelationshipYears: v.minRelationshipYears as number };
  } catch {
    return null;
  }
}

export function isKeyClient(input: Pick<ScoringInput, "annualRevenue" | "relationshipSince">, rules: Rules, now: Date): boolean {
  return (
    (input.annualRevenue ?? 0) >= rules.keyClient.minAnnualRevenue &&
    relationshipYears(input.relationshipSince, now) >= rules.keyClient.minRelationshipYears
  );
}

/** The key-client rule as a query filter: revenue at or above, relationship begun on or before (as of `now`). */
export function keyClientFilter(rules: Rules, now: Date): { minAnnualRevenue: number; sinceOnOrBefore: Date } {
  const since = new Date(now.getTime());
  since.setUTCFullYear(since.getUTCFullYear() - rules.keyClient.minRelationshipYears);
  return { minAnnualRevenue: rules.keyClient.minAnnualRevenue, sinceOnOrBefore: since };
}

/** The stored score and tier of a client: a manual override wins over the score's tier. */
export function scoreAndTier(input: ScoringInput & { tierOverride: string | null }, rules: Rules, now: Date): { score: number; tier: Tier } {
  const { score } = scoreClient(input, rules, now);
  const override = (TIERS as readonly string[]).includes(input.tierOverride ?? "") ? (input.tierOverride as Tier) : null;
  return { score, tier: override ?? tierForScore(score, rules) };
}
