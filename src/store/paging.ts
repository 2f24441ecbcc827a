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
