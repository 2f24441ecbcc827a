/**
 * The rules file: the sales team's policy (scoring points, tier thresholds, key-client rule, cadences, risk rules,
 * schedules, alerts). Every section is optional and falls back to the defaults below; unknown keys are refused.
 */
import cron from "node-cron";
import { z } from "zod";

const points = z.number().min(0).max(100);
const threshold = z.object({ min: z.number().min(0), points }).strict();
const nonEmptyThresholds = z.array(threshold).min(1);

export const LIFECYCLE_STAGES = ["prospect", "onboarding", "active", "mature", "at-risk", "dormant"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RELATIONSHIP_TYPES = [
  "strategic-cooperative",
  "transactional-standard",
  "partnership-trust",
  "problem-solving-service",
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];
export const TIERS = ["A", "B", "C"] as const;
export type Tier = (typeof TIERS)[number];

const scoringSchema = z
  .object({
    contribution: z
      .object({ thresholds: nonEmptyThresholds })
      .strict()
      .default({
        thresholds: [
          { min: 10_000_000, points: 40 },
          { min: 1_000_000, points: 30 },
          { min: 100_000, points: 20 },
          { min: 10_000, points: 10 },
        ],
      }),
    relationshipYears: z
      .object({ thresholds: nonEmptyThresholds })
      .strict()
      .default({
        thresholds: [
          { min: 10, points: 15 },
          { min: 5, points: 11 },
          { min: 3, points: 8 },
          { min: 1, points: 4 },
        ],
      }),
    lifecycle: z
      .object(Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, points])) as Record<LifecycleStage, typeof points>)
      .strict()
      .default({ mature: 15, active: 12, onboarding: 8, "at-risk": 4, prospect: 3, dormant: 0 }),
    riskLevel: z.object({ low: points, medium: points, high: points }).strict().default({ low: 15, medium: 8, high: 0 }),
    satisfaction: z
      .object({ divisor: z.number().positive(), missingPoints: points })
      .strict()
      .default({ divisor: 10, missingPoints: 5 }),
    strategicFit: z
      .object({
        points,
        industries: z.array(z.string().min(1)),
        regions: z.array(z.string().min(1)),
      })
      .strict()
      .default({ points: 5, industries: ["energy", "infrastructure", "water", "transport"], regions: [] }),
  })
  .strict();

const cadenceDays = z.number().int().min(1).max(3650);
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day such as 09:00");
const cronExpression = z.string().refine((expression) => cron.validate(expression), "a cron expression (UTC) such as \"0 * * * *\"");
export const WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export const rulesSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, "a three-letter ISO 4217 code such as CNY").default("CNY"),
    scoring: scoringSchema.default(() => scoringSchema.parse({})),
    tiers: z
      .object({ A: z.number().min(0).max(100), B: z.number().min(0).max(100) })
      .strict()
      .refine((t) => t.A > t.B, { message: "tier A's threshold must be above tier B's" })
      .default({ A: 75, B: 50 }),
    keyClient: z
      .object({
        minAnnualRevenue: z.number().min(0),
        minRelationshipYears: z.number().min(0),
        concentrationAlertShare: z.number().gt(0).max(1),
        // The most key clients one rep can give the care key clients need (a quarterly meeting, a short cadence):
        // past it, the digest and `/client list key` say so, so an admin raises the thresholds or accepts it.
        maxPerRep: z.number().int().min(1).default(15),
      })
      .strict()
      .default({ minAnnualRevenue: 100_000, minRelationshipYears: 3, concentrationAlertShare: 0.3, maxPerRep: 15 }),
    cadence: z
      .object({
        byTier: z.object({ A: cadenceDays, B: cadenceDays, C: cadenceDays }).strict(),
        byRelationshipType: z
          .object(
            Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, cadenceDays.optional()])) as Record<
              RelationshipType,
              z.ZodOptional<typeof cadenceDays>
            >,
          )
          .strict(),
      })
      .strict()
      .default({ byTier: { A: 14, B: 30, C: 90 }, byRelationshipType: {} }),
    risk: z
      .object({
        overdueDays: z.number().int().min(0),
        silenceCadenceMultiple: z.number().positive(),
        negativeLookbackDays: z.number().int().min(1),
        satisfactionBelow: z.number().min(0).max(100),
        keyClientMeetingFromQuarterMonth: z.number().int().min(1).max(3),
      })
      .strict()
      .default({
        overdueDays: 3,
        silenceCadenceMultiple: 2,
        negativeLookbackDays: 30,
        satisfactionBelow: 90,
        keyClientMeetingFromQuarterMonth: 2,
      }),
    // Nudges and digests go out at a local time in each reader's zone; risk and rescore run on UTC crons.
    schedules: z
      .object({
        nudgeTime: timeOfDay,
        digestDay: z.enum(WEEKDAY_NAMES).default("mon"),
        digestTime: timeOfDay,
        businessDays: z.array(z.enum(WEEKDAY_NAMES)).min(1),
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2026-12-25")),
        risk: cronExpression.default("30 * * * *"),
        rescore: cronExpression.default("0 1 * * *"),
      })
      .strict()
      .default({
        nudgeTime: "09:00",
        digestDay: "mon",
        digestTime: "09:00",
        businessDays: ["mon", "tue", "wed", "thu", "fri"],
        holidays: [],
        risk: "30 * * * *",
        rescore: "0 1 * * *",
      }),
    alerts: z
      .object({ channel: z.string().regex(/^[CG][A-Z0-9]+$/, "a Slack channel id such as C0123ABCD").nullable() })
      .strict()
      .default({ channel: null }),
  })
  .strict();

export type Rules = z.infer<typeof rulesSchema>;

export const DEFAULT_RULES: Rules = rulesSchema.parse({});

