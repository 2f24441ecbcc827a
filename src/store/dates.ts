/** Calendar dates (YYYY-MM-DD) are stored as UTC midnight; these convert at the store's edge. */
export const dateToDb = (date: string): Date => new Date(`${date}T00:00:00.000Z`);
export const dateFromDb = (value: Date): string => value.toISOString().slice(0, 10);

/**
 * A date from a raw statement: a computed column has no declared type on SQLite, so it comes back as the ISO text
 * Prisma stored; PostgreSQL returns dates.
 */
export const asDate = (value: Date | string | null): Date | null => (value === null || value instanceof Date ? value : new Date(value));
