/**
 * The `nudges` job: one DM per rep on their local business days with their overdue and due-today follow-ups, in
 * the rep's language (their stored Slack locale), written to the outbox under (rep, local date) so a rep gets at
 * most one nudge a day however often this runs.
 */
import { addDays } from "../domain/cadence.ts";
import { localeOf } from "../domain/locale.ts";
import type { Rules } from "../domain/rules.ts";
import { nudgeDayFor } from "../domain/schedule.ts";
import type { Logger } from "../logger.ts";
import type { FollowUpService } from "../services/follow-ups.ts";
import { messagesFor } from "../slack/i18n/index.ts";
import { buildNudge } from "../slack/views/nudge.ts";
import { dateToDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";
import { deliverIfAble, type Delivery, type DeliveryResult } from "./delivery.ts";

export interface NudgeStats {
  reps: number;
  queued: number;
  notDue: number;
  paused: number;
  sent: number;
  failed: number;
}

export interface NudgeDeps {
  store: Store;
  followUps: Pick<FollowUpService, "dueLists">;
  rules: Rules;
  /** Without one (a queue-only run) the DMs stay queued for the next run that can post. */
  delivery: Pick<Delivery, "deliverDue"> | null;
  logger: Logger;
}

export async function runNudges(deps: NudgeDeps, workspaceId: string, at: Date, byHand: boolean): Promise<NudgeStats & { delivery: DeliveryResult | null }> {
  const { store, followUps, rules, delivery } = deps;
  const stats: NudgeStats = { reps: 0, queued: 0, notDue: 0, paused: 0, sent: 0, failed: 0 };
  // Zones run up to 14 hours ahead of UTC: include what falls due tomorrow in UTC, then decide per rep.
  const owners = await store.followUps.ownersWithDue(workspaceId, dateToDb(addDays(at.toISOString().slice(0, 10), 1)));
  const profiles = new Map((await store.users.nudgeProfiles(workspaceId, owners)).map((p) => [p.slackId, p]));
  // Each rep's local day decides their list; reps share a few days at most, and each day's lists are one query.
  const repsByDay = new Map<string, string[]>();
  for (const owner of owners) {
    stats.reps += 1;
    const profile = profiles.get(owner);
    if (profile && !profile.active) continue;
    const day = nudgeDayFor(at, profile?.timezone ?? "UTC", rules.schedules, byHand);
    if (!day) {
      stats.notDue += 1;
      continue;
    }
    if (profile?.nudgesPausedUntil && dateToDb(day) < profile.nudgesPausedUntil) {
      stats.paused += 1;
      continue;
    }
    const reps = repsByDay.get(day);
    if (reps) reps.push(owner);
    else repsByDay.set(day, [owner]);
  }
  for (const [day, reps] of repsByDay) {
    for (const [owner, list] of await followUps.dueLists(workspaceId, reps, day, 0)) {
      if (list.items.length === 0) continue;
      const locale = localeOf(profiles.get(owner)?.locale);
      const { created } = await store.outbox.enqueue(workspaceId, { kind: "nudge", recipient: owner, period: day, payload: buildNudge(messagesFor(locale), list) });
      if (created) stats.queued += 1;
    }
  }
  return { ...stats, ...(await deliverIfAble(delivery, workspaceId)) };
}
