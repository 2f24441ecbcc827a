/** Prisma binds at most 999 values per statement on SQLite: lists of ids or keys go in chunks of this many. */
export const IN_LIST_LIMIT = 900;

/** `items` in consecutive slices of at most `size`. */
export function* chunksOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/**
 * `fetch` over `items` a chunk of at most `size` at a time, one statement after another, the rows concatenated in
 * chunk order: for lists that grow with the data (a team, the reps due a nudge), which one IN list would take past
 * SQLite's 999 bound values.
 */
export async function inChunks<T, R>(items: readonly T[], fetch: (chunk: T[]) => Promise<readonly R[]>, size = IN_LIST_LIMIT): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of chunksOf(items, size)) rows.push(...(await fetch(chunk)));
  return rows;
}

/**
 * Keyset paging for exports and jobs: rows come a page at a time in a stable order, so memory stays flat at any
 * table size and no page is skipped or repeated while other rows are written.
 */
export async function* inPages<Row>(
  fetchPage: (after: string | undefined, take: number) => Promise<Row[]>,
  keyOf: (row: Row) => string,
  pageSize: number,
): AsyncGenerator<Row> {
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = keyOf(page[page.length - 1]!);
  }
}
