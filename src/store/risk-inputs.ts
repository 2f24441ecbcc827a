/**
 * The risk job's read model: a page of clients with everything the risk rules look at, in one statement per page:
 * each client with its follow-up, its latest meeting and its latest recent negative touch, each found by a short
 * walk back along the client's touch index. A run over 100k clients costs a few hundred statements and holds one
 * page in memory. Raw SQL (the same text on both stores): Prisma would read every touch of the page to find the
 * latest meeting, in three statements per page.
 */
import { FACE_TO_FACE_TYPES } from "../domain/risk.ts";
import { dateValue, type Provider } from "./bulk.ts";
import { clientColumns, type ClientRow } from "./clients.ts";
import { asDate, dateFromDb } from "./dates.ts";
import { Prisma, type Db } from "./prisma.ts";

export interface ClientRiskRow {
  client: ClientRow;
  followUpDueOn: string | null;
  lastMeetingAt: Date | null;
  lastNegative: { at: Date; type: string } | null;
}

export function riskInputRepository(db: Db, provider: Provider) {
  return {
    /** Clients after `afterNameKey` by name key, archived ones included (their states are closed quietly). */
    async page(workspaceId: string, afterNameKey: string | undefined, take: number, negativeSince: Date): Promise<ClientRiskRow[]> {
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
      const rows = await db.$queryRaw<(ClientRow & { followUpDueOn: Date | null; lastMeetingAt: Date | string | null; lastNegativeAt: Date | string | null; lastNegativeType: string | null })[]>`
        SELECT ${clientColumns("c")}, "f"."dueOn" AS "followUpDueOn",
          ${latestTouch("occurredAt", meeting)} AS "lastMeetingAt",
          ${latestTouch("occurredAt", negative, byTouch)} AS "lastNegativeAt",
          ${latestTouch("type", negative, byTouch)} AS "lastNegativeType"
        FROM "Client" "c" LEFT JOIN "FollowUp" "f" ON "f"."clientId" = "c"."id" AND "f"."workspaceId" = "c"."workspaceId"
        WHERE "c"."workspaceId" = ${workspaceId} ${afterNameKey !== undefined ? Prisma.sql`AND "c"."nameKey" > ${afterNameKey}` : Prisma.empty}
        ORDER BY "c"."nameKey" LIMIT ${Prisma.raw(String(take))}`;
      return rows.map(({ followUpDueOn, lastMeetingAt, lastNegativeAt, lastNegativeType, ...client }) => {
        const negativeAt = asDate(lastNegativeAt);
        return {
          client,
          followUpDueOn: followUpDueOn ? dateFromDb(asDate(followUpDueOn)!) : null,
          lastMeetingAt: asDate(lastMeetingAt),
          lastNegative: negativeAt && lastNegativeType ? { at: negativeAt, type: lastNegativeType } : null,
        };
      });
    },
  };
}
export type RiskInputRepository = ReturnType<typeof riskInputRepository>;
