/** Business days and local times for scheduled posts. Pure: the instant and the zone are inputs. */
import type { Rules } from "./rules.ts";
import { todayInZone } from "./when.ts";

type Schedules = Rules["schedules"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export function weekdayOf(date: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** A working day by the rules file: one of its business days and not one of its holidays. */
export function isBusinessDay(date: string, schedules: Schedules): boolean {
  return schedules.businessDays.includes(weekdayOf(date)) && !schedules.holidays.includes(date);
}

/** The wall-clock time (HH:MM, 24 h) at an instant in a zone; an unknown zone reads as UTC. */
export function localTimeOf(at: Date, timeZone: string): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  try {
    return format(timeZone);
  } catch {
    return format("UTC");
  }
}

/**
 * The local day a person's morning nudge is for, if one is due now: a business day in their zone and, for a
 * scheduled run, at or after the rules' nudge time (a run by hand ignores the hour).
 */
export function nudgeDayFor(at: Date, timeZone: string, schedules: Schedules, byHand: boolean): string | null {
  const day = todayInZone(at, timeZone);
  if (!isBusinessDay(day, schedules)) return null;
  if (!byHand && localTimeOf(at, timeZone) < schedules.nudgeTime) return null;
  return day;
}
