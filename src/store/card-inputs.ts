/**
 * The client card's read model: everything `/tier` shows besides the client row, in two statements (the follow-up
 * with the largest other revenues; the recent, latest face-to-face and latest negative touches). `/tier` is the bot's
 * hottest path, and a Prisma model query costs about half a millisecond of query compilation before it reaches the
 * database, several times what these indexed reads cost: raw SQL (the same text for SQLite and PostgreSQL), sent
 * past Prisma (direct-sql.ts), keeps the card close to a bare acknowledgement. Every statement is scoped to the
 * workspace.
 */
import { FACE_TO_FACE_TYPES } from "../domain/risk.ts";
import { asDate } from "./dates.ts";
import { interactionSelect, type InteractionRow } from "./interactions.ts";
import type { DirectSql } from "./direct-sql.ts";
import { Prisma } from "./prisma.ts";

export interface CardInputs {
  followUp: { dueOn: Date; basis: string } | null;
  recent: InteractionRow[];
  lastMeeting: { occurredAt: Date; type: string } | null;
  lastNegative: { occurredAt: Date; type: string } | null;
  /** The sum and number of the largest annual revenues among the workspace's other active clients (at most `take`). */
  largestOthers: { sum: number; count: number };
}

/** `"i"."id", "i"."clientId", …`: the interaction columns the card reads, named as Prisma's select names them. */
const touchColumns = Prisma.raw(
  Object.keys(interactionSelect)
    .map((column) => `"i"."${column}"`)
    .join(", "),
);
const faceToFace = Prisma.join([...FACE_TO_FACE_TYPES]);

type TouchRow = InteractionRow & { kind: "recent" | "meeting" | "negative" };

export function cardInputRepository(sql: DirectSql) {
  /** A client's live touches, newest first (ties by id), narrowed by `filter`, at most `take`: a derived table. */
  const touches = (kind: TouchRow["kind"], workspaceId: string, clientId: string, filter: Prisma.Sql, take: number) => Prisma.sql`
    SELECT ${Prisma.raw(`'${kind}'`)} AS "kind", "t".* FROM (
      SELECT ${touchColumns} FROM "Interaction" "i"
      WHERE "i"."workspaceId" = ${workspaceId} AND "i"."clientId" = ${clientId} AND "i"."deletedAt" IS NULL ${filter}
      ORDER BY "i"."occurredAt" DESC, "i"."id" DESC LIMIT ${Prisma.raw(String(take))}
    ) "t"`;

  return {
    async of(workspaceId: string, clientId: string, recentTake: number, othersTake: number): Promise<CardInputs> {
      const [summary] = await sql.query<{ dueOn: Date | null; basis: string | null; sum: number | null; count: number | bigint }>(Prisma.sql`
        SELECT "f"."dueOn", "f"."basis", "o"."sum", "o"."count"
        FROM (
          SELECT COALESCE(SUM("r"."annualRevenue"), 0) AS "sum", COUNT(*) AS "count" FROM (
            SELECT "c"."annualRevenue" FROM "Client" "c"
            WHERE "c"."workspaceId" = ${workspaceId} AND "c"."archivedAt" IS NULL AND "c"."annualRevenue" IS NOT NULL AND "c"."id" <> ${clientId}
            ORDER BY "c"."annualRevenue" DESC LIMIT ${Prisma.raw(String(othersTake))}
          ) "r"
        ) "o"
        LEFT JOIN "FollowUp" "f" ON "f"."workspaceId" = ${workspaceId} AND "f"."clientId" = ${clientId}`);
      const union = await sql.query<TouchRow>(Prisma.sql`
        ${touches("recent", workspaceId, clientId, Prisma.empty, recentTake)}
        UNION ALL ${touches("meeting", workspaceId, clientId, Prisma.sql`AND "i"."type" IN (${faceToFace})`, 1)}
        UNION ALL ${touches("negative", workspaceId, clientId, Prisma.sql`AND "i"."sentiment" = 'negative'`, 1)}`);
      // Dates as dates whatever type a union's column takes on each store (see asDate).
      const rows = union.map((r) => ({ ...r, occurredAt: asDate(r.occurredAt)!, nextFollowUpOn: asDate(r.nextFollowUpOn) }));
      const latest = (kind: TouchRow["kind"]) => {
        const row = rows.find((r) => r.kind === kind);
        return row ? { occurredAt: row.occurredAt, type: row.type } : null;
      };
      return {
        followUp: summary?.dueOn && summary.basis !== null ? { dueOn: summary.dueOn, basis: summary.basis } : null,
        // A union keeps no order of its own: newest first again, ties by id.
        recent: rows
          .filter((r) => r.kind === "recent")
          .map(({ kind: _kind, ...touch }) => touch)
          .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)),
        lastMeeting: latest("meeting"),
        lastNegative: latest("negative"),
        largestOthers: { sum: Number(summary?.sum ?? 0), count: Number(summary?.count ?? 0) },
      };
    },
  };
}
export type CardInputRepository = ReturnType<typeof cardInputRepository>;
