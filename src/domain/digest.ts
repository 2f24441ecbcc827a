/**
 * The weekly digest's rules: when a manager's digest is due, which ISO week it is for, what "coverage" means and
 * how a rep's touches by tier compare with the tiers' share of value. Pure: instants, zones and counts are inputs.
 */
import dayjs from "dayjs";
import isoWeek from "dayjs/plugin/isoWeek.js";
import utc from "dayjs/plugin/utc.js";
import { addDays, daysBetween } from "./cadence.ts";
import { WEEKDAY_NAMES, type Rules, type Tier } from "./rules.ts";
import { localTimeOf, weekdayOf } from "./schedule.ts";
import { todayInZone } from "./when.ts";

dayjs.extend(utc);
dayjs.extend(isoWeek);

/** The ISO 8601 week of a calendar day, e.g. 2026-11-23 → "2026-W48" (the digest's period). */
export function isoWeekOf(day: string): string {
  const d = dayjs.utc(day);
  return `${d.isoWeekYear()}-W${String(d.isoWeek()).padStart(2, "0")}`;
}

export interface DigestDay {
  /** The reader's local day the digest is sent on. */
  today: string;
  /** Its ISO week: one digest per manager and week. */
  week: string;
  /** The seven days the digest looks back on: [from, today). */
  from: string;
  /**
   * Set on a scheduled run after the digest day (the bot was down then): the week before, whose digest the reader
   * must have had for this one to be caught up, so that a first start mid-week waits for the next digest day.
   */
  lateAfterWeek?: string;
}

/**
 * The digest due now for a reader in `timeZone`, if any: from the rules' digest day and time to the end of that
 * local ISO week (a digest missed while the bot was down goes out at the next check, still once a week: see
 * `lateAfterWeek`), or, run by hand, for the local week of `at` on any day.
 */
export function digestDayFor(at: Date, timeZone: string, schedules: Rules["schedules"], byHand: boolean): DigestDay | null {
  const today = todayInZone(at, timeZone);
  const day: DigestDay = { today, week: isoWeekOf(today), from: addDays(today, -7) };
  if (byHand) return day;
  const daysAfterDigestDay = WEEKDAY_NAMES.indexOf(weekdayOf(today)) - WEEKDAY_NAMES.indexOf(schedules.digestDay);
  if (daysAfterDigestDay < 0 || (daysAfterDigestDay === 0 && localTimeOf(at, timeZone) < schedules.digestTime)) return null;
  return daysAfterDigestDay === 0 ? day : { ...day, lateAfterWeek: isoWeekOf(addDays(today, -7)) };
}

/** A key client is covered when its last touch is no older than its cadence. */
export function isCovered(lastTouchOn: string | null, cadenceDays: number, today: string): boolean {
  return lastTouchOn !== null && daysBetween(lastTouchOn, today) <= cadenceDays;
}

export type TierCounts = Record<Tier, number>;

/** Whole-percent shares of a total, by tier (all zero when the total is zero). */
export function tierShares(counts: TierCounts): TierCounts {
  const total = counts.A + counts.B + counts.C;
  if (total === 0) return { A: 0, B: 0, C: 0 };
  return { A: Math.round((counts.A / total) * 100), B: Math.round((counts.B / total) * 100), C: Math.round((counts.C / total) * 100) };
}

/** One rep's week of touches, by the tier of the client touched, and how many of those were on prospects. */
export interface RepEffort {
  repSlackId: string;
  touches: TierCounts;
  meetings: TierCounts;
  /** Touches on clients in the lifecycle stage `prospect` (of any tier). */
  prospectTouches: number;
}

/** The clients a rep owns (active ones): annual revenue by tier, and how many are prospects and how many are not. */
export interface RepPortfolio {
  revenue: TierCounts;
  prospects: number;
  existing: number;
}

export type EffortMismatch =
  | { kind: "tier"; repSlackId: string; tier: Tier; touchPercent: number; valuePercent: number; touches: number; tierTouches: number; tierMeetings: number; gap: number }
  | { kind: "noProspects"; repSlackId: string; touches: number; prospects: number }
  | { kind: "onlyProspects"; repSlackId: string; touches: number; existing: number };

