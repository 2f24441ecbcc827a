/**
 * The risk job's read model: a page of clients with everything the risk rules look at, in one statement per page:
 * each client with its follow-up, its latest meeting and its latest recent negative touch, each found by a short
 * walk back along the client's touch index. A run over 100k clients costs a few hundred statements and holds one
 * page in memory. Raw SQL (the same text on both stores): Prisma would read every touch of the page to find the
 * latest meeting, in three statements per page; sent past Prisma (direct-sql.ts), whose handling of a raw result
 * cost more than the statement itself at 500 rows of 23 columns.
 */
import { FACE_TO_FACE_TYPES, type RiskInputs } from "../domain/risk.ts";
import type { Tier } from "../domain/rules.ts";
import { dateValue, type Provider } from "./bulk.ts";
import { archivedColumn, isArchived } from "./clients.ts";
import { asDate, dateFromDb } from "./dates.ts";
import type { DirectSql } from "./direct-sql.ts";
import { Prisma } from "./prisma.ts";

/** What the risk rules read of a client, and what a run pages by and decides with. */
export interface ClientRiskRow extends RiskInputs {
  id: string;
  /** Archived clients are read too: their states close, quietly. */
  archived: boolean;
}

type PageRow = Omit<ClientRiskRow, "archived" | "followUpDueOn" | "lastMeetingAt" | "lastNegative"> & {
  archived: number;
  followUpDueOn: Date | string | null;
  lastMeetingAt: Date | string | null;
  lastNegativeAt: Date | string | null;
  lastNegativeType: string | null;
};

export function riskInputRepository(sql: DirectSql, provider: Provider) {
  return {
    /**
     * Clients after the client `afterId` in id order, archived ones included, with only the columns the rules read (a
     * run reads every client: each column and date it need not decode is time saved 100,000 times). Ids grow with
     * creation, as rows are laid down, so id order reads the table front to back, not a random page per client.
     */
    async page(workspaceId: string, afterId: string | undefined, take: number, negativeSince: Date): Promise<ClientRiskRow[]> {
      const since = dateValue(provider, negativeSince);
      // `order` breaks ties between touches at the same instant where two columns must come from one touch; without
      // it the walk follows the index alone, which is what keeps it short.
      const latestTouch = (column: string, filter: Prisma.Sql, order = Prisma.sql`"i"."occurredAt" DESC`) => Prisma.sql`(
        SELECT "i".${Prisma.raw(`"${column}"`)} FROM "Interaction" "i"
        WHERE "i"."workspaceId" = "c"."workspaceId" AND "i"."clientId" = "c"."id" AND "i"."deletedAt" IS NULL ${filter}
        ORDER BY ${order} LIMIT 1)`;
      const byTouch = Prisma.sql`"i"."occurredAt" DESC, "i"."id" DESC`;
      const meeting = Prisma.sql`AND "i"."type" IN (${Prisma.join([...FACE_TO_FACE_TYPES])})`;
      const negative = Prisma.sql`AND "i"."sentiment" = 'negative' AND "i"."occurredAt" >= ${since}`;
      const rows = await sql.query<PageRow>(Prisma.sql`
        SELECT "c"."id", ${archivedColumn("c")},
          COALESCE("c"."tierOverride", "c"."tier") AS "tier", "c"."createdAt", "c"."lastTouchAt", "c"."annualRevenue",
          "c"."relationshipSince", "c"."relationshipType", "c"."lifecycleStage", "c"."satisfaction", "c"."cadenceDays",
          "f"."dueOn" AS "followUpDueOn",
          ${latestTouch("occurredAt", meeting)} AS "lastMeetingAt",
          ${latestTouch("occurredAt", negative, byTouch)} AS "lastNegativeAt",
          ${latestTouch("type", negative, byTouch)} AS "lastNegativeType"
        FROM "Client" "c" LEFT JOIN "FollowUp" "f" ON "f"."clientId" = "c"."id" AND "f"."workspaceId" = "c"."workspaceId"
        WHERE "c"."workspaceId" = ${workspaceId} ${afterId !== undefined ? Prisma.sql`AND "c"."id" > ${afterId}` : Prisma.empty}
        ORDER BY "c"."id" LIMIT ${Prisma.raw(String(take))}`);
      return rows.map((row) => {
        const negativeAt = asDate(row.lastNegativeAt);
        const dueOn = asDate(row.followUpDueOn);
        return {
          id: row.id,
          archived: isArchived(row.archived),
          tier: row.tier as Tier,
          createdAt: row.createdAt,
          lastTouchAt: row.lastTouchAt,
          annualRevenue: row.annualRevenue,
          relationshipSince: row.relationshipSince,
          relationshipType: row.relationshipType,
          lifecycleStage: row.lifecycleStage,
          satisfaction: row.satisfaction,
          cadenceDays: row.cadenceDays,
          followUpDueOn: dueOn ? dateFromDb(dueOn) : null,
          lastMeetingAt: asDate(row.lastMeetingAt),
          lastNegative: negativeAt && row.lastNegativeType ? { at: negativeAt, type: row.lastNegativeType } : null,
        };
      });
    },
  };
}
export type RiskInputRepository = ReturnType<typeof riskInputRepository>;
