import type { Db } from "./prisma.ts";

export interface FollowUpRow {
  dueOn: Date;
  basis: string;
  snoozeReason: string | null;
}

export function followUpRepository(db: Db) {
  return {
    forClient(workspaceId: string, clientId: string): Promise<FollowUpRow | null> {
      return db.followUp.findFirst({ where: { workspaceId, clientId }, select: { dueOn: true, basis: true, snoozeReason: true } });
    },
  };
}
export type FollowUpRepository = ReturnType<typeof followUpRepository>;
