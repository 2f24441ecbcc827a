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
/**
 * How long a replica reuses a profile it has read without reading the store again. Nearly every request needs one,
 * a store read costs more than the rest of a `/tier` card, and a Slack timezone or language rarely changes.
 */
const MEMO_MS = 5 * 60 * 1000;
/** Readers remembered at most; past that, the one remembered longest ago is forgotten first. */
const MEMO_SIZE = 5_000;
/**
 * How long a request waits for Slack's users.info before it answers with the profile it has (or UTC and English):
 * a reply must be acknowledged within 3 seconds, and the answer is stored whenever it comes.
 */
const FETCH_WAIT_MS = 1200;

/** Resolves to undefined after `ms`, so a slow call loses a race without being cancelled. */
const after = (ms: number) =>
  new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });

export const readerProfileOf = (profile: SlackProfile | null | undefined): ReaderProfile => ({
  timezone: profile?.timezone ?? "UTC",
  locale: localeOf(profile?.locale),
});

/** What the profile service needs of the store. */
export interface ProfileStore {
  users: Pick<Store["users"], "find" | "saveProfile">;
  workspaces: Pick<Store["workspaces"], "ensure">;
}

export function profileService(deps: { store: ProfileStore; clock: Clock; fetchProfile: FetchSlackProfile }) {
  const { store, clock, fetchProfile } = deps;

  /** Asks Slack and stores the answer; null when Slack cannot say. */
  async function refresh(ctx: RequestContext): Promise<SlackProfile | null> {
    const profile = await fetchProfile(ctx.workspaceId, ctx.userId).catch(() => null);
    if (!profile) return null;
    await store.workspaces.ensure(ctx.workspaceId);
    await store.users.saveProfile(ctx.workspaceId, ctx.userId, profile, clock.now());
    return profile;
  }

  const memo = new Map<string, { profile: ReaderProfile; until: number }>();
  function remember(key: string, profile: ReaderProfile): ReaderProfile {
    memo.delete(key);
    memo.set(key, { profile, until: clock.now().getTime() + MEMO_MS });
    if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
    return profile;
  }

  /**
   * Remembered for a few minutes, else from the store while it is less than a day old, else from Slack (then
   * stored); Slack down or slow: the last known, not remembered, so that the next request asks again.
   */
  async function read(ctx: RequestContext): Promise<ReaderProfile> {
    const key = `${ctx.workspaceId}:${ctx.userId}`;
    const remembered = memo.get(key);
    if (remembered && remembered.until > clock.now().getTime()) return remembered.profile;
    const cached = await store.users.find(ctx.workspaceId, ctx.userId);
    const fresh = cached?.profileSyncedAt && clock.now().getTime() - cached.profileSyncedAt.getTime() < PROFILE_TTL_MS;
    if (cached && fresh) return remember(key, readerProfileOf(cached));
    const refreshing = refresh(ctx).catch(() => null);
    const profile = await Promise.race([refreshing, after(FETCH_WAIT_MS)]);
    if (profile) return remember(key, readerProfileOf(profile));
    return readerProfileOf(cached); // The last known profile beats none.
  }

  // One read per request: the listener and the services it calls share the request's context object.
  const perRequest = new WeakMap<RequestContext, Promise<ReaderProfile>>();
  function profile(ctx: RequestContext): Promise<ReaderProfile> {
    let found = perRequest.get(ctx);
    if (!found) perRequest.set(ctx, (found = read(ctx)));
    return found;
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
