/**
 * The Prisma client factory. Both generated clients share one data model; the SQLite one's type stands for both,
 * so repositories are written once.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgres/client.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { directSql, sharedAdapter, type DirectSql } from "./direct-sql.ts";

export type Db = SqliteClient;
export { Prisma } from "./generated/sqlite/client.ts";
import type { Prisma } from "./generated/sqlite/client.ts";

/** A Prisma client, and the hot paths' way to the same connection without Prisma's per-statement cost. */
export interface Database {
  db: Db;
  sql: DirectSql;
}

export function createDatabase(target: DatabaseTarget): Database {
  let db: Db;
  let shared: ReturnType<typeof sharedAdapter>;
  if (target.provider === "sqlite") {
    mkdirSync(path.dirname(target.filePath), { recursive: true });
    // WAL lets readers (slash commands) proceed while a job writes; the busy timeout rides out short write locks.
    shared = sharedAdapter(new PrismaBetterSQLite3({ url: target.url, timeout: 5000 }));
    db = new SqliteClient({ adapter: shared.factory });
  } else {
    shared = sharedAdapter(new PrismaPg({ connectionString: target.url, max: 10 }));
    // Same models, same queries: the generated types differ only in provider-specific filter options we do not use.
    db = new PostgresClient({ adapter: shared.factory }) as unknown as Db;
  }
  return { db, sql: directSql(() => shared.adapter(() => db.$connect()), target.provider) };
}

export function createPrismaClient(target: DatabaseTarget): Db {
  return createDatabase(target).db;
}

/** SQLite pragmas that make an embedded store behave under concurrent use. */
export async function tuneStore(db: Db, target: DatabaseTarget): Promise<void> {
  if (target.provider !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  // 64 MB of page cache (the default is 2 MB): at a million touches the indexes no longer fit in 2 MB, and imports
  // and jobs then re-read the same pages from the OS on every batch.
  await db.$queryRawUnsafe("PRAGMA cache_size = -65536");
}

/**
 * Refreshes the query planner's statistics. SQLite has none until ANALYZE runs, and without them it guesses that
 * `workspaceId = ?` narrows a table to a few rows: in a store that is one workspace, it then reads a whole table
 * where a list of ids would have been a few lookups. Full (not sampled) statistics, about a second per million rows.
 */
export async function refreshStatistics(db: Db, target: Pick<DatabaseTarget, "provider">, table?: ModelTable): Promise<void> {
  if (target.provider === "sqlite") await db.$queryRawUnsafe("PRAGMA analysis_limit = 0");
  await db.$executeRawUnsafe(table ? `ANALYZE "${table}"` : "ANALYZE");
}

/** A model's table, by its name in the schema. */
export type ModelTable = Prisma.ModelName;

export async function pingStore(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
