/**
 * Risk rules: each looks at a client snapshot on a given day and says whether it fires and why, as the rule and the
 * numbers and dates behind it ({ rule: "silence", days: 96, cadenceDays: 30 }); the Slack layer words it in the
 * reader's language ("no touch for 96 days, cadence 30"). Pure: the snapshot and the day are inputs.
 */
import { addDays, cadenceDaysFor, daysBetween } from "./cadence.ts";
import type { Rules, Tier } from "./rules.ts";
import { isKeyClient } from "./scoring.ts";
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

/** A rule that fires, with why: the numbers and dates a manager can act on, in no language yet. */
export type RiskFlag =
  /** The follow-up due on `dueOn` is `days` days late. */
  | { rule: "overdue"; days: number; dueOn: string }
  /** No touch for `days` days (none ever, counting from the day the client was added, when `neverTouched`). */
  | { rule: "silence"; days: number; cadenceDays: number; neverTouched: boolean }
  /** A negative touch of type `touchType` (a stored interaction type) on `on`. */
  | { rule: "negative"; touchType: string; on: string }
  | { rule: "satisfaction"; satisfaction: number; below: number }
  /** A key client not met in quarter `quarter` (1-4) of `year`; its last meeting, if any. */
  | { rule: "key-meeting"; quarter: number; year: number; lastMeetingOn: string | null }
  | { rule: "lifecycle" }
  /** The client's share of the workspace's revenue and the limit, in whole percent. */
  | { rule: "concentration"; sharePercent: number; limitPercent: number };

/** What the store keeps of a risk state's reason: the English text (exports, audit) and the details, as JSON. */
export interface StoredRiskReason {
  rule: string;
  reason: string;
  /** {@link riskDetailsJson}; null for states recorded before the details were kept. */
  details: string | null;
}

type FieldKind = "number" | "string" | "boolean" | "string?";
const DETAIL_FIELDS: Record<RiskRule, Record<string, FieldKind>> = {
  overdue: { days: "number", dueOn: "string" },
  silence: { days: "number", cadenceDays: "number", neverTouched: "boolean" },
  negative: { touchType: "string", on: "string" },
  satisfaction: { satisfaction: "number", below: "number" },
  "key-meeting": { quarter: "number", year: "number", lastMeetingOn: "string?" },
  lifecycle: {},
  concentration: { sharePercent: "number", limitPercent: "number" },
};

const fieldOk = (value: unknown, kind: FieldKind) =>
  kind === "string?" ? value === null || typeof value === "string" : kind === "number" ? typeof value === "number" && Number.isFinite(value) : typeof value === kind;

/** A flag's details as the store keeps them. */
export const riskDetailsJson = (flag: RiskFlag): string => JSON.stringify(flag);

/** The flag a stored risk state was recorded with, or null when its details are missing or not readable. */
export function riskFlagOf(stored: Pick<StoredRiskReason, "rule" | "details">): RiskFlag | null {
  if (!stored.details) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored.details);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  const rule = record.rule;
  if (typeof rule !== "string" || rule !== stored.rule || !(RISK_RULES as readonly string[]).includes(rule)) return null;
  const fields = DETAIL_FIELDS[rule as RiskRule];
  const flag: Record<string, unknown> = { rule };
  for (const [name, kind] of Object.entries(fields)) {
    if (!fieldOk(record[name], kind)) return null;
    flag[name] = record[name];
  }
  return flag as RiskFlag;
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

/** The calendar day the risk rules count in, at `now`: UTC, so that every surface, the job and every replica agree. */
export const riskDayOf = (now: Date): string => todayInZone(now, "UTC");

/** The first day a negative touch still counts on at `now` (the store reads the latest negative touch since then). */
export const negativeLookbackFrom = (now: Date, rules: Rules): string => addDays(riskDayOf(now), -rules.risk.negativeLookbackDays);

/**
 * The risk states a client is in at `now`: the one evaluation that the card, App Home, `/client list`, the digest
 * and the risk job (which opens and closes the stored states from it) all show. An archived client is in none.
 * `revenueTotal` is the workspace's total annual revenue over active clients, or any lower bound of it that
 * {@link revenueTotalFor} accepts.
 */
export function currentRisks(input: RiskInputs & { archived: boolean }, revenueTotal: number, now: Date, rules: Rules): RiskFlag[] {
  if (input.archived) return [];
  return evaluateRisks(riskSnapshotOf(input, revenueTotal, riskDayOf(now), rules, now), rules);
}

/**
 * The revenue total the concentration rule can divide by for clients with these revenues, from a partial sum (the
 * workspace's largest active revenues, which the total is at least): when each client's share of the partial sum
 * is within the limit, its share of the whole is too, and the rule cannot fire either way. Null when a client may
 * really be over the limit and the whole total is needed; the partial sum itself when it is the whole (`complete`).
 */
