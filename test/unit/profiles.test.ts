/**
 * The reader's profile: read once per request however many services ask, remembered for a few minutes, refreshed
 * from Slack when a day old, and never waiting on a slow Slack longer than a reply can afford.
 */
import { describe, expect, it, vi } from "vitest";
import { profileService, type ProfileStore, type SlackProfile } from "../../src/services/profiles.ts";
import type { UserRow } from "../../src/store/users.ts";

const NOW = new Date("2026-11-23T10:00:00Z");
const clock = { now: () => NOW };

function memoryStore(row: UserRow | null) {
  const saved: SlackProfile[] = [];
  const find = vi.fn(async () => row);
  const store: ProfileStore = {
    users: { find, saveProfile: async (_w, _u, profile) => void saved.push(profile) },
    workspaces: { ensure: async () => undefined },
  };
  return { store, find, saved };
}

const row = (overrides: Partial<UserRow> = {}): UserRow => ({
  slackId: "U1",
  role: "rep",
  managerSlackId: null,
  timezone: "Asia/Shanghai",
  locale: "zh-CN",
  active: true,
  profileSyncedAt: new Date("2026-11-23T09:00:00Z"),
  ...overrides,
});

describe("profileService", () => {
  it("reads the store once per request, however many times the request asks", async () => {
    const { store, find } = memoryStore(row());
    const profiles = profileService({ store, clock, fetchProfile: async () => null });
    const ctx = { workspaceId: "T1", userId: "U1" };
    expect(await profiles.reader(ctx)).toEqual({ timezone: "Asia/Shanghai", locale: "zh-CN", today: "2026-11-23" });
    expect(await profiles.timezone(ctx)).toBe("Asia/Shanghai");
    expect(await profiles.locale(ctx)).toBe("zh-CN");
    expect(find).toHaveBeenCalledTimes(1);
  });

  it("remembers a profile for five minutes across requests, then reads the store again", async () => {
    const { store, find } = memoryStore(row());
    let now = NOW;
    const profiles = profileService({ store, clock: { now: () => now }, fetchProfile: async () => null });
    await profiles.reader({ workspaceId: "T1", userId: "U1" });
    now = new Date(NOW.getTime() + 4 * 60_000);
    expect(await profiles.locale({ workspaceId: "T1", userId: "U1" })).toBe("zh-CN");
    expect(find).toHaveBeenCalledTimes(1);
    // Another user, or another workspace, is read for themselves.
    await profiles.today({ workspaceId: "T2", userId: "U1" });
    expect(find).toHaveBeenCalledTimes(2);
    now = new Date(NOW.getTime() + 6 * 60_000);
    await profiles.today({ workspaceId: "T1", userId: "U1" });
    expect(find).toHaveBeenCalledTimes(3);
  });

  it("does not remember a fallback: the next request asks again", async () => {
    const { store, find } = memoryStore(null);
    const fetchProfile = vi.fn(async () => null);
    const profiles = profileService({ store, clock, fetchProfile });
    await profiles.reader({ workspaceId: "T1", userId: "U9" });
    await profiles.reader({ workspaceId: "T1", userId: "U9" });
    expect(find).toHaveBeenCalledTimes(2);
    expect(fetchProfile).toHaveBeenCalledTimes(2);
  });

  it("asks Slack when the stored profile is a day old, and stores the answer", async () => {
    const { store, saved } = memoryStore(row({ profileSyncedAt: new Date("2026-11-22T09:00:00Z") }));
    const profiles = profileService({ store, clock, fetchProfile: async () => ({ timezone: "Europe/Paris", locale: "fr-FR" }) });
    expect(await profiles.reader({ workspaceId: "T1", userId: "U1" })).toMatchObject({ timezone: "Europe/Paris", locale: "en" });
    expect(saved).toEqual([{ timezone: "Europe/Paris", locale: "fr-FR" }]);
  });

  it("answers with the last known profile when Slack is slow, and stores Slack's answer when it comes", async () => {
    vi.useFakeTimers();
    try {
      const { store, saved } = memoryStore(row({ profileSyncedAt: null }));
      let answer: (profile: SlackProfile) => void = () => {};
      const slow = new Promise<SlackProfile>((resolve) => (answer = resolve));
      const profiles = profileService({ store, clock, fetchProfile: () => slow });
      const reading = profiles.reader({ workspaceId: "T1", userId: "U1" });
      await vi.advanceTimersByTimeAsync(1500);
      expect(await reading).toMatchObject({ timezone: "Asia/Shanghai", locale: "zh-CN" });
      answer({ timezone: "UTC", locale: "en-US" });
      await vi.advanceTimersByTimeAsync(0);
      expect(saved).toEqual([{ timezone: "UTC", locale: "en-US" }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("falls back to UTC and English for someone the store and Slack know nothing of", async () => {
    const { store } = memoryStore(null);
    const profiles = profileService({ store, clock, fetchProfile: async () => null });
    expect(await profiles.reader({ workspaceId: "T1", userId: "U9" })).toEqual({ timezone: "UTC", locale: "en", today: "2026-11-23" });
  });
});
