import { insertRows, newId, type Provider } from "./bulk.ts";
import { inChunks, inPages } from "./paging.ts";
import type { Db } from "./prisma.ts";

export interface UserRow {
  slackId: string;
  role: string;
  managerSlackId: string | null;
  timezone: string | null;
  locale: string | null;
  active: boolean;
  profileSyncedAt: Date | null;
}

const userSelect = { slackId: true, role: true, managerSlackId: true, timezone: true, locale: true, active: true, profileSyncedAt: true } as const;

export function userRepository(db: Db, provider: Provider) {
  return {
    find(workspaceId: string, slackId: string): Promise<UserRow | null> {
      return db.user.findUnique({ where: { workspaceId_slackId: { workspaceId, slackId } }, select: userSelect });
    },
    async saveProfile(workspaceId: string, slackId: string, profile: { timezone: string | null; locale: string | null }, at: Date) {
      await db.user.upsert({
        where: { workspaceId_slackId: { workspaceId, slackId } },
        create: { workspaceId, slackId, ...profile, profileSyncedAt: at },
        update: { ...profile, profileSyncedAt: at },
      });
    },
    async saveRole(workspaceId: string, slackId: string, role: string, managerSlackId: string | null) {
      await db.user.upsert({
        where: { workspaceId_slackId: { workspaceId, slackId } },
        create: { workspaceId, slackId, role, managerSlackId },
        update: { role, managerSlackId },
      });
    },
    /** What a nudge needs to know of each person: zone, language, whether they are still here, whether nudges are paused. */
    nudgeProfiles(
      workspaceId: string,
      slackIds: readonly string[],
    ): Promise<{ slackId: string; timezone: string | null; locale: string | null; active: boolean; nudgesPausedUntil: Date | null }[]> {
      return inChunks([...new Set(slackIds)], (chunk) =>
        db.user.findMany({ where: { workspaceId, slackId: { in: chunk } }, select: { slackId: true, timezone: true, locale: true, active: true, nudgesPausedUntil: true } }),
      );
    },

    /** Who gets a weekly digest (managers by role, or because someone reports to them, and admins by role), with their zone and language. */
    async digestRecipients(
      workspaceId: string,
    ): Promise<{ slackId: string; role: string | null; timezone: string | null; locale: string | null; active: boolean; hasReports: boolean }[]> {
      const [byRole, managers] = await Promise.all([
        db.user.findMany({ where: { workspaceId, role: { in: ["manager", "admin"] } }, select: { slackId: true, role: true, timezone: true, locale: true, active: true } }),
        db.user.findMany({ where: { workspaceId, managerSlackId: { not: null } }, select: { managerSlackId: true }, distinct: ["managerSlackId"] }),
      ]);
      const managerIds = new Set(managers.flatMap((m) => (m.managerSlackId ? [m.managerSlackId] : [])));
      const known = new Set(byRole.map((u) => u.slackId));
      const unlisted = [...managerIds].filter((id) => !known.has(id));
      // A manager named only as someone's manager may have a row of their own (as a rep) or none yet.
      const profiles = await inChunks(unlisted, (chunk) =>
        db.user.findMany({ where: { workspaceId, slackId: { in: chunk } }, select: { slackId: true, timezone: true, locale: true, active: true } }),
      );
      const profileOf = new Map(profiles.map((p) => [p.slackId, p]));
      return [
        ...byRole.map((u) => ({ ...u, hasReports: managerIds.has(u.slackId) })),
        ...unlisted.map((slackId) => {
          const profile = profileOf.get(slackId);
          return { slackId, role: null, timezone: profile?.timezone ?? null, locale: profile?.locale ?? null, active: profile?.active ?? true, hasReports: true };
        }),
      ];
    },

    /** The people whose manager is `managerSlackId`. */
    async reportsOf(workspaceId: string, managerSlackId: string): Promise<string[]> {
      const rows = await db.user.findMany({ where: { workspaceId, managerSlackId }, select: { slackId: true }, orderBy: { slackId: "asc" } });
      return rows.map((r) => r.slackId);
    },

    list(workspaceId: string): Promise<UserRow[]> {
      return db.user.findMany({ where: { workspaceId }, select: userSelect, orderBy: { slackId: "asc" } });
    },

    /**
     * Upserts imported people in one transaction, in order (a later row for the same person wins). A field left
     * undefined keeps its stored value; a new person without a role is a rep (the column's default). Set-based: the
     * rows are merged per person first, then written with one upsert statement per chunk of people who set the
     * same fields (insertRows), not one statement per row, which held SQLite's write lock for seconds at 5,000 people.
     */
    async importMany(workspaceId: string, rows: readonly UserImportRow[]): Promise<void> {
      const merged = new Map<string, UserImportRow>();
      for (const row of rows) {
        const changes = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as UserImportRow;
        merged.set(row.slackId, { ...merged.get(row.slackId), ...changes });
      }
      // One statement updates the same columns for every row, so people are grouped by the fields they set.
      const byFields = new Map<string, UserImportRow[]>();
      for (const person of merged.values()) {
        const fields = (["role", "managerSlackId"] as const).filter((field) => person[field] !== undefined).join(",");
        const group = byFields.get(fields);
        if (group) group.push(person);
        else byFields.set(fields, [person]);
      }
      if (byFields.size === 0) return;
      const now = new Date();
      await db.$transaction(async (tx) => {
        for (const [fields, people] of byFields) {
          const columns = fields === "" ? [] : (fields.split(",") as ("role" | "managerSlackId")[]);
          const written = people.map((person) => ({
            id: newId(),
            workspaceId,
            slackId: person.slackId,
            createdAt: now,
            updatedAt: now,
            ...Object.fromEntries(columns.map((column) => [column, person[column] ?? null])),
          }));
          await insertRows(tx, provider, "User", written, { onConflict: ["workspaceId", "slackId"], update: [...columns, "updatedAt"] });
        }
      }, { maxWait: 10_000, timeout: 120_000 });
    },

    /** Pages through a workspace's people in Slack id order, for exports. */
    iterate(workspaceId: string, pageSize = 1000): AsyncGenerator<UserRow> {
      return inPages(
        (after, take) =>
          db.user.findMany({ where: { workspaceId, ...(after ? { slackId: { gt: after } } : {}) }, select: userSelect, orderBy: { slackId: "asc" }, take }),
        (row) => row.slackId,
        pageSize,
      );
    },

    /** Pauses a person's nudges until `resumeOn` (the first day they come again), or resumes them (null). */
    async pauseNudges(workspaceId: string, slackId: string, resumeOn: Date | null): Promise<void> {
      await db.user.upsert({
        where: { workspaceId_slackId: { workspaceId, slackId } },
        create: { workspaceId, slackId, nudgesPausedUntil: resumeOn },
        update: { nudgesPausedUntil: resumeOn },
      });
    },

    /** Marks a person inactive (they left: Slack answered account_inactive or user_not_found). True when this call changed them; false when unknown or already inactive. */
    async markInactive(workspaceId: string, slackId: string): Promise<boolean> {
      const { count } = await db.user.updateMany({ where: { workspaceId, slackId, active: true }, data: { active: false } });
      return count > 0;
    },
  };
}
export type UserRepository = ReturnType<typeof userRepository>;

/** A person as a CSV import row states them; undefined means "keep what is stored". */
export interface UserImportRow {
  slackId: string;
  role?: string;
  managerSlackId?: string;
}
