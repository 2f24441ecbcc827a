/** Opens the store named by DATABASE_URL: migrate, connect, check. */
import type { Logger } from "../logger.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { createStore, type Store } from "./index.ts";
import { migrateStore } from "./migrate.ts";
import { createPrismaClient, tuneStore } from "./prisma.ts";

export class StoreUnavailableError extends Error {}

export async function openStore(target: DatabaseTarget, logger: Logger): Promise<Store> {
  await migrateStore(target);
  const db = createPrismaClient(target);
  const store = createStore(db);
  try {
    await tuneStore(db, target);
  } catch (error) {
    await store.close();
    throw new StoreUnavailableError(`The database is unreachable (${target.provider}): ${(error as Error).message.split("\n")[0]}`);
  }
  logger.debug({ provider: target.provider }, "store ready");
  return store;
}
