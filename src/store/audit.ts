import { inPages } from "./paging.ts";
import type { Db } from "./prisma.ts";

export interface AuditInput {
  actorSlackId: string;
  action: string;
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  createdAt: Date;
  actorSlackId: string;
  action: string;
  entity: string;
  entityId: string | null;
  details: string | null;
}

export function auditRepository(db: Db) {
  return {
    async record(workspaceId: string, entry: AuditInput): Promise<void> {
      await db.auditEntry.create({
        data: {
          workspaceId,
          actorSlackId: entry.actorSlackId,
          action: entry.action,
          entity: entry.entity,
          entityId: entry.entityId ?? null,
          details: entry.details ? JSON.stringify(entry.details) : null,
        },
      });
    },

    /** The latest entries about one record, newest first. */
    forEntity(workspaceId: string, entity: string, entityId: string, take: number): Promise<AuditRow[]> {
      return db.auditEntry.findMany({
        where: { workspaceId, entity, entityId },
        select: { createdAt: true, actorSlackId: true, action: true, entity: true, entityId: true, details: true },
        orderBy: { createdAt: "desc" },
        take,
      });
    },

    async *iterate(workspaceId: string, pageSize = 1000): AsyncGenerator<AuditRow> {
      const rows = inPages(
        (after, take) =>
          db.auditEntry.findMany({
            where: { workspaceId, ...(after ? { id: { gt: after } } : {}) },
            select: { id: true, createdAt: true, actorSlackId: true, action: true, entity: true, entityId: true, details: true },
            orderBy: { id: "asc" },
            take,
          }),
        (row) => row.id,
        pageSize,
      );
      for await (const { id: _id, ...row } of rows) yield row;
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