export function revenueTotalFor(partial: { sum: number; complete: boolean }, revenues: readonly (number | null)[], rules: Rules): number | null {
  if (partial.complete) return partial.sum;
  const limit = rules.keyClient.concentrationAlertShare;
  return revenues.every((revenue) => !revenue || (partial.sum > 0 && revenue / partial.sum <= limit)) ? partial.sum : null;
}

/**
 * What changed between the risk states a client is recorded in and the rules that fire now: states entered (to
 * alert) and states left (to note). A state that goes on keeps its first reason: no alert while it lasts.
 */
export function riskChanges<Open extends { rule: string }, Firing extends { rule: string } = RiskFlag>(
  open: readonly Open[],
  firing: readonly Firing[],
): { entered: Firing[]; left: Open[] } {
  const firingRules = new Set<string>(firing.map((f) => f.rule));
  const openRules = new Set(open.map((o) => o.rule));
  return { entered: firing.filter((f) => !openRules.has(f.rule)), left: open.filter((o) => !firingRules.has(o.rule)) };
}

/** The first day of the calendar quarter holding `day`, and which month of the quarter `day` is in (1-3). */
export function quarterOf(day: string): { start: string; monthOfQuarter: number; quarter: number; year: number; label: string } {
  const [year, month] = day.split("-").map(Number) as [number, number];
  const quarter = Math.floor((month - 1) / 3);
  const startMonth = quarter * 3 + 1;
  return { start: `${year}-${String(startMonth).padStart(2, "0")}-01`, monthOfQuarter: month - startMonth + 1, quarter: quarter + 1, year, label: `Q${quarter + 1} ${year}` };
}

type RuleCheck = (s: RiskSnapshot, rules: Rules) => RiskFlag | null;

const CHECKS: { [R in RiskRule]: RuleCheck } = {
  overdue: (s, rules) => {
    if (!s.followUpDueOn) return null;
    const late = daysBetween(s.followUpDueOn, s.today);
    return late > rules.risk.overdueDays ? { rule: "overdue", days: late, dueOn: s.followUpDueOn } : null;
  },
  silence: (s, rules) => {
    const since = s.lastTouchOn ?? s.createdOn;
    const quiet = daysBetween(since, s.today);
    const limit = s.cadenceDays * rules.risk.silenceCadenceMultiple;
    if (quiet <= limit) return null;
    return { rule: "silence", days: quiet, cadenceDays: s.cadenceDays, neverTouched: s.lastTouchOn === null };
  },
  negative: (s, rules) => {
    if (!s.lastNegative) return null;
    const ago = daysBetween(s.lastNegative.on, s.today);
    return ago >= 0 && ago <= rules.risk.negativeLookbackDays ? { rule: "negative", touchType: s.lastNegative.type, on: s.lastNegative.on } : null;
  },
  satisfaction: (s, rules) =>
    s.satisfaction !== null && s.satisfaction < rules.risk.satisfactionBelow ? { rule: "satisfaction", satisfaction: s.satisfaction, below: rules.risk.satisfactionBelow } : null,
  "key-meeting": (s, rules) => {
    if (!s.keyClient) return null;
    const q = quarterOf(s.today);
    if (q.monthOfQuarter < rules.risk.keyClientMeetingFromQuarterMonth) return null;
    if (s.lastMeetingOn && s.lastMeetingOn >= q.start) return null;
    return { rule: "key-meeting", quarter: q.quarter, year: q.year, lastMeetingOn: s.lastMeetingOn };
  },
  lifecycle: (s) => (s.lifecycleStage === "at-risk" ? { rule: "lifecycle" } : null),
  concentration: (s, rules) => {
    const limit = rules.keyClient.concentrationAlertShare;
    if (s.revenueShare === null || s.revenueShare <= limit) return null;
    return { rule: "concentration", sharePercent: Math.round(s.revenueShare * 100), limitPercent: Math.round(limit * 100) };
  },
};

/** Every rule that fires for the snapshot, in a stable order. */
export function evaluateRisks(snapshot: RiskSnapshot, rules: Rules): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const rule of RISK_RULES) {
    const flag = CHECKS[rule](snapshot, rules);
    if (flag) flags.push(flag);
  }
  return flags;
}

/**
 * Why a risk state ended, in no language yet. `resolved` causes are the team's work or the client's own change
 * (a touch, a meeting, better satisfaction, a new lifecycle stage, a smaller share): the client is back to normal.
 * The others end the state without resolving what it was about (the rule no longer applies to the client, a
 * cadence or date moved, a touch aged out of the window), and are said as such, never as "back to normal".
 */
