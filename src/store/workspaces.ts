import type { Db } from "./prisma.ts";

export function workspaceRepository(db: Db) {
  return {
    /** Every row hangs off a workspace; the first request from a team creates its row. */
    async ensure(teamId: string): Promise<void> {
      await db.workspace.upsert({ where: { id: teamId }, create: { id: teamId }, update: {} });
    },

    /** Team ids in the store, at most `take` of them (the CLI only needs to know whether there is exactly one). */
    async ids(take = 100): Promise<string[]> {
      const rows = await db.workspace.findMany({ select: { id: true }, orderBy: { id: "asc" }, take });
      return rows.map((r) => r.id);
    },

    /** Team ids of workspaces the app is installed in (not marked uninstalled), at most `take`: the jobs run for these. */
    async installedIds(take = 1000): Promise<string[]> {
      const rows = await db.workspace.findMany({ where: { uninstalledAt: null }, select: { id: true }, orderBy: { id: "asc" }, take });
      return rows.map((r) => r.id);
    },

    /** The bot's token works for this workspace again (single-workspace mode, at start): its jobs resume. */
    async markInstalled(teamId: string): Promise<void> {
      await db.workspace.upsert({ where: { id: teamId }, create: { id: teamId }, update: { uninstalledAt: null } });
    },

    async find(teamId: string): Promise<{ id: string; name: string | null; installerId: string | null; uninstalledAt: Date | null } | null> {
      return db.workspace.findUnique({ where: { id: teamId }, select: { id: true, name: true, installerId: true, uninstalledAt: true } });
    },

    /**
     * Deletes every row of a workspace, the workspace itself last, in one transaction; returns how many rows of
     * each kind went (all zero when the workspace is unknown).
     */
    async purge(teamId: string): Promise<PurgeCounts> {
      return db.$transaction(
        async (tx) => {
          const where = { workspaceId: teamId };
          // Children before parents, so each count is the rows of that kind (not hidden in a cascade).
          const counts: PurgeCounts = {
            outboundMessages: (await tx.outboundMessage.deleteMany({ where })).count,
            jobRuns: (await tx.jobRun.deleteMany({ where })).count,
            auditEntries: (await tx.auditEntry.deleteMany({ where })).count,
            riskFlags: (await tx.riskFlag.deleteMany({ where })).count,
            tierChanges: (await tx.tierChange.deleteMany({ where })).count,
            keyChanges: (await tx.keyChange.deleteMany({ where })).count,
            followUps: (await tx.followUp.deleteMany({ where })).count,
            interactionContacts: (await tx.interactionContact.deleteMany({ where })).count,
            contacts: (await tx.contact.deleteMany({ where })).count,
            clientEvents: (await tx.clientEvent.deleteMany({ where })).count,
            dealStageChanges: (await tx.dealStageChange.deleteMany({ where })).count,
            deals: (await tx.deal.deleteMany({ where })).count,
            interactions: (await tx.interaction.deleteMany({ where })).count,
            clients: (await tx.client.deleteMany({ where })).count,
            users: (await tx.user.deleteMany({ where })).count,
            installations: (await tx.installation.deleteMany({ where })).count,
            processedRequests: (await tx.processedRequest.deleteMany({ where })).count,
            workspaces: (await tx.workspace.deleteMany({ where: { id: teamId } })).count,
          };
          return counts;
        },
        { maxWait: 10_000, timeout: 600_000 },
      );
    },
  };
}

export interface PurgeCounts {
  outboundMessages: number;
  jobRuns: number;
  auditEntries: number;
  riskFlags: number;
  tierChanges: number;
  keyChanges: number;
  followUps: number;
  interactionContacts: number;
  contacts: number;
  clientEvents: number;
  dealStageChanges: number;
  deals: number;
  interactions: number;
  clients: number;
  users: number;
  installations: number;
  processedRequests: number;
  workspaces: number;
}
export type WorkspaceRepository = ReturnType<typeof workspaceRepository>;
