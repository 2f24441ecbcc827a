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

export function userRepository(db: Db) {
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
    list(workspaceId: string): Promise<UserRow[]> {
      return db.user.findMany({ where: { workspaceId }, select: userSelect, orderBy: { slackId: "asc" } });
    },
  };
}
export type UserRepository = ReturnType<typeof userRepository>;