/**
 * The effort-against-value rule, kept simple so that a manager can check it by hand. A rep is looked at only with
 * at least `minTouches` touches in the week (fewer say little about where their time goes).
 * - **Tier**: a tier's share of the rep's touches exceeds that tier's share of the annual revenue of the rep's own
 *   portfolio (the active clients they own, not the team's) by at least `minGapPoints` percentage points. Only the
 *   rep's largest such gap is named. A rep whose portfolio has no revenue recorded has no value to compare with.
 * - **Prospects**, for a rep with no tier mismatch: no touch on a prospect while they own at least one prospect
 *   ("noProspects"), or every touch on prospects while they own existing (non-prospect) clients, none of whom got
 *   a touch from them that week ("onlyProspects").
 * One line per rep, at most `maxReps`: tier mismatches first, largest gap first; then prospect call-outs, most
 * touches first (ties by rep id, so the digest reads the same each run).
 */
export const EFFORT_RULE = { minTouches: 5, minGapPoints: 30, maxReps: 5 } as const;

export function effortMismatches(
  efforts: readonly RepEffort[],
  portfolios: ReadonlyMap<string, RepPortfolio>,
  rule: { minTouches: number; minGapPoints: number; maxReps: number } = EFFORT_RULE,
): EffortMismatch[] {
  const tierLines: Extract<EffortMismatch, { kind: "tier" }>[] = [];
  const prospectLines: Exclude<EffortMismatch, { kind: "tier" }>[] = [];
  for (const effort of efforts) {
    const touches = effort.touches.A + effort.touches.B + effort.touches.C;
    const portfolio = portfolios.get(effort.repSlackId);
    if (touches < rule.minTouches || !portfolio) continue;
    const value = portfolio.revenue.A + portfolio.revenue.B + portfolio.revenue.C;
    let worst: Extract<EffortMismatch, { kind: "tier" }> | null = null;
    if (value > 0) {
      for (const tier of ["A", "B", "C"] as const) {
        const touchShare = (effort.touches[tier] / touches) * 100;
        const valueShare = (portfolio.revenue[tier] / value) * 100;
        const gap = touchShare - valueShare;
        if (gap >= rule.minGapPoints && (!worst || gap > worst.gap)) {
          worst = {
            kind: "tier",
            repSlackId: effort.repSlackId,
            tier,
            touchPercent: Math.round(touchShare),
            valuePercent: Math.round(valueShare),
            touches,
            tierTouches: effort.touches[tier],
            tierMeetings: effort.meetings[tier],
            gap,
          };
        }
      }
    }
    if (worst) tierLines.push(worst);
    else if (effort.prospectTouches === 0 && portfolio.prospects > 0) prospectLines.push({ kind: "noProspects", repSlackId: effort.repSlackId, touches, prospects: portfolio.prospects });
    else if (effort.prospectTouches === touches && portfolio.existing > 0) prospectLines.push({ kind: "onlyProspects", repSlackId: effort.repSlackId, touches, existing: portfolio.existing });
  }
  const byRep = (a: { repSlackId: string }, b: { repSlackId: string }) => (a.repSlackId < b.repSlackId ? -1 : a.repSlackId > b.repSlackId ? 1 : 0);
  tierLines.sort((a, b) => b.gap - a.gap || byRep(a, b));
  prospectLines.sort((a, b) => b.touches - a.touches || byRep(a, b));
  return [...tierLines, ...prospectLines].slice(0, Math.max(0, rule.maxReps));
}

/**
 * The reps who carry more key clients than `maxPerRep` (rules.keyClient.maxPerRep), most first (ties by rep id):
 * past it, a rep cannot give each the care key clients need, so the digest asks for higher thresholds or acceptance.
 */
export function overKeyLimit(counts: readonly { ownerSlackId: string; count: number }[], maxPerRep: number): { ownerSlackId: string; count: number }[] {
  return counts
    .filter((c) => c.count > maxPerRep)
    .sort((a, b) => b.count - a.count || (a.ownerSlackId < b.ownerSlackId ? -1 : a.ownerSlackId > b.ownerSlackId ? 1 : 0));
}
