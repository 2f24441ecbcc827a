import type { Db, Prisma } from "./prisma.ts";
import { isUniqueViolation } from "./errors.ts";

export const interactionSelect = {
  id: true,
  clientId: true,
  repSlackId: true,
  type: true,
  occurredAt: true,
  summary: true,
  sentiment: true,
  nextFollowUpOn: true,
  source: true,
} as const satisfies Prisma.InteractionSelect;

export type InteractionRow = Prisma.InteractionGetPayload<{ select: typeof interactionSelect }>;

export interface NewInteraction {
  clientId: string;
  repSlackId: string;
  type: string;
  occurredAt: Date;
  summary: string;
  sentiment: string;
  nextFollowUpOn: Date | null;
  source: string;
  requestKey?: string | null;
  permalink?: string | null;
}

export type RecordResult = { stored: true; interaction: InteractionRow } | { stored: false; reason: "duplicate" };

export function interactionRepository(db: Db) {
  return {
    /**
     * Stores a touch and, when it is the client's latest, moves the client's last touch and resets its follow-up,
     * all in one transaction. An identical touch (or a retried Slack payload) is reported as a duplicate.
     */
    async record(
      workspaceId: string,
      input: NewInteraction,
      followUpIfLatest: { dueOn: Date; basis: string } | null,
    ): Promise<RecordResult> {
      try {
        const interaction = await db.$transaction(async (tx) => {
          const row = await tx.interaction.create({ data: { workspaceId, ...input }, select: interactionSelect });
          const moved = await tx.client.updateMany({
            where: { id: input.clientId, workspaceId, OR: [{ lastTouchAt: null }, { lastTouchAt: { lte: input.occurredAt } }] },
            data: { lastTouchAt: input.occurredAt },
          });
          if (moved.count === 1 && followUpIfLatest) {
            const data = { dueOn: followUpIfLatest.dueOn, basis: followUpIfLatest.basis, snoozeReason: null, updatedBy: input.repSlackId };
            await tx.followUp.upsert({
              where: { clientId: input.clientId },
              create: { workspaceId, clientId: input.clientId, ...data },
              update: data,
            });
          }
          return row;
        });
        return { stored: true, interaction };
      } catch (error) {
        if (isUniqueViolation(error)) return { stored: false, reason: "duplicate" };
        throw error;
      }
    },

    recentForClient(workspaceId: string, clientId: string, take: number): Promise<InteractionRow[]> {
      return db.interaction.findMany({
        where: { workspaceId, clientId, deletedAt: null },
        select: interactionSelect,
        orderBy: { occurredAt: "desc" },
        take,
      });
    },

    /** Pages through a workspace's touches with the client's name, oldest first, for exports. */
    async *iterate(workspaceId: string, pageSize = 1000): AsyncGenerator<InteractionRow & { clientName: string }> {
      let cursor: string | undefined;
      for (;;) {
        const page = await db.interaction.findMany({
          where: { workspaceId, deletedAt: null },
          select: { ...interactionSelect, client: { select: { name: true } } },
          orderBy: { id: "asc" },
          take: pageSize,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        for (const { client, ...row } of page) yield { ...row, clientName: client.name };
        if (page.length < pageSize) return;
        cursor = page[page.length - 1]!.id;
      }
    },
  };
}
export type InteractionRepository = ReturnType<typeof interactionRepository>;
