/** Calendar dates (YYYY-MM-DD) are stored as UTC midnight; these convert at the store's edge. */
export const dateToDb = (date: string): Date => new Date(`${date}T00:00:00.000Z`);
export const dateFromDb = (value: Date): string => value.toISOString().slice(0, 10);
