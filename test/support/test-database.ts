/**
 * A fresh, empty database for one test file, on the store the run is for (TEST_STORE=sqlite|postgres).
 * PostgreSQL databases are created on TEST_POSTGRES_URL's server (default: the local one) and dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { parseDatabaseUrl, type DatabaseTarget } from "../../src/store/database-url.ts";

export type TestStore = "sqlite" | "postgres";

export interface TestDatabase {
  store: TestStore;
  url: string;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

export const testStore = (): TestStore => (process.env.TEST_STORE === "postgres" ? "postgres" : "sqlite");

const postgresServerUrl = () => process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The URL of database `name` on the test server. */
export function postgresDatabaseUrl(name: string): string {
  const url = new URL(postgresServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL tests need a server at TEST_POSTGRES_URL (${postgresServerUrl().replace(/:[^:@/]*@/, ":***@")}): ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database for one test file. On PostgreSQL it is a copy of the run's migrated template (see postgres-template.ts)
 * unless `empty` is asked for (tests of migration itself) or there is no template (a run outside the project).
 */
export async function createTestDatabase(store: TestStore = testStore(), options: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (store === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "followups-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    return { store, url, target: parseDatabaseUrl(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `followups_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const template = options.empty ? undefined : inject("postgresTemplate");
  await withAdminClient((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  const url = postgresDatabaseUrl(name);
  return {
    store,
    url,
    target: parseDatabaseUrl(url),
    drop: () => withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
