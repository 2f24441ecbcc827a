import { driverErrorKind } from "./direct-sql.ts";

/** Prisma's error codes (and the driver's, for statements sent past Prisma) that repositories translate into domain outcomes. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if (driverErrorKind(error) === "UniqueConstraintViolation") return true;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  // P2002 from model queries; P2010 (raw query failed) carries the driver's own kind for the bulk inserts.
  return code === "P2002" || (code === "P2010" && meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation");
}
