/**
 * Bulk writes for imports: Prisma's createMany spends a fraction of a millisecond per row building the query, which
 * at a million rows is most of an import. These helpers write the same rows with one INSERT per chunk of rows,
 * with ids shaped like Prisma's cuid() defaults and dates stored the way Prisma stores them.
 */
import { randomBytes } from "node:crypto";
import type { DatabaseTarget } from "./database-url.ts";
import { chunksOf } from "./paging.ts";
import { Prisma, type Db } from "./prisma.ts";

export type Provider = DatabaseTarget["provider"];
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Value = string | number | boolean | Date | null;

let counter = 0;
const fingerprint = randomBytes(2).readUInt16BE(0).toString(36).padStart(4, "0").slice(-4);

/**
 * A cuid (v1 layout, as Prisma's `@default(cuid())` makes): "c", the time, a counter, a process fingerprint and
 * randomness, so new ids sort after older ones, which keeps id-ordered pages in creation order.
 */
export function newId(): string {
  counter = (counter + 1) % 1_679_616;
  const time = Date.now().toString(36).padStart(8, "0");
  const count = counter.toString(36).padStart(4, "0");
  const random = randomBytes(6).readUIntBE(0, 6).toString(36).padStart(8, "0").slice(-8);
  return `c${time}${count}${fingerprint}${random}`;
}

/** A date as Prisma writes it: ISO text with "+00:00" on SQLite; on PostgreSQL an ISO string cast to timestamp(3). */
export const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** A date as a value in a raw statement, written the way Prisma writes it on each store. */
export const dateValue = (provider: Provider, d: Date | null): Prisma.Sql =>
  d === null ? Prisma.sql`NULL` : provider === "sqlite" ? Prisma.sql`${sqliteDate(d)}` : Prisma.sql`CAST(${d.toISOString()} AS timestamp(3))`;

/** A cell as SQLite stores it: dates as Prisma writes them ("+00:00" ISO text), booleans as 0 and 1. */
const sqliteCell = (value: Value): Value => (value instanceof Date ? sqliteDate(value) : typeof value === "boolean" ? Number(value) : value);

/** One row's INSERT as a raw statement (to run in a batch transaction), values written as Prisma writes them. */
export function insertStatement(provider: Provider, table: string, row: Readonly<Record<string, Value>>): Prisma.Sql {
  const columns = Object.keys(row);
  const values = columns.map((column) => {
    const value = row[column] ?? null;
    if (value instanceof Date) return dateValue(provider, value);
    return Prisma.sql`${provider === "sqlite" ? sqliteCell(value) : value}`;
  });
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(columns.map((c) => `"${c}"`).join(", "))}) VALUES (${Prisma.join(values)})`;
}

/** Rows per statement. */
const CHUNK_ROWS = 5_000;

/**
 * Inserts rows (all with the same keys) into a model's table, a chunk per statement. Each chunk travels as one
 * JSON parameter that the database unpacks (SQLite's json_each; PostgreSQL's json_populate_recordset, which casts
 * each field to its column's type): Prisma's raw-query pipeline costs per bound value, and with one per cell it
 * cost more than the insert itself. With `upsert`, a row that conflicts on its unique column updates the listed
 * columns of the existing one instead (keeping its id and creation time). Numbers come back exactly (tested from
 * 1e-24 to 1e15, and every safe integer); at extreme exponents SQLite's reader may change the last digit, as
 * Prisma's own model writes do. `onConflict` names the unique column, or the columns of a compound unique key.
 */
export async function insertRows(
  tx: Tx,
  provider: Provider,
  table: string,
  rows: readonly Record<string, Value>[],
  upsert?: { onConflict: string | readonly string[]; update: readonly string[] },
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  // "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  const select =
    provider === "sqlite"
      ? `SELECT ${columns.map((c) => `"value" ->> '$.${c}'`).join(", ")} FROM json_each(?) WHERE true`
      : `SELECT ${quoted} FROM json_populate_recordset(NULL::"${table}", $1::json)`;
  const target = upsert ? [upsert.onConflict].flat().map((c) => `"${c}"`).join(", ") : "";
  const conflict = upsert ? ` ON CONFLICT (${target}) DO UPDATE SET ${upsert.update.map((c) => `"${c}" = excluded."${c}"`).join(", ")}` : "";
  const cell = provider === "sqlite" ? sqliteCell : (value: Value) => value;
  for (const chunk of chunksOf(rows, CHUNK_ROWS)) {
    const cells = chunk.map((row) => {
      const out: Record<string, Value> = {};
      for (const column of columns) out[column] = cell(row[column] ?? null);
      return out;
    });
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${quoted}) ${select}${conflict}`, JSON.stringify(cells));
  }
}