export type ClearCause =
  | { rule: "overdue"; cause: "touched"; on: string }
  | { rule: "overdue"; cause: "moved"; dueOn: string }
  | { rule: "overdue"; cause: "no-follow-up" }
  | { rule: "silence"; cause: "touched"; on: string }
  | { rule: "silence"; cause: "cadence"; cadenceDays: number; limitDays: number }
  | { rule: "negative"; cause: "aged"; lookbackDays: number }
  | { rule: "negative"; cause: "removed" }
  | { rule: "satisfaction"; cause: "improved"; satisfaction: number }
  | { rule: "satisfaction"; cause: "unknown" }
  | { rule: "key-meeting"; cause: "met"; on: string }
  | { rule: "key-meeting"; cause: "not-key" }
  | { rule: "key-meeting"; cause: "new-quarter"; quarter: number; year: number }
  | { rule: "lifecycle"; cause: "changed"; stage: string | null }
  | { rule: "concentration"; cause: "share"; sharePercent: number; limitPercent: number };

const RESOLVING = new Set(["touched", "met", "improved", "changed", "share"]);

/** Whether a state that ended this way was resolved (back to normal), rather than ended by the rule not applying. */
export const isResolved = (cleared: Pick<ClearCause, "cause">): boolean => RESOLVING.has(cleared.cause);

/**
 * Why the state of `rule`, opened on `openedOn`, no longer fires for the snapshot. Only for a rule that does not
 * fire now (see evaluateRisks); a rule this version does not know gives null.
 */
export function clearCauseOf(rule: string, s: RiskSnapshot, rules: Rules, openedOn: string): ClearCause | null {
  const touchedSince = s.lastTouchOn !== null && s.lastTouchOn >= openedOn;
  switch (rule) {
    case "overdue":
      if (touchedSince) return { rule, cause: "touched", on: s.lastTouchOn! };
      return s.followUpDueOn ? { rule, cause: "moved", dueOn: s.followUpDueOn } : { rule, cause: "no-follow-up" };
    case "silence":
      if (touchedSince) return { rule, cause: "touched", on: s.lastTouchOn! };
      return { rule, cause: "cadence", cadenceDays: s.cadenceDays, limitDays: s.cadenceDays * rules.risk.silenceCadenceMultiple };
    case "negative":
      // The touch was on or before the day the state opened: more than the window since then, it aged out; sooner,
      // it was changed or removed (the rules read only touches inside the window, so its date is not at hand).
      return daysBetween(openedOn, s.today) > rules.risk.negativeLookbackDays ? { rule, cause: "aged", lookbackDays: rules.risk.negativeLookbackDays } : { rule, cause: "removed" };
    case "satisfaction":
      return s.satisfaction === null ? { rule, cause: "unknown" } : { rule, cause: "improved", satisfaction: s.satisfaction };
    case "key-meeting": {
      if (s.lastMeetingOn && s.lastMeetingOn >= openedOn) return { rule, cause: "met", on: s.lastMeetingOn };
      if (!s.keyClient) return { rule, cause: "not-key" };
      const q = quarterOf(s.today);
      return { rule, cause: "new-quarter", quarter: q.quarter, year: q.year };
    }
    case "lifecycle":
      return { rule, cause: "changed", stage: s.lifecycleStage };
    case "concentration":
      return {
        rule,
        cause: "share",
        sharePercent: Math.round((s.revenueShare ?? 0) * 100),
        limitPercent: Math.round(rules.keyClient.concentrationAlertShare * 100),
      };
    default:
      return null;
  }
}

const CLEAR_FIELDS: Record<string, Record<string, FieldKind>> = {
  "overdue:touched": { on: "string" },
  "overdue:moved": { dueOn: "string" },
  "overdue:no-follow-up": {},
  "silence:touched": { on: "string" },
  "silence:cadence": { cadenceDays: "number", limitDays: "number" },
  "negative:aged": { lookbackDays: "number" },
  "negative:removed": {},
  "satisfaction:improved": { satisfaction: "number" },
  "satisfaction:unknown": {},
  "key-meeting:met": { on: "string" },
  "key-meeting:not-key": {},
  "key-meeting:new-quarter": { quarter: "number", year: "number" },
  "lifecycle:changed": { stage: "string?" },
  "concentration:share": { sharePercent: "number", limitPercent: "number" },
};

/** The cause a cleared state was stored with, or null when none was kept or it is not readable. */
export function clearCauseFromJson(json: string | null): ClearCause | null {
  if (!json) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  const fields = CLEAR_FIELDS[`${String(record.rule)}:${String(record.cause)}`];
  if (!fields) return null;
  const cause: Record<string, unknown> = { rule: record.rule, cause: record.cause };
  for (const [name, kind] of Object.entries(fields)) {
    if (!fieldOk(record[name], kind)) return null;
    cause[name] = record[name];
  }
  return cause as ClearCause;
}
