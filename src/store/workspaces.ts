import type { Db } from "./prisma.ts";

export function workspaceRepository(db: Db) {
  return {
    /** Every row hangs off a workspace; the first request from a team creates its row. */
    async ensure(teamId: string): Promise<void> {
      await db.workspace.upsert({ where: { id: teamId }, create: { id: teamId }, update: {} });
    },
  };
}
export type WorkspaceRepository = ReturnType<typeof workspaceRepository>;
