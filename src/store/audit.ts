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

    async *iterate(workspaceId: string, pageSize = 1000): AsyncGenerator<AuditRow> {
      let cursor: string | undefined;
      for (;;) {
        const page = await db.auditEntry.findMany({
          where: { workspaceId },
          select: { id: true, createdAt: true, actorSlackId: true, action: true, entity: true, entityId: true, details: true },
          orderBy: { id: "asc" },
          take: pageSize,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        for (const { id: _id, ...row } of page) yield row;
        if (page.length < pageSize) return;
        cursor = page[page.length - 1]!.id;
      }
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
