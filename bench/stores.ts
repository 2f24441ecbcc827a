/** Fresh, migrated benchmark databases: SQLite files copied from one migrated template, PostgreSQL databases of their own. */
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl, type DatabaseTarget } from "../src/store/database-url.ts";
import { migrateStore } from "../src/store/migrate.ts";

export type BenchStore = "sqlite" | "postgres";

export interface BenchDatabase {
  store: BenchStore;
  url: string;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

const postgresServerUrl = () => process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function benchStores(workDir: string) {
  let template: string | undefined;
  let sequence = 0;

  /** An empty SQLite store with every migration applied (migrated once, then copied: `migrate deploy` is slow). */
  async function sqlite(name: string): Promise<BenchDatabase> {
    mkdirSync(workDir, { recursive: true });
    if (!template || !existsSync(template)) {
      template = path.join(workDir, "template.db");
      rmSync(template, { force: true });
      await migrateStore(parseDatabaseUrl(`file:${template}`));
    }
    const file = path.join(workDir, `${name}-${++sequence}.db`);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    copyFileSync(template, file);
    const url = `file:${file}`;
    return {
      store: "sqlite",
      url,
      target: parseDatabaseUrl(url),
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
      },
    };
  }

  async function postgres(name: string): Promise<BenchDatabase> {
    const database = `followups_bench_${name}_${process.pid}_${++sequence}`;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).then(() => c.query(`CREATE DATABASE "${database}"`)));
    const url = new URL(postgresServerUrl());
    url.pathname = `/${database}`;
    const target = parseDatabaseUrl(url.toString());
    await migrateStore(target);
    return {
      store: "postgres",
      url: url.toString(),
      target,
      drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).then(() => undefined),
    };
  }

  return {
    create: (store: BenchStore, name: string) => (store === "sqlite" ? sqlite(name) : postgres(name)),
    cleanup: () => {
      if (template) rmSync(template, { force: true });
    },
  };
}
