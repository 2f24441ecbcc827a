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
  };
}
export type WorkspaceRepository = ReturnType<typeof workspaceRepository>;
