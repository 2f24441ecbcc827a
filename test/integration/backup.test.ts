/** `npm run backup` as an operator runs it: an online SQLite copy that restores; a clear refusal on PostgreSQL. */
import { execFile } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import type { Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { createTestDatabase, testStore, type TestDatabase } from "../support/test-database.ts";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const logger = createLogger("silent");

async function backup(databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/backup.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("npm run backup", () => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = await openStore(database.target, logger);
    await store.workspaces.ensure("T0BACKUP");
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it.runIf(testStore() === "sqlite")("copies the live store to a timestamped file that restores with its data", async () => {
    const created = await store.clients.create(
      "T0BACKUP",
      {
        name: "Backed Up Bank", nameKey: "backed up bank", ownerSlackId: "U0REP", annualRevenue: null, relationshipSince: null,
        relationshipType: null, lifecycleStage: null, riskLevel: null, industry: null, region: null, satisfaction: null,
        cadenceDays: null, tierOverride: null, tierOverrideReason: null, score: 5, tier: "C",
      },
      "U0REP",
      "create",
    );
    expect(created.created).toBe(true);
    const result = await backup(database.url); // the store is open here, as it is while the bot runs
    expect(result.code).toBe(0);
    const file = result.stdout.trim();
    expect(file).toMatch(/backups\/test-\d{8}-\d{6}\.db$/);
    expect(result.stderr).toBe("");

    // Restore as the README says: copy the backup to where DATABASE_URL points, then start.
    const restoredPath = path.join(path.dirname(file), "restored.db");
    copyFileSync(file, restoredPath);
    const restored = await openStore({ provider: "sqlite", filePath: restoredPath, url: `file:${restoredPath}` }, logger);
    try {
      const names = [];
      for await (const c of restored.clients.iterate("T0BACKUP")) names.push(c.name);
      expect(names).toEqual(["Backed Up Bank"]);
    } finally {
      await restored.close();
    }
  });

  it.runIf(testStore() === "postgres")("points to pg_dump for PostgreSQL, in one line, with a non-zero exit", async () => {
    const result = await backup(database.url);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toEqual([
      'DATABASE_URL is PostgreSQL: back it up with pg_dump --format=custom --file=followups.dump "$DATABASE_URL" (see README "PostgreSQL")',
    ]);
    expect(result.stdout).toBe("");
  });
});
