import type { Db } from "./prisma.ts";
import { isUniqueViolation } from "./errors.ts";

export interface JobRunRow {
  id: string;
  job: string;
  firingKey: string;
  status: string;
  stats: string | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export function jobRunRepository(db: Db) {
  return {
    /**
     * Claims one firing of a job for a workspace by inserting its row: the unique key lets exactly one replica
     * win, and a firing that already ran is never run again.
     */
    async claim(workspaceId: string, job: string, firingKey: string): Promise<string | null> {
      try {
        const row = await db.jobRun.create({ data: { workspaceId, job, firingKey }, select: { id: true } });
        return row.id;
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    async finish(id: string, stats: Record<string, number | string>, at: Date): Promise<void> {
      await db.jobRun.update({ where: { id }, data: { status: "done", stats: JSON.stringify(stats), finishedAt: at } });
    },

    async fail(id: string, error: string, at: Date): Promise<void> {
      await db.jobRun.update({ where: { id }, data: { status: "failed", error: error.slice(0, 2000), finishedAt: at } });
    },

    /** Forgets a run that was interrupted, so that its firing can be claimed (and run) again. */
    async release(id: string): Promise<void> {
      await db.jobRun.deleteMany({ where: { id } });
    },

    recent(workspaceId: string, take: number): Promise<JobRunRow[]> {
      return db.jobRun.findMany({
        where: { workspaceId },
        select: { id: true, job: true, firingKey: true, status: true, stats: true, error: true, startedAt: true, finishedAt: true },
        orderBy: { startedAt: "desc" },
        take,
      });
    },
  };
}
export type JobRunRepository = ReturnType<typeof jobRunRepository>;
