/** A user's timezone and language, read from Slack once a day and kept in the store. */
import { localeOf, type Locale } from "../domain/locale.ts";
import { todayInZone } from "../domain/when.ts";
import type { Store } from "../store/index.ts";
import type { Clock, RequestContext } from "./context.ts";

export interface SlackProfile {
  timezone: string | null;
  locale: string | null;
}

/** Port to Slack's users.info; the Slack layer supplies it so this service stays free of Slack imports. */
export type FetchSlackProfile = (workspaceId: string, userId: string) => Promise<SlackProfile | null>;

/** How the reader sees dates and text: their IANA timezone and the bot's language for them. */
export interface ReaderProfile {
  timezone: string;
  locale: Locale;
}

/** A reader as of now: their profile and their calendar day (YYYY-MM-DD). */
export interface Reader extends ReaderProfile {
  today: string;
}

const PROFILE_TTL_MS = 24 * 3600 * 1000;

export const readerProfileOf = (profile: SlackProfile | null | undefined): ReaderProfile => ({
  timezone: profile?.timezone ?? "UTC",
  locale: localeOf(profile?.locale),
});

export function profileService(deps: { store: Store; clock: Clock; fetchProfile: FetchSlackProfile }) {
  const { store, clock, fetchProfile } = deps;

  /** From the store while it is less than a day old, else from Slack (then stored); Slack down: the last known. */
  async function profile(ctx: RequestContext): Promise<ReaderProfile> {
    const cached = await store.users.find(ctx.workspaceId, ctx.userId);
    const fresh = cached?.profileSyncedAt && clock.now().getTime() - cached.profileSyncedAt.getTime() < PROFILE_TTL_MS;
    if (cached && fresh) return readerProfileOf(cached);
    const profile = await fetchProfile(ctx.workspaceId, ctx.userId).catch(() => null);
    if (!profile) return readerProfileOf(cached); // Slack unreachable: the last known profile beats none.
    await store.workspaces.ensure(ctx.workspaceId);
    await store.users.saveProfile(ctx.workspaceId, ctx.userId, profile, clock.now());
    return readerProfileOf(profile);
  }

  async function timezone(ctx: RequestContext): Promise<string> {
    return (await profile(ctx)).timezone;
  }

  return {
    timezone,

    /** Everything a reply needs to speak to this user: their language, timezone and calendar day. */
    async reader(ctx: RequestContext): Promise<Reader> {
      const found = await profile(ctx);
      return { ...found, today: todayInZone(clock.now(), found.timezone) };
    },

    async locale(ctx: RequestContext): Promise<Locale> {
      return (await profile(ctx)).locale;
    },

    /** The user's calendar day now (YYYY-MM-DD), in their Slack timezone. */
    async today(ctx: RequestContext): Promise<string> {
      return todayInZone(clock.now(), await timezone(ctx));
    },
  };
}
export type ProfileService = ReturnType<typeof profileService>;
