/** What is due: a person's overdue and coming follow-ups, and the Done and Snooze actions on them. */
import { addDays, daysBetween } from "../domain/cadence.ts";
import { parseWhen, type WhenError } from "../domain/when.ts";

import { dateFromDb, dateToDb } from "../store/dates.ts";
import type { DueFollowUp } from "../store/follow-ups.ts";
import type { Store } from "../store/index.ts";
import type { ClientService } from "./clients.ts";
import type { Clock, RequestContext } from "./context.ts";
import type { InteractionService } from "./interactions.ts";
import type { ProfileService } from "./profiles.ts";
import type { RoleService } from "./roles.ts";

/** "Due this week": today and the six days after it. */
export const HORIZON_DAYS = 6;
/** A list shows this many; the rest are counted ("and N more"). */
export const LIST_LIMIT = 20;
export const DONE_SUMMARY = "Follow-up done";

export interface FollowUpItem {
  clientId: string;
  clientName: string;
  tier: string;
  dueOn: string;
  /** Positive when overdue, 0 when due today, negative when coming. */
  daysLate: number;
}

export type FollowUpList =
  | { kind: "list"; ownerId: string; isSelf: boolean; today: string; items: FollowUpItem[]; more: number }
  | { kind: "refused"; ownerId: string };

export type PauseResult = { kind: "paused"; resumeOn: string } | { kind: "resumed" } | { kind: "bad-date"; error: WhenError; text: string };

export type FollowUpActionResult =
  | { kind: "done"; clientName: string; nextDueOn: string }
  | { kind: "snoozed"; clientName: string; until: string; reason?: string }
  | { kind: "stale" }
  | { kind: "refused" }
  | { kind: "unknown-client" };

export function followUpService(deps: {
  store: Store;
  clock: Clock;
  clients: ClientService;
  interactions: InteractionService;
  profiles: ProfileService;
  roles: RoleService;
}) {
  const { store, clock, clients, interactions, profiles, roles } = deps;

  type DueList = Extract<FollowUpList, { kind: "list" }>;

  function listOf(ownerId: string, today: string, { items, total }: { items: DueFollowUp[]; total: number }): DueList {
    return {
      kind: "list",
      ownerId,
      isSelf: true,
      today,
      more: Math.max(0, total - items.length),
      items: items.map((f) => {
        const dueOn = dateFromDb(f.dueOn);
        return { clientId: f.client.id, clientName: f.client.name, tier: f.client.tierOverride ?? f.client.tier, dueOn, daysLate: daysBetween(dueOn, today) };
      }),
    };
  }

  /**
   * Several owners' follow-ups due up to `daysAhead` days after `today` (0: overdue and due today), most overdue
   * first, read together; an owner with nothing due has an empty list.
   */
  async function dueLists(workspaceId: string, ownerIds: readonly string[], today: string, daysAhead: number): Promise<Map<string, DueList>> {
    const found = await store.followUps.dueForOwners(workspaceId, ownerIds, dateToDb(addDays(today, daysAhead)), LIST_LIMIT);
    return new Map(ownerIds.map((owner) => [owner, listOf(owner, today, found.get(owner) ?? { items: [], total: 0 })]));
  }

  /** One owner's list (see dueLists). */
  async function dueList(workspaceId: string, ownerId: string, today: string, daysAhead: number): Promise<DueList> {
    return (await dueLists(workspaceId, [ownerId], today, daysAhead)).get(ownerId)!;
  }

  /**
   * Moves the follow-up the user saw (due `seenDueOn`) to `until`, with an optional reason kept on it: the owner,
   * their manager or an admin. A follow-up that moved since (a stale click) is left alone.
   */
  async function snoozeUntil(ctx: RequestContext, clientId: string, seenDueOn: string, until: string, reason: string | null): Promise<FollowUpActionResult> {
    const client = await clients.findById(ctx, clientId);
    if (!client) return { kind: "unknown-client" };
    if (client.ownerSlackId && !(await roles.canActFor(ctx, client.ownerSlackId))) return { kind: "refused" };
    const moved = await store.followUps.snooze(ctx.workspaceId, clientId, dateToDb(seenDueOn), dateToDb(until), reason, ctx.userId);
    return moved ? { kind: "snoozed", clientName: client.name, until, ...(reason ? { reason } : {}) } : { kind: "stale" };
  }

  return {
    /** The caller's list, or another person's for their manager or an admin. */
    async list(ctx: RequestContext, ownerId: string = ctx.userId): Promise<FollowUpList> {
      if (!(await roles.canActFor(ctx, ownerId))) return { kind: "refused", ownerId };
      const today = await profiles.today(ctx);
      return { ...(await dueList(ctx.workspaceId, ownerId, today, HORIZON_DAYS)), isSelf: ownerId === ctx.userId };
    },

    dueLists,

    /**
     * Pauses the caller's morning nudges until a day (`2w`, `fri`, `2026-12-01`…: the day they come again, read in
     * the caller's timezone), or resumes them with null.
     */
    async pauseNudges(ctx: RequestContext, until: string | null): Promise<PauseResult> {
      await store.workspaces.ensure(ctx.workspaceId);
      if (until === null) {
        await store.users.pauseNudges(ctx.workspaceId, ctx.userId, null);
        return { kind: "resumed" };
      }
      const parsed = parseWhen(until, clock.now(), await profiles.timezone(ctx));
      if (!parsed.ok) return { kind: "bad-date", error: parsed.error, text: until };
      if (parsed.date === (await profiles.today(ctx))) return { kind: "bad-date", error: "past", text: until };
      await store.users.pauseNudges(ctx.workspaceId, ctx.userId, dateToDb(parsed.date));
      return { kind: "paused", resumeOn: parsed.date };
    },

    /**
     * Records that the follow-up happened (a note touch), which resets the cadence. Keyed by the due date the
     * user saw, so a second click on the same message records nothing more.
     */
    async done(ctx: RequestContext, clientId: string, seenDueOn: string): Promise<FollowUpActionResult> {
      const client = await clients.findById(ctx, clientId);
      if (!client) return { kind: "unknown-client" };
      const current = await store.followUps.forClient(ctx.workspaceId, clientId);
      if (!current || dateFromDb(current.dueOn) !== seenDueOn) return { kind: "stale" };
      const result = await interactions.log(ctx, {
        client,
        type: "note",
        summary: DONE_SUMMARY,
        sentiment: "neutral",
        source: "button",
        requestKey: `done:${clientId}:${seenDueOn}`,
      });
      if (result.kind !== "logged") return { kind: "stale" };
      return { kind: "done", clientName: client.name, nextDueOn: result.followUp.dueOn };
    },

    /** Moves the due date by whole days from today; only the owner, their manager or an admin may. */
    /** Moves the follow-up `days` days after today (the Snooze 1 day / 1 week buttons). */
    async snooze(ctx: RequestContext, clientId: string, seenDueOn: string, days: number): Promise<FollowUpActionResult> {
      return snoozeUntil(ctx, clientId, seenDueOn, addDays(await profiles.today(ctx), days), null);
    },

    snoozeUntil,
  };
}
export type FollowUpService = ReturnType<typeof followUpService>;
