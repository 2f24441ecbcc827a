/** Applies the provider's migrations with Prisma's own `migrate deploy`, so the app and the CLI share one history. */
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { DatabaseTarget } from "./database-url.ts";

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

export class MigrationError extends Error {}

export async function migrateStore(target: DatabaseTarget): Promise<void> {
  if (target.provider === "sqlite") mkdirSync(path.dirname(target.filePath), { recursive: true });
  try {
    await run(process.execPath, [prismaCli, "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: target.url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      maxBuffer: 4 * 1024 * 1024,
    });
  } catch (error) {
    const output = `${(error as { stderr?: string }).stderr ?? ""}${(error as { stdout?: string }).stdout ?? ""}`;
    const reason = output.split("\n").map((l) => l.trim()).find((l) => /error|P\d{4}|can't|cannot|refused/i.test(l)) ?? "see the migration output";
    throw new MigrationError(`The database could not be migrated (${target.provider}): ${reason.replace(/^Error:\s*/, "")}`);
  }
}
