/**
 * Bulk writes for imports: Prisma's createMany spends a fraction of a millisecond per row building the query, which
 * at a million rows is most of an import. These helpers write the same rows with one multi-row INSERT per chunk,
 * with ids shaped like Prisma's cuid() defaults and dates stored the way Prisma stores them.
 */
import { randomBytes } from "node:crypto";
import type { DatabaseTarget } from "./database-url.ts";
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

/** One row's INSERT as a raw statement (to run in a batch transaction), values written as Prisma writes them. */
export function insertStatement(provider: Provider, table: string, row: Readonly<Record<string, Value>>): Prisma.Sql {
  const columns = Object.keys(row);
  const values = columns.map((column) => {
    const value = row[column] ?? null;
    if (value instanceof Date) return dateValue(provider, value);
    return Prisma.sql`${typeof value === "boolean" && provider === "sqlite" ? Number(value) : value}`;
  });
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(columns.map((c) => `"${c}"`).join(", "))}) VALUES (${Prisma.join(values)})`;
}

// Stay well under SQLite's 32,766 and PostgreSQL's 65,535 bind parameters per statement.
const MAX_PARAMS = 30_000;

/** Inserts rows (all with the same keys) into a model's table, a chunk per statement. */
export async function insertRows(tx: Tx, provider: Provider, table: string, rows: readonly Record<string, Value>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((column) => {
        const value = row[column] ?? null;
        if (value instanceof Date) {
          params.push(provider === "sqlite" ? sqliteDate(value) : value.toISOString());
          return provider === "sqlite" ? "?" : `$${params.length}::timestamp(3)`;
        }
        params.push(typeof value === "boolean" && provider === "sqlite" ? Number(value) : value);
        return provider === "sqlite" ? "?" : `$${params.length}`;
      });
      return `(${marks.join(", ")})`;
    });
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${quoted}) VALUES ${tuples.join(", ")}`, ...params);
  }
}
