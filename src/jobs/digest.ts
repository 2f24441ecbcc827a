/**
 * The `digest` job: one DM per manager (and admin) per local ISO week, at the rules' digest day and time in their
 * zone, written to the outbox under (recipient, week) so a re-run or a second replica never sends it twice.
 */
import { digestDayFor } from "../domain/digest.ts";
import { localeOf } from "../domain/locale.ts";
import type { Rules } from "../domain/rules.ts";
import type { DigestService } from "../services/digest.ts";
import { messagesFor } from "../slack/i18n/index.ts";
import { buildDigest } from "../slack/views/digest.ts";
import type { Store } from "../store/index.ts";
import { deliverIfAble, type Delivery, type DeliveryResult } from "./delivery.ts";

export interface DigestStats {
  recipients: number;
  queued: number;
  notDue: number;
  alreadySent: number;
  sent: number;
  failed: number;
}

export interface DigestDeps {
  store: Store;
  digests: Pick<DigestService, "build">;
  rules: Rules;
  adminUserIds: readonly string[];
  /** Without one (a queue-only run) the DMs stay queued for the next run that can post. */
  delivery: Pick<Delivery, "deliverDue"> | null;
}

export const DIGEST_KIND = "digest";

export async function runDigest(deps: DigestDeps, workspaceId: string, at: Date, byHand: boolean): Promise<DigestStats & { delivery: DeliveryResult | null }> {
  const { store, digests, rules, adminUserIds, delivery } = deps;
  const stats: DigestStats = { recipients: 0, queued: 0, notDue: 0, alreadySent: 0, sent: 0, failed: 0 };
  const people = await store.users.digestRecipients(workspaceId);
  const known = new Set(people.map((p) => p.slackId));
  // Admins from ADMIN_USER_IDS may never have used the bot: their zone and language are unknown until they do
  // (UTC and English until then).
  const recipients = [
    ...people,
    ...adminUserIds.filter((id) => !known.has(id)).map((slackId) => ({ slackId, role: "admin", timezone: null, locale: null, active: true, hasReports: false })),
  ];
  for (const person of recipients) {
    if (!person.active) continue;
    stats.recipients += 1;
    const day = digestDayFor(at, person.timezone ?? "UTC", rules.schedules, byHand);
    if (!day) {
      stats.notDue += 1;
      continue;
    }
    if (await store.outbox.exists(workspaceId, DIGEST_KIND, person.slackId, day.week)) {
      stats.alreadySent += 1;
      continue;
    }
    // After the digest day, only a reader who had last week's digest gets this one late (the bot was down on the day).
    if (day.lateAfterWeek && !(await store.outbox.exists(workspaceId, DIGEST_KIND, person.slackId, day.lateAfterWeek))) {
      stats.notDue += 1;
      continue;
    }
    const isAdmin = person.role === "admin" || adminUserIds.includes(person.slackId);
    const isManager = person.role === "manager" || person.hasReports;
    // A manager's digest covers their team and their own clients; an admin who manages no one sees the workspace.
    const members = isManager ? [person.slackId, ...(await store.users.reportsOf(workspaceId, person.slackId))] : null;
    const digest = await digests.build(workspaceId, { recipient: person.slackId, members, isAdmin }, day, at);
    const { created } = await store.outbox.enqueue(workspaceId, { kind: DIGEST_KIND, recipient: person.slackId, period: day.week, payload: buildDigest(messagesFor(localeOf(person.locale)), digest) });
    if (created) stats.queued += 1;
    else stats.alreadySent += 1;
  }
  return { ...stats, ...(await deliverIfAble(delivery, workspaceId)) };
}
