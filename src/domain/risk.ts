/**
 * Risk rules: each looks at a client snapshot on a given day and says whether it fires and why, in words a
 * manager can act on ("no touch for 96 days, cadence 30"). Pure: the snapshot and the day are inputs.
 */
import { cadenceDaysFor, daysBetween } from "./cadence.ts";
import type { Rules, Tier } from "./rules.ts";
import { isKeyClient } from "./scoring.ts";
import { plural } from "./text.ts";
import { todayInZone } from "./when.ts";

export const RISK_RULES = ["overdue", "silence", "negative", "satisfaction", "key-meeting", "lifecycle", "concentration"] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export interface RiskSnapshot {
  /** The calendar day the evaluation is for (YYYY-MM-DD). */
  today: string;
  /** The day the client was added: silence counts from here when no touch was ever logged. */
  createdOn: string;
  lastTouchOn: string | null;
  followUpDueOn: string | null;
  cadenceDays: number;
  /** The latest meeting or visit (a face-to-face touch). */
  lastMeetingOn: string | null;
  /** The latest negative touch, if any. */
  lastNegative: { on: string; type: string } | null;
  satisfaction: number | null;
  lifecycleStage: string | null;
  keyClient: boolean;
  /** This client's share (0-1) of the workspace's total annual revenue; null when there is no revenue. */
  revenueShare: number | null;
}

export interface RiskFlag {
  rule: RiskRule;
  reason: string;
}

/** Interaction types that count as meeting the client (the key-client rule's quarterly meeting). */
export const FACE_TO_FACE_TYPES = ["meeting", "visit"] as const;

/** What the store knows about a client that the risk rules look at. */
export interface RiskInputs {
  createdAt: Date;
  lastTouchAt: Date | null;
  annualRevenue: number | null;
  relationshipSince: Date | null;
  relationshipType: string | null;
  lifecycleStage: string | null;
  satisfaction: number | null;
  cadenceDays: number | null;
  /** The effective tier (an override wins). */
  tier: Tier;
  followUpDueOn: string | null;
  lastMeetingAt: Date | null;
  lastNegative: { at: Date; type: string } | null;
}

/**
 * The snapshot the rules read, as of `today`. Touch times are instants; the rules count calendar days, taken in
 * UTC, so that the card, the job and every replica agree on what is at risk.
 */
export function riskSnapshotOf(input: RiskInputs, revenueTotal: number, today: string, rules: Rules, now: Date): RiskSnapshot {
  const day = (at: Date | null) => (at ? todayInZone(at, "UTC") : null);
  return {
    today,
    createdOn: day(input.createdAt) ?? today,
    lastTouchOn: day(input.lastTouchAt),
    followUpDueOn: input.followUpDueOn,
    cadenceDays: cadenceDaysFor(input, rules),
    lastMeetingOn: day(input.lastMeetingAt),
    lastNegative: input.lastNegative ? { on: day(input.lastNegative.at)!, type: input.lastNegative.type } : null,
    satisfaction: input.satisfaction,
    lifecycleStage: input.lifecycleStage,
    keyClient: isKeyClient(input, rules, now),
    revenueShare: input.annualRevenue && revenueTotal > 0 ? input.annualRevenue / revenueTotal : null,
  };
}

/**
 * What changed between the risk states a client is recorded in and the rules that fire now: states entered (to
 * alert) and states left (to note). A state that goes on keeps its first reason: no alert while it lasts.
 */
export function riskChanges<Open extends { rule: string }>(open: readonly Open[], firing: readonly RiskFlag[]): { entered: RiskFlag[]; left: Open[] } {
  const firingRules = new Set<string>(firing.map((f) => f.rule));
  const openRules = new Set(open.map((o) => o.rule));
  return { entered: firing.filter((f) => !openRules.has(f.rule)), left: open.filter((o) => !firingRules.has(o.rule)) };
}


/** The first day of the calendar quarter holding `day`, and which month of the quarter `day` is in (1-3). */
export function quarterOf(day: string): { start: string; monthOfQuarter: number; label: string } {
  const [year, month] = day.split("-").map(Number) as [number, number];
  const quarter = Math.floor((month - 1) / 3);
  const startMonth = quarter * 3 + 1;
  return { start: `${year}-${String(startMonth).padStart(2, "0")}-01`, monthOfQuarter: month - startMonth + 1, label: `Q${quarter + 1} ${year}` };
}

type RuleCheck = (s: RiskSnapshot, rules: Rules) => string | null;

const CHECKS: Record<RiskRule, RuleCheck> = {
  overdue: (s, rules) => {
    if (!s.followUpDueOn) return null;
    const late = daysBetween(s.followUpDueOn, s.today);
    return late > rules.risk.overdueDays ? `follow-up overdue by ${plural(late, "day")} (due ${s.followUpDueOn})` : null;
  },
  silence: (s, rules) => {
    const since = s.lastTouchOn ?? s.createdOn;
    const quiet = daysBetween(since, s.today);
    const limit = s.cadenceDays * rules.risk.silenceCadenceMultiple;
    if (quiet <= limit) return null;
    return s.lastTouchOn ? `no touch for ${quiet} days, cadence ${s.cadenceDays}` : `no touch logged in ${quiet} days since added, cadence ${s.cadenceDays}`;
  },
  negative: (s, rules) => {
    if (!s.lastNegative) return null;
    const ago = daysBetween(s.lastNegative.on, s.today);
    return ago >= 0 && ago <= rules.risk.negativeLookbackDays ? `negative ${s.lastNegative.type} on ${s.lastNegative.on}` : null;
  },
  satisfaction: (s, rules) =>
    s.satisfaction !== null && s.satisfaction < rules.risk.satisfactionBelow ? `satisfaction ${s.satisfaction}, below ${rules.risk.satisfactionBelow}` : null,
  "key-meeting": (s, rules) => {
    if (!s.keyClient) return null;
    const q = quarterOf(s.today);
    if (q.monthOfQuarter < rules.risk.keyClientMeetingFromQuarterMonth) return null;
    if (s.lastMeetingOn && s.lastMeetingOn >= q.start) return null;
    return `key client with no meeting in ${q.label}${s.lastMeetingOn ? ` (last ${s.lastMeetingOn})` : ""}`;
  },
  lifecycle: (s) => (s.lifecycleStage === "at-risk" ? "lifecycle stage is at-risk" : null),
  concentration: (s, rules) => {
    const limit = rules.keyClient.concentrationAlertShare;
    if (s.revenueShare === null || s.revenueShare <= limit) return null;
    return `${Math.round(s.revenueShare * 100)}% of the workspace's revenue, above ${Math.round(limit * 100)}%`;
  },
};

/** Every rule that fires for the snapshot, in a stable order. */
export function evaluateRisks(snapshot: RiskSnapshot, rules: Rules): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const rule of RISK_RULES) {
    const reason = CHECKS[rule](snapshot, rules);
    if (reason) flags.push({ rule, reason });
  }
  return flags;
}
