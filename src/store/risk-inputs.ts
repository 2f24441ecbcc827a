/**
 * The risk rules' read model: a page of clients with everything the rules look at, in one statement per page: each
 * client with its follow-up, its latest meeting and its latest recent negative touch, each found by a short walk
 * back along the client's touch index. The risk job pages the whole workspace (a run over 100k clients costs a few
 * hundred statements and holds one page in memory); App Home, `/client list` and the digest page a scope of it
 * (an owner's clients, the clients a list shows), chosen in the same statement. Raw SQL (the same text on
 * both stores): Prisma would read every touch of the page to find the latest meeting, in three statements per page;
 * sent past Prisma (direct-sql.ts), whose handling of a raw result cost more than the statement itself at 500 rows
 * of 23 columns.
 */
import { FACE_TO_FACE_TYPES, type RiskInputs } from "../domain/risk.ts";
import type { Tier } from "../domain/rules.ts";
import { dateValue, type Provider } from "./bulk.ts";
import { archivedColumn, isArchived } from "./clients.ts";
import { asDate, dateFromDb } from "./dates.ts";
import type { DirectSql } from "./direct-sql.ts";
import { IN_LIST_LIMIT } from "./paging.ts";
import { Prisma } from "./prisma.ts";

/** What the risk rules read of a client, and what a run pages by and decides with. */
export interface ClientRiskRow extends RiskInputs {
  id: string;
  name: string;
  ownerSlackId: string | null;
  /** Archived clients are read too (the whole workspace's scope): their states close, quietly. */
  archived: boolean;
}

/**
 * Whose clients a page reads. `workspace`: every client, archived ones included (the risk job). The others read
 * active clients only: an owner's (App Home), or the clients a reader is shown (`/client list`, the digest's key
 * and A-tier clients: a page of a list, at most IN_LIST_LIMIT ids).
 */
export type RiskScope = { kind: "workspace" } | { kind: "owner"; ownerSlackId: string } | { kind: "clients"; ids: readonly string[] };

type PageRow = Omit<ClientRiskRow, "archived" | "followUpDueOn" | "lastMeetingAt" | "lastNegative"> & {
  archived: number;
  followUpDueOn: Date | string | null;
  lastMeetingAt: Date | string | null;
  lastNegativeAt: Date | string | null;
  lastNegativeType: string | null;
};

export function riskInputRepository(sql: DirectSql, provider: Provider) {
  /** The clients of `scope`, as a condition on "c" (the workspace's is none: its page is the job's, as it was). */
  function scopeWhere(scope: RiskScope): Prisma.Sql {
    switch (scope.kind) {
      case "workspace":
        return Prisma.empty;
      case "owner":
        return Prisma.sql`AND "c"."ownerSlackId" = ${scope.ownerSlackId} AND "c"."archivedAt" IS NULL`;
      case "clients":
        if (scope.ids.length > IN_LIST_LIMIT) throw new Error(`a risk page of ${scope.ids.length} listed clients: at most ${IN_LIST_LIMIT}`);
        return scope.ids.length > 0 ? Prisma.sql`AND "c"."id" IN (${Prisma.join([...scope.ids])}) AND "c"."archivedAt" IS NULL` : Prisma.sql`AND 1 = 0`;
    }
  }

  return {
    /**
     * The clients of `scope` after the client `afterId` in id order, with only the columns the rules read (a run
     * reads every client: each column and date it need not decode is time saved 100,000 times). Ids grow with
     * creation, as rows are laid down, so id order reads the table front to back, not a random page per client.
     * `negativeSince`: the first day a negative touch counts on (the rules' lookback).
     */
    async page(
      workspaceId: string,
      afterId: string | undefined,
      take: number,
      negativeSince: Date,
      scope: RiskScope = { kind: "workspace" },
    ): Promise<ClientRiskRow[]> {
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
        SELECT "c"."id", "c"."name", "c"."ownerSlackId", ${archivedColumn("c")},
          COALESCE("c"."tierOverride", "c"."tier") AS "tier", "c"."createdAt", "c"."lastTouchAt", "c"."annualRevenue",
          "c"."relationshipSince", "c"."relationshipType", "c"."lifecycleStage", "c"."satisfaction", "c"."cadenceDays",
          "f"."dueOn" AS "followUpDueOn",
          ${latestTouch("occurredAt", meeting)} AS "lastMeetingAt",
          ${latestTouch("occurredAt", negative, byTouch)} AS "lastNegativeAt",
          ${latestTouch("type", negative, byTouch)} AS "lastNegativeType"
        FROM "Client" "c" LEFT JOIN "FollowUp" "f" ON "f"."clientId" = "c"."id" AND "f"."workspaceId" = "c"."workspaceId"
        WHERE "c"."workspaceId" = ${workspaceId} ${afterId !== undefined ? Prisma.sql`AND "c"."id" > ${afterId}` : Prisma.empty} ${scopeWhere(scope)}
        ORDER BY "c"."id" LIMIT ${Prisma.raw(String(take))}`);
      return rows.map((row) => {
        const negativeAt = asDate(row.lastNegativeAt);
        const dueOn = asDate(row.followUpDueOn);
        return {
          id: row.id,
          name: row.name,
          ownerSlackId: row.ownerSlackId,
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
