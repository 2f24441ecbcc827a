/** A user's timezone and locale, read from Slack once a day and kept in the store. */
import { todayInZone } from "../domain/when.ts";
import type { Store } from "../store/index.ts";
import type { Clock, RequestContext } from "./context.ts";

export interface SlackProfile {
  timezone: string | null;
  locale: string | null;
}

/** Port to Slack's users.info; the Slack layer supplies it so this service stays free of Slack imports. */
export type FetchSlackProfile = (workspaceId: string, userId: string) => Promise<SlackProfile | null>;

const PROFILE_TTL_MS = 24 * 3600 * 1000;

export function profileService(deps: { store: Store; clock: Clock; fetchProfile: FetchSlackProfile }) {
  const { store, clock, fetchProfile } = deps;

  async function timezone(ctx: RequestContext): Promise<string> {
    const cached = await store.users.find(ctx.workspaceId, ctx.userId);
    const fresh = cached?.profileSyncedAt && clock.now().getTime() - cached.profileSyncedAt.getTime() < PROFILE_TTL_MS;
    if (cached && fresh) return cached.timezone ?? "UTC";
    const profile = await fetchProfile(ctx.workspaceId, ctx.userId).catch(() => null);
    if (!profile) return cached?.timezone ?? "UTC"; // Slack unreachable: the last known zone beats none.
    await store.workspaces.ensure(ctx.workspaceId);
    await store.users.saveProfile(ctx.workspaceId, ctx.userId, profile, clock.now());
    return profile.timezone ?? "UTC";
  }

  return {
    timezone,

    /** The user's calendar day now (YYYY-MM-DD), in their Slack timezone. */
    async today(ctx: RequestContext): Promise<string> {
      return todayInZone(clock.now(), await timezone(ctx));
    },
  };
}
export type ProfileService = ReturnType<typeof profileService>;
