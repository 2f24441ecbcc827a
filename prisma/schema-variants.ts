/**
 * One data model, two providers. Prisma needs one schema file per provider, so the PostgreSQL schema is
 * derived from the SQLite one; `npm run db:schemas` writes it and a test fails when the two differ.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const sqliteSchemaPath = fileURLToPath(new URL("./sqlite/schema.prisma", import.meta.url));
export const postgresSchemaPath = fileURLToPath(new URL("./postgres/schema.prisma", import.meta.url));

export function derivePostgresSchema(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace(/^\/\/ Source of truth[^\n]*\n\/\/[^\n]*\n/m, "// GENERATED from prisma/sqlite/schema.prisma by `npm run db:schemas`: edit that file, not this one.\n")
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../../src/store/generated/sqlite"', 'output       = "../../src/store/generated/postgres"');
  if (replaced === sqliteSchema || !replaced.includes('"postgresql"') || !replaced.includes("generated/postgres")) {
    throw new Error("prisma/sqlite/schema.prisma no longer has the expected header, provider or output lines");
  }
  return replaced;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(postgresSchemaPath, derivePostgresSchema(readFileSync(sqliteSchemaPath, "utf8")));
  console.error(`wrote ${postgresSchemaPath}`);
}
