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

/** A logged `next` date wins; otherwise one cadence after the touch (both as calendar dates). */
export function nextFollowUpDate(touchDate: string, cadenceDays: number, loggedNext?: string | null): { dueOn: string; basis: "logged" | "cadence" } {
  if (loggedNext) return { dueOn: loggedNext, basis: "logged" };
  return { dueOn: addDays(touchDate, cadenceDays), basis: "cadence" };
}
