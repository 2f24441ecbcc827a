/** When a client's next follow-up falls due. Pure date arithmetic on calendar days (YYYY-MM-DD). */
import type { RelationshipType, Rules, Tier } from "./rules.ts";
import { RELATIONSHIP_TYPES } from "./rules.ts";

export interface CadenceInput {
  tier: Tier;
  relationshipType: string | null;
  cadenceDays: number | null;
}

const isRelationshipType = (s: string | null): s is RelationshipType =>
  s !== null && (RELATIONSHIP_TYPES as readonly string[]).includes(s);

/** Per-client override wins, then the relationship type's cadence, then the tier's. */
export function cadenceDaysFor(input: CadenceInput, rules: Rules): number {
  if (input.cadenceDays && input.cadenceDays > 0) return input.cadenceDays;
  if (isRelationshipType(input.relationshipType)) {
    const byType = rules.cadence.byRelationshipType[input.relationshipType];
    if (byType) return byType;
  }
  return rules.cadence.byTier[input.tier];
}

/** Adds whole days to a calendar date, with no timezone involved. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** When a follow-up falls due and why: set by someone (`logged`), or one cadence after the touch (`cadenceDays`). */
export type FollowUpDue = { dueOn: string; basis: "logged"; cadenceDays: null } | { dueOn: string; basis: "cadence"; cadenceDays: number };

/** A logged `next` date wins; otherwise one cadence after the touch (both as calendar dates). */
export function nextFollowUpDate(touchDate: string, cadenceDays: number, loggedNext?: string | null): FollowUpDue {
  if (loggedNext) return { dueOn: loggedNext, basis: "logged", cadenceDays: null };
  return { dueOn: addDays(touchDate, cadenceDays), basis: "cadence", cadenceDays };
}

/**
 * A follow-up that came from the cadence, once the client's effective cadence is `cadenceDays`: the same touch day
 * plus the new cadence; null when nothing changes. `setWith` is the cadence it was set with. A follow-up set before
 * that was kept (null) takes its touch day from `lastTouchOn`, the UTC day of the last touch, which can be a day off
 * the rep's own day: it moves only when its cadence is more than a day off, and keeps the new cadence from then on.
 */
export function redatedFollowUp(
  followUp: { dueOn: string; setWith: number | null },
  lastTouchOn: string | null,
  cadenceDays: number,
): { dueOn: string; cadenceDays: number } | null {
  const { dueOn, setWith } = followUp;
  if (setWith !== null) return setWith === cadenceDays ? null : { dueOn: addDays(dueOn, cadenceDays - setWith), cadenceDays };
  if (lastTouchOn === null) return null;
  const implied = daysBetween(lastTouchOn, dueOn);
  return { dueOn: Math.abs(implied - cadenceDays) <= 1 ? dueOn : addDays(lastTouchOn, cadenceDays), cadenceDays };
}
