/**
 * Opens the store named by DATABASE_URL: connect, apply migrations when one is pending, check.
 * `migrate deploy` runs only when needed, for two reasons: Prisma's SQLite migration takes an exclusive lock
 * (`PRAGMA locking_mode=EXCLUSIVE`), which fails while another process (the bot, or a CLI run beside it) has the
 * file open; and the WebAssembly engine's CLI lingers about 10 seconds on a timer before it exits.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logger.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { createStore, type Store } from "./index.ts";
import { migrateStore } from "./migrate.ts";
import { createDatabase, tuneStore, type Db } from "./prisma.ts";

export class StoreUnavailableError extends Error {}

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

function migrationNames(target: DatabaseTarget): string[] {
  const folder = path.join(projectRoot, "prisma", target.provider === "sqlite" ? "sqlite" : "postgres", "migrations");
  return readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
}

/** True when every migration in the project is recorded as applied (and none rolled back). */
async function allMigrationsApplied(db: Db, target: DatabaseTarget): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return migrationNames(target).every((name) => applied.has(name));
}

export async function openStore(target: DatabaseTarget, logger: Logger): Promise<Store> {
  let database = createDatabase(target);
  // No table yet, a pending migration, or an unreachable server: migrate, which applies or says why it cannot.
  if (!(await allMigrationsApplied(database.db, target).catch(() => false))) {
    await database.db.$disconnect().catch(() => undefined);
    await migrateStore(target);
    logger.info({ provider: target.provider }, "database migrated");
    database = createDatabase(target);
  }
  const store = createStore(database, target.provider);
  try {
    await tuneStore(database.db, target);
  } catch (error) {
    await store.close();
    throw new StoreUnavailableError(`The database is unreachable (${target.provider}): ${(error as Error).message.split("\n")[0]}`);
  }
  logger.debug({ provider: target.provider }, "store ready");
  return store;
}
