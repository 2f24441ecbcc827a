/**
 * Import: the CSV import of the whole data set (clients, then touches) into an empty store through the import
 * service `npm run import` uses, against the floor: the same files parsed by the same CSV parser and inserted raw,
 * one prepared statement per table, in one transaction, with no validation, scoring, tiers or follow-ups.
 */
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse";
import { loadRules } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { systemClock } from "../src/services/context.ts";
import { importService, type ImportReport } from "../src/services/imports.ts";
import { clientNameKey } from "../src/domain/text.ts";
import { openStore } from "../src/store/open.ts";
import type { Dataset } from "./generate.ts";
import type { BenchDatabase } from "./stores.ts";

export const BENCH_TEAM = "T0BENCH";

export interface ImportFigures {
  seconds: number;
  rows: number;
  rowsPerSecond: number;
  clients: ImportReport;
  interactions: ImportReport;
}

export async function importDataset(dataset: Dataset, database: BenchDatabase, say: (line: string) => void): Promise<ImportFigures> {
  const store = await openStore(database.target, createLogger("silent"));
  try {
    const importer = importService({ store, rules: loadRules(undefined), clock: systemClock });
    const started = performance.now();
    const run = (kind: "clients" | "interactions" | "users", file: string) =>
      importer.importCsv(kind, BENCH_TEAM, createReadStream(file), {
        fileName: path.basename(file),
        progressEvery: 50_000,
        events: {
          problem: ({ line, message }) => say(`  ${kind} line ${line}: ${message}`),
          progress: (r) => say(`  … ${kind}: ${r.rows} rows read, ${r.imported} imported (${((performance.now() - started) / 1000).toFixed(1)} s)`),
        },
      });
    const clients = await run("clients", dataset.clientsFile);
    const interactions = await run("interactions", dataset.interactionsFile);
    const seconds = (performance.now() - started) / 1000;
    const rows = clients.rows + interactions.rows;
    // The team (a few hundred rows, so that digests have managers) is set up after the timed import, as the floor
    // inserts only clients and touches.
    const users = await run("users", dataset.usersFile);
    if (users.imported !== users.rows) say(`  users: ${users.imported} of ${users.rows} imported`);
    return { seconds, rows, rowsPerSecond: rows / seconds, clients, interactions };
  } finally {
    await store.close();
  }
}

async function* records(file: string): AsyncGenerator<string[]> {
  const parser = createReadStream(file).pipe(parse({ relax_column_count: true }));
  let header = true;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (header) {
      header = false;
      continue;
    }
    yield record;
  }
}

const blank = (s: string | undefined) => (s === undefined || s === "" ? null : s);

/** The same files through the same parser, and nothing else: what the import and its floor both pay to read. */
export async function parseAlone(dataset: Dataset): Promise<{ seconds: number; rows: number }> {
  const started = performance.now();
  let rows = 0;
  for (const file of [dataset.clientsFile, dataset.interactionsFile]) for await (const _ of records(file)) rows++;
  return { seconds: (performance.now() - started) / 1000, rows };
}

/**
 * The floor: the same rows, parsed by the same parser and inserted with one prepared statement per table in one
 * transaction, into tables that carry only the keys and the one index the work needs (a client by name; a client's
 * touches by time), in a fresh file: the fastest plain way to land the same data. Returns seconds.
 */
export async function rawBulkInsert(dataset: Dataset, filePath: string): Promise<{ seconds: number; rows: number }> {
  const db = new Database(filePath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(`
    CREATE TABLE "Workspace" ("id" TEXT PRIMARY KEY, "createdAt" TEXT, "updatedAt" TEXT);
    CREATE TABLE "Client" ("id" TEXT PRIMARY KEY, "workspaceId" TEXT NOT NULL, "name" TEXT NOT NULL, "nameKey" TEXT NOT NULL,
      "ownerSlackId" TEXT, "annualRevenue" REAL, "relationshipSince" TEXT, "relationshipType" TEXT, "lifecycleStage" TEXT,
      "riskLevel" TEXT, "industry" TEXT, "region" TEXT, "satisfaction" INTEGER, "cadenceDays" INTEGER, "score" INTEGER,
      "tier" TEXT, "createdAt" TEXT, "updatedAt" TEXT);
    CREATE UNIQUE INDEX "Client_name" ON "Client" ("workspaceId", "nameKey");
    CREATE TABLE "Interaction" ("id" TEXT PRIMARY KEY, "workspaceId" TEXT NOT NULL, "clientId" TEXT NOT NULL,
      "repSlackId" TEXT NOT NULL, "type" TEXT NOT NULL, "occurredAt" TEXT NOT NULL, "summary" TEXT NOT NULL, "sentiment" TEXT,
      "nextFollowUpOn" TEXT, "source" TEXT, "createdAt" TEXT, "updatedAt" TEXT);
    CREATE INDEX "Interaction_client_time" ON "Interaction" ("clientId", "occurredAt");`);
  const started = performance.now();
  const now = new Date().toISOString().replace("Z", "+00:00");
  db.prepare(`INSERT INTO "Workspace" ("id", "createdAt", "updatedAt") VALUES (?, ?, ?)`).run(BENCH_TEAM, now, now);
  const insertClient = db.prepare(
    `INSERT INTO "Client" ("id", "workspaceId", "name", "nameKey", "ownerSlackId", "annualRevenue", "relationshipSince", "relationshipType",
      "lifecycleStage", "riskLevel", "industry", "region", "satisfaction", "cadenceDays", "score", "tier", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'C', ?, ?)`,
  );
  const insertTouch = db.prepare(
    `INSERT INTO "Interaction" ("id", "workspaceId", "clientId", "repSlackId", "type", "occurredAt", "summary", "sentiment", "nextFollowUpOn",
      "source", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const ids = new Map<string, string>();
  let rows = 0;
  db.exec("BEGIN");
  try {
    for await (const [name = "", owner, revenue, since, type, stage, risk, industry, region, satisfaction, cadence] of records(dataset.clientsFile)) {
      const id = randomUUID();
      const key = clientNameKey(name);
      ids.set(key, id);
      insertClient.run(id, BENCH_TEAM, name, key, blank(owner), blank(revenue) === null ? null : Number(revenue), blank(since), blank(type),
        blank(stage), blank(risk), blank(industry), blank(region), blank(satisfaction) === null ? null : Number(satisfaction),
        blank(cadence) === null ? null : Number(cadence), now, now);
      rows++;
    }
    for await (const [client = "", rep, type, at, summary, sentiment, next] of records(dataset.interactionsFile)) {
      const clientId = ids.get(clientNameKey(client));
      if (!clientId) continue;
      insertTouch.run(randomUUID(), BENCH_TEAM, clientId, rep, type, (at ?? "").replace("Z", "+00:00"), summary ?? "", sentiment || "neutral", blank(next) === null ? null : `${next}T00:00:00.000+00:00`, now, now);
      rows++;
    }
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  } finally {
    db.close();
  }
  return { seconds: (performance.now() - started) / 1000, rows };
}
