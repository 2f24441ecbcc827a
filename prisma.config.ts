/**
 * Prisma CLI configuration. Engines are not downloadable here, so the CLI runs the WebAssembly schema engine
 * through a driver adapter chosen from DATABASE_URL (SQLite by default, PostgreSQL for postgres:// URLs).
 */
import path from "node:path";
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { parseDatabaseUrl } from "./src/store/database-url.ts";

// Name existing files so the CLI never tries to download engines that the "js" engine does not use.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/false";

const target = parseDatabaseUrl(process.env.DATABASE_URL);
const folder = path.join("prisma", target.provider === "sqlite" ? "sqlite" : "postgres");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  async adapter() {
    if (target.provider === "sqlite") {
      const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
      return new PrismaBetterSQLite3({ url: target.url });
    }
    // adapter-pg 6.19's migration path fails on PostgreSQL 15 here; 7.x migrates correctly (ENVIRONMENT.md).
    const { PrismaPg } = await import("@prisma/adapter-pg-migrate");
    return new PrismaPg({ connectionString: target.url });
  },
});
