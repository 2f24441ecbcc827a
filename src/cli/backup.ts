/**
 * `npm run backup`: an online copy of the SQLite store (safe while the bot runs: SQLite's backup API copies a
 * consistent snapshot) into a timestamped file beside it; prints the file's path. PostgreSQL: see the README.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { config as loadDotenv } from "dotenv";
import { ConfigError, loadStoreConfig } from "../config.ts";

export const BACKUP_USAGE = "usage: npm run backup   (SQLite stores; for PostgreSQL see the README's pg_dump line)";

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

export async function backupSqlite(filePath: string, at: Date): Promise<string> {
  const target = path.join(path.dirname(filePath), "backups", `${path.basename(filePath, path.extname(filePath))}-${stamp(at)}${path.extname(filePath) || ".db"}`);
  mkdirSync(path.dirname(target), { recursive: true });
  const source = new Database(filePath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  return target;
}

async function main(): Promise<void> {
  if (process.argv.slice(2).some((a) => a === "--help" || a === "-h")) return void console.log(BACKUP_USAGE);
  loadDotenv({ quiet: true });
  const config = loadStoreConfig();
  if (config.database.provider !== "sqlite") {
    throw new ConfigError('DATABASE_URL is PostgreSQL: back it up with pg_dump --format=custom --file=followups.dump "$DATABASE_URL" (see README "PostgreSQL")');
  }
  try {
    console.log(await backupSqlite(config.database.filePath, new Date()));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(`cannot back up ${config.database.filePath}: ${code === "SQLITE_CANTOPEN" ? "no such database file" : (error as Error).message}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
  process.exitCode = 1;
});
