/**
 * Raw statements sent straight to the driver adapter Prisma itself runs on: the same SQLite connection or PostgreSQL
 * pool, the same transaction lock, and the same values in and out as `$queryRaw`, `$executeRaw` and
 * `$transaction([...])`. What it skips is Prisma's request pipeline and WebAssembly query compiler, which cost about
 * 0.2 ms per statement, even raw: several times an indexed read, and most of a slash command's own time (see
 * bench/README.md); on a large result, its handling of the rows costs more than the statement. Only the hot paths use
 * it (`/tier`, `/log`, the request claim, the pages of the `risk` and `rescore` runs); everything else stays on Prisma.
 */
import {
  ColumnTypeEnum,
  type ArgType,
  type ColumnType,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from "@prisma/driver-adapter-utils";
import { Prisma } from "./generated/sqlite/client.ts";
import type { Provider } from "./bulk.ts";

export interface DirectSql {
  /** The rows, typed as `$queryRaw` types them (dates as Date, 64-bit integers as bigint). */
  query<T>(statement: Prisma.Sql): Promise<T[]>;
  /** The number of rows changed, as `$executeRaw`. */
  execute(statement: Prisma.Sql): Promise<number>;
  /** The statements in order, in one transaction, rolled back if any fails; each one's rows changed. */
  transaction(statements: readonly Prisma.Sql[]): Promise<number[]>;
}

/**
 * Wraps the adapter factory handed to Prisma so that the connection Prisma opens is also ours. `adapter` returns it,
 * having Prisma open it first (`$connect`) when Prisma has not yet; a connection Prisma disposes of is forgotten.
 */
export function sharedAdapter(factory: SqlMigrationAwareDriverAdapterFactory) {
  let current: SqlDriverAdapter | undefined;
  const capturing: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    async connect() {
      const adapter = await factory.connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = () => {
        if (current === adapter) current = undefined;
        return dispose();
      };
      current = adapter;
      return adapter;
    },
  };
  return {
    factory: capturing,
    adapter: async (connectThroughPrisma: () => Promise<void>): Promise<SqlDriverAdapter> => {
      if (!current) await connectThroughPrisma();
      if (!current) throw new Error("the store's driver adapter is not connected");
      return current;
    },
  };
}

/** A value's type as the adapters read it (they convert dates, for one, by its declared type). */
function argTypeOf(value: unknown): ArgType {
  const scalar = (scalarType: ArgType["scalarType"]): ArgType => ({ scalarType, arity: "scalar" });
  if (value instanceof Date) return scalar("datetime");
  switch (typeof value) {
    case "string":
      return scalar("string");
    case "number":
      return scalar(Number.isInteger(value) ? "int" : "float");
    case "bigint":
      return scalar("bigint");
    case "boolean":
      return scalar("boolean");
    default:
      return scalar("unknown");
  }
}

/** `?` placeholders for SQLite, `$1` for PostgreSQL: what Prisma sends each adapter. */
function toQuery(statement: Prisma.Sql, provider: Provider): SqlQuery {
  const args = statement.values;
  return { sql: provider === "sqlite" ? statement.sql : statement.text, args, argTypes: args.map(argTypeOf) };
}

/** One cell as `$queryRaw` returns it, by the column's type as the adapter reports it (Prisma's own mapping). */
function decode(value: unknown, type: ColumnType): unknown {
  if (value === null) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
      return Math.trunc(Number(value));
    case ColumnTypeEnum.Int64:
      return BigInt(typeof value === "number" ? Math.trunc(value) : (value as string | bigint));
    case ColumnTypeEnum.Numeric:
      return new Prisma.Decimal(value as string | number);
    case ColumnTypeEnum.Boolean:
      return typeof value === "boolean" ? value : value === 1 || value === "1" || value === "true";
    case ColumnTypeEnum.Date:
    case ColumnTypeEnum.DateTime:
      return new Date(value as string | number);
    case ColumnTypeEnum.Time:
      return new Date(`1970-01-01T${value as string}Z`);
    case ColumnTypeEnum.Json:
      return typeof value === "string" ? JSON.parse(value) : value;
    case ColumnTypeEnum.Bytes:
      return Array.isArray(value) ? new Uint8Array(value) : value;
    default:
      return value;
  }
}

export function directSql(adapter: () => Promise<SqlDriverAdapter>, provider: Provider): DirectSql {
  const COMMIT: SqlQuery = { sql: "COMMIT", args: [], argTypes: [] };
  const ROLLBACK: SqlQuery = { sql: "ROLLBACK", args: [], argTypes: [] };
  return {
    async query<T>(statement: Prisma.Sql): Promise<T[]> {
      const { columnNames, columnTypes, rows } = await (await adapter()).queryRaw(toQuery(statement, provider));
      return rows.map((row) => {
        const record: Record<string, unknown> = {};
        for (let i = 0; i < columnNames.length; i++) record[columnNames[i]!] = decode(row[i], columnTypes[i]!);
        return record as T;
      });
    },

    async execute(statement: Prisma.Sql): Promise<number> {
      return (await adapter()).executeRaw(toQuery(statement, provider));
    },

    async transaction(statements: readonly Prisma.Sql[]): Promise<number[]> {
      // The adapter's own transaction: on SQLite it waits for (and holds) the lock Prisma's transactions take.
      const tx = await (await adapter()).startTransaction();
      try {
        const changed: number[] = [];
        for (const statement of statements) changed.push(await tx.executeRaw(toQuery(statement, provider)));
        await tx.executeRaw(COMMIT);
        await tx.commit();
        return changed;
      } catch (error) {
        await tx.executeRaw(ROLLBACK).catch(() => undefined);
        await tx.rollback();
        throw error;
      }
    },
  };
}

/** The driver's own kind of failure (`UniqueConstraintViolation`, …) of a statement sent here, if it is one. */
export function driverErrorKind(error: unknown): string | undefined {
  // By name, not instanceof: each adapter may bring its own copy of the class.
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: { kind?: unknown } };
  return name === "DriverAdapterError" && typeof cause?.kind === "string" ? cause.kind : undefined;
}
