/**
 * SQLite and PostgreSQL must hold the same data model: the PostgreSQL schema is derived from the SQLite one, and
 * each provider's migrations, applied to an empty database, produce the same tables, columns, nullability and
 * unique indexes. Runs in both store projects; each checks its own database against the schema files.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derivePostgresSchema, postgresSchemaPath, sqliteSchemaPath } from "../../prisma/schema-variants.ts";
import Database from "better-sqlite3";
import pg from "pg";
import { migrateStore } from "../../src/store/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

interface ColumnShape {
  table: string;
  column: string;
  nullable: boolean;
}

/** Model and field names, with optionality, straight from the Prisma schema text. */
function modelColumns(schema: string): ColumnShape[] {
  const columns: ColumnShape[] = [];
  for (const match of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const [, table = "", body = ""] = match;
    for (const line of body.split("\n")) {
      const field = /^\s+(\w+)\s+(\w+)(\?|\[\])?/.exec(line);
      if (!field) continue;
      const [, column = "", type = "", modifier] = field;
      const isRelation = modifier === "[]" || /@relation/.test(line) || /^[A-Z]/.test(type) && !["String", "Int", "Float", "Boolean", "DateTime", "BigInt", "Decimal", "Json", "Bytes"].includes(type);
      if (!isRelation) columns.push({ table, column, nullable: modifier === "?" });
    }
  }
  return columns.sort(byName);
}

interface Introspection {
  columns: ColumnShape[];
  uniqueIndexes: string[];
}

const byName = (a: ColumnShape, b: ColumnShape) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`);
// Prisma's own bookkeeping (_prisma_migrations) and SQLite's internal tables are not part of the model.
const isModelTable = (table: string) => !table.startsWith("_") && !table.startsWith("sqlite_");

/** Reads the migrated database with its own driver, independent of the Prisma client under test. */
async function introspect(database: TestDatabase): Promise<Introspection> {
  if (database.target.provider === "sqlite") {
    const sqlite = new Database(database.target.filePath, { readonly: true });
    try {
      const columns = sqlite
        .prepare(`SELECT m.name AS "table", p.name AS "column", p."notnull" AS not_null FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'`)
        .all() as { table: string; column: string; not_null: number }[];
      const indexes = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
      return {
        columns: columns.filter((c) => isModelTable(c.table)).map((c) => ({ table: c.table, column: c.column, nullable: c.not_null === 0 })).sort(byName),
        uniqueIndexes: indexes.filter((i) => i.sql.startsWith("CREATE UNIQUE INDEX")).map((i) => i.name).sort(),
      };
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const columns = await client.query<{ table: string; column: string; is_nullable: string }>(
      `SELECT table_name::text AS "table", column_name::text AS "column", is_nullable::text AS is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const indexes = await client.query<{ name: string }>(
      `SELECT indexname::text AS name FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE INDEX%' AND indexname NOT LIKE '%_pkey'`,
    );
    return {
      columns: columns.rows.filter((c) => isModelTable(c.table)).map((c) => ({ table: c.table, column: c.column, nullable: c.is_nullable === "YES" })).sort(byName),
      uniqueIndexes: indexes.rows.map((i) => i.name).sort(),
    };
  } finally {
    await client.end();
  }
}

function declaredUniqueIndexes(schema: string): string[] {
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
    .flatMap(([, model = "", body = ""]) => [
      ...[...body.matchAll(/@@unique\(\[([^\]]+)\]\)/g)].map(([, cols = ""]) => `${model}_${cols.split(",").map((c) => c.trim()).join("_")}_key`),
      ...[...body.matchAll(/^[ \t]+(\w+)[ \t]+\w+\??[ \t]+.*@unique/gm)].map(([, col = ""]) => `${model}_${col}_key`),
    ])
    .sort();
}

describe("schema drift", () => {
  let database: TestDatabase;
  let actual: Introspection;
  beforeAll(async () => {
    database = await createTestDatabase(undefined, { empty: true });
    await migrateStore(database.target);
    actual = await introspect(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("derives prisma/postgres/schema.prisma from the SQLite schema (run `npm run db:schemas` after editing)", () => {
    expect(readFileSync(postgresSchemaPath, "utf8")).toBe(derivePostgresSchema(readFileSync(sqliteSchemaPath, "utf8")));
  });

  it("migrates to exactly the schema's tables, columns and nullability", async () => {
    expect(actual.columns).toEqual(modelColumns(readFileSync(sqliteSchemaPath, "utf8")));
  });

  it("has every unique index the schema declares", async () => {
    expect(actual.uniqueIndexes).toEqual(declaredUniqueIndexes(readFileSync(sqliteSchemaPath, "utf8")));
  });
});
