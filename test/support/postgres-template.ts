/**
 * vitest globalSetup of the PostgreSQL project: one database migrated once per run, which each test file's database
 * is copied from (CREATE DATABASE … TEMPLATE), instead of every file paying for Prisma's migrate (about 10 s each
 * with the WebAssembly engine). Tests of migration itself ask for an empty database.
 */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { parseDatabaseUrl } from "../../src/store/database-url.ts";
import { migrateStore } from "../../src/store/migrate.ts";
import { postgresDatabaseUrl, withAdminClient } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database each PostgreSQL test database is copied from. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Named like the test databases, so that .ci/run drops one an interrupted run left behind.
  const name = `followups_test_template_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE "${name}"`));
  await migrateStore(parseDatabaseUrl(postgresDatabaseUrl(name)));
  project.provide("postgresTemplate", name);
  return () => withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
}
