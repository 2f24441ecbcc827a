/** What kind of store a DATABASE_URL names. Shared by the app, the CLI and prisma.config.ts. */
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/followups.db";

export type DatabaseTarget =
  | { provider: "sqlite"; filePath: string; url: string }
  | { provider: "postgresql"; url: string };

export class DatabaseUrlError extends Error {}

export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const url = raw?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const rest = url.slice("file:".length).split("?")[0] ?? "";
    if (!rest) throw new DatabaseUrlError("DATABASE_URL: file: needs a path, e.g. file:./data/followups.db");
    const filePath = path.resolve(cwd, rest);
    return { provider: "sqlite", filePath, url: `file:${filePath}` };
  }
  throw new DatabaseUrlError("DATABASE_URL must start with file:, postgres:// or postgresql://");
}
