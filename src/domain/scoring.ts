/** The 0-100 client score, dimension by dimension, and the tier it earns. Pure: rules and clock are inputs. */
import type { LifecycleStage, RiskLevel, Rules, Tier } from "./rules.ts";
import { LIFECYCLE_STAGES, RISK_LEVELS } from "./rules.ts";

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

const MS_PER_YEAR = 365.2425 * 24 * 3600 * 1000;

function pointsFor(value: number, thresholds: readonly { min: number; points: number }[]): number {
  // Highest threshold the value reaches; lower bounds are inclusive.
  let best = 0;
  for (const t of thresholds) if (value >= t.min && t.points > best) best = t.points;
  return best;
}

const maxOf = (values: readonly number[]) => values.reduce((m, v) => Math.max(m, v), 0);

export function relationshipYears(since: Date | null, now: Date): number {
  if (!since) return 0;
  return Math.max(0, (now.getTime() - since.getTime()) / MS_PER_YEAR);
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

export function isKeyClient(input: Pick<ScoringInput, "annualRevenue" | "relationshipSince">, rules: Rules, now: Date): boolean {
  return (
    (input.annualRevenue ?? 0) >= rules.keyClient.minAnnualRevenue &&
    relationshipYears(input.relationshipSince, now) >= rules.keyClient.minRelationshipYears
  );
}
