/**
 * Opens the store for a command run beside the bot: like openStore, but `migrate deploy` runs only when a
 * migration is pending. Prisma's SQLite migration starts with `PRAGMA locking_mode=EXCLUSIVE`, which fails
 * (SQLITE_BUSY, after the busy timeout) while another process, such as the running bot, has the database open.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logger.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { createStore, type Store } from "./index.ts";
import { openStore, StoreUnavailableError } from "./open.ts";
import { createPrismaClient, tuneStore, type Db } from "./prisma.ts";

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

export async function attachStore(target: DatabaseTarget, logger: Logger): Promise<Store> {
  const db = createPrismaClient(target);
  // No table yet, an unreachable server, a pending migration: openStore migrates, or says why it cannot.
  const current = await allMigrationsApplied(db, target).catch(() => false);
  if (!current) {
    await db.$disconnect().catch(() => undefined);
    return openStore(target, logger);
  }
  const store = createStore(db);
  try {
    await tuneStore(db, target);
  } catch (error) {
    await store.close();
    throw new StoreUnavailableError(`The database is unreachable (${target.provider}): ${(error as Error).message.split("\n")[0]}`);
  }
  logger.debug({ provider: target.provider }, "store ready (no migration pending)");
  return store;
}
