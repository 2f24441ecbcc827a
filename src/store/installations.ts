/**
 * OAuth installations (multi-workspace mode): one per workspace, holding the bot token its requests and jobs use.
 * Installing also records who installed the app and makes them an admin of that workspace, in one transaction.
 */
import type { Db } from "./prisma.ts";

export interface InstallationRow {
  workspaceId: string;
  enterpriseId: string | null;
  appId: string | null;
  botToken: string;
  botId: string | null;
  botUserId: string;
  botScopes: string[];
  installerId: string;
  installedAt: Date;
}

export type InstallationInput = Omit<InstallationRow, "installedAt"> & { workspaceName: string | null };

const select = {
  workspaceId: true,
  enterpriseId: true,
  appId: true,
  botToken: true,
  botId: true,
  botUserId: true,
  botScopes: true,
  installerId: true,
  installedAt: true,
} as const;

export function installationRepository(db: Db) {
  return {
    /**
     * Stores (or replaces, on a reinstall) a workspace's installation; the workspace is marked installed again and
     * its installer becomes an admin there, with an audit entry.
     */
    async save(input: InstallationInput, at: Date): Promise<void> {
      const { workspaceName, botScopes, ...fields } = input;
      const data = { ...fields, botScopes: botScopes.join(",") };
      await db.$transaction(async (tx) => {
        await tx.workspace.upsert({
          where: { id: input.workspaceId },
          create: { id: input.workspaceId, name: workspaceName, installerId: input.installerId },
          update: { ...(workspaceName ? { name: workspaceName } : {}), installerId: input.installerId, uninstalledAt: null },
        });
        await tx.installation.upsert({ where: { workspaceId: input.workspaceId }, create: data, update: { ...data, installedAt: at } });
        const before = await tx.user.findUnique({ where: { workspaceId_slackId: { workspaceId: input.workspaceId, slackId: input.installerId } }, select: { role: true } });
        await tx.user.upsert({
          where: { workspaceId_slackId: { workspaceId: input.workspaceId, slackId: input.installerId } },
          create: { workspaceId: input.workspaceId, slackId: input.installerId, role: "admin" },
          update: { role: "admin" },
        });
        await tx.auditEntry.create({
          data: {
            workspaceId: input.workspaceId,
            actorSlackId: input.installerId,
            action: "app.install",
            entity: "workspace",
            entityId: input.workspaceId,
            details: JSON.stringify({ scopes: botScopes, installerRole: { from: before?.role ?? "rep", to: "admin" } }),
          },
        });
      });
    },

    async find(workspaceId: string): Promise<InstallationRow | null> {
      const row = await db.installation.findUnique({ where: { workspaceId }, select });
      return row ? { ...row, botScopes: row.botScopes.split(",").filter(Boolean) } : null;
    },

    async botToken(workspaceId: string): Promise<string | undefined> {
      const row = await db.installation.findUnique({ where: { workspaceId }, select: { botToken: true } });
      return row?.botToken;
    },

    /** Team ids with an installation, at most `take` of them, in id order. */
    async workspaceIds(take = 1000): Promise<string[]> {
      const rows = await db.installation.findMany({ select: { workspaceId: true }, orderBy: { workspaceId: "asc" }, take });
      return rows.map((r) => r.workspaceId);
    },

    /**
     * The app was uninstalled or its bot token revoked: the token is deleted, the workspace marked uninstalled (its
     * jobs stop) and its pending posts given up; its data stays until purged. True when this call changed anything (a retried event does not).
     */
    async remove(workspaceId: string, reason: "app_uninstalled" | "tokens_revoked", at: Date): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const { count: deleted } = await tx.installation.deleteMany({ where: { workspaceId } });
        const { count: marked } = await tx.workspace.updateMany({ where: { id: workspaceId, uninstalledAt: null }, data: { uninstalledAt: at } });
        if (deleted + marked === 0) return false;
        // Posts waiting to go out would be stale by the time the app is back: they are given up, with the reason.
        await tx.outboundMessage.updateMany({ where: { workspaceId, status: "pending" }, data: { status: "failed", lastError: reason, nextAttemptAt: null } });
        await tx.auditEntry.create({
          data: { workspaceId, actorSlackId: "slack", action: "app.uninstall", entity: "workspace", entityId: workspaceId, details: JSON.stringify({ reason }) },
        });
        return true;
      });
    },
  };
}
export type InstallationRepository = ReturnType<typeof installationRepository>;
