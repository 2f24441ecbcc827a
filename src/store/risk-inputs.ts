/**
 * The risk job's read model: a page of clients with everything the risk rules look at, in three set-based queries
 * per page (the clients with their follow-up, the latest meeting per client, recent negative touches), so that a
 * run over 100k clients costs a few hundred queries and holds one page in memory.
 */
import { FACE_TO_FACE_TYPES } from "../domain/risk.ts";
import { clientSelect, type ClientRow } from "./clients.ts";
import { dateFromDb } from "./dates.ts";
import type { Db } from "./prisma.ts";

export interface ClientRiskRow {
  client: ClientRow;
  followUpDueOn: string | null;
  lastMeetingAt: Date | null;
  lastNegative: { at: Date; type: string } | null;
}

export function riskInputRepository(db: Db) {
  return {
    /** Clients after `afterNameKey` by name key, archived ones included (their states are closed quietly). */
    async page(workspaceId: string, afterNameKey: string | undefined, take: number, negativeSince: Date): Promise<ClientRiskRow[]> {
      const clients = await db.client.findMany({
        where: { workspaceId, ...(afterNameKey !== undefined ? { nameKey: { gt: afterNameKey } } : {}) },
        select: { ...clientSelect, followUp: { select: { dueOn: true } } },
        orderBy: { nameKey: "asc" },
        take,
      });
      if (clients.length === 0) return [];
      const ids = clients.map((c) => c.id);
      const [meetings, negatives] = await Promise.all([
        db.interaction.groupBy({
          by: ["clientId"],
          where: { workspaceId, clientId: { in: ids }, deletedAt: null, type: { in: [...FACE_TO_FACE_TYPES] } },
          _max: { occurredAt: true },
        }),
        db.interaction.findMany({
          where: { workspaceId, clientId: { in: ids }, deletedAt: null, sentiment: "negative", occurredAt: { gte: negativeSince } },
          select: { clientId: true, occurredAt: true, type: true },
          orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        }),
      ]);
      const lastMeeting = new Map(meetings.map((m) => [m.clientId, m._max.occurredAt]));
      const lastNegative = new Map<string, { at: Date; type: string }>();
      for (const n of negatives) if (!lastNegative.has(n.clientId)) lastNegative.set(n.clientId, { at: n.occurredAt, type: n.type });
      return clients.map(({ followUp, ...client }) => ({
        client,
        followUpDueOn: followUp ? dateFromDb(followUp.dueOn) : null,
        lastMeetingAt: lastMeeting.get(client.id) ?? null,
        lastNegative: lastNegative.get(client.id) ?? null,
      }));
    },
  };
}
export type RiskInputRepository = ReturnType<typeof riskInputRepository>;
