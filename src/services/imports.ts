/**
 * CSV imports of clients, interactions and users: the header is checked once, every row is validated on its own
 * (a bad row is reported by line and skipped, never fatal), and good rows are written in batches, one transaction
 * per batch. Each import is idempotent, so a run stopped by a broken file can simply be run again once fixed:
 * clients update by name, people by Slack id, and an identical touch is never stored twice.
 */
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { z } from "zod";
import { INTERACTION_TYPES, LIMITS, SENTIMENTS, DEFAULT_SENTIMENT } from "../domain/interaction.ts";
import { LIFECYCLE_STAGES, RELATIONSHIP_TYPES, RISK_LEVELS, type Rules } from "../domain/rules.ts";
import { clientNameKey, codePointLength, invisibleCharactersIn, normalizeClientName, storableText, truncateText } from "../domain/text.ts";
import type { ClientFields, ClientRow } from "../store/clients.ts";
import { dateToDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";
import type { InteractionImportItem } from "../store/interactions.ts";
import { clientService } from "./clients.ts";
import type { Clock } from "./context.ts";
import { followCadence } from "./follow-cadence.ts";
import { sweepKeyStatus } from "./key-status.ts";
import { followUpAfterTouch, storedFollowUp } from "./interactions.ts";

export const IMPORT_KINDS = ["clients", "interactions", "users"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const USER_ROLES = ["rep", "manager", "admin"] as const;

/** The columns each import reads, in the order exports write them. */
export const IMPORT_COLUMNS = {
  clients: [
    "name", "owner", "annual_revenue", "relationship_since", "relationship_type", "lifecycle_stage", "risk_level",
    "industry", "region", "satisfaction", "cadence_days",
  ],
  interactions: ["client", "rep", "type", "occurred_at", "summary", "sentiment", "next_follow_up"],
  users: ["slack_id", "role", "manager"],
} as const satisfies Record<ImportKind, readonly string[]>;

/** Columns an export adds after the import columns: known to the import (a round trip warns of nothing) and ignored. */
export const EXPORT_ONLY_COLUMNS = {
  clients: ["tier", "score", "tier_override", "tier_override_reason", "last_touch_at", "archived_at"],
  interactions: ["id", "source"],
  users: ["timezone", "locale", "active"],
} as const satisfies Record<ImportKind, readonly string[]>;

const REQUIRED_COLUMNS: Record<ImportKind, readonly string[]> = {
  clients: ["name"],
  interactions: ["client", "rep", "type", "occurred_at"],
  users: ["slack_id"],
};

/** A problem with the file as a whole (unreadable, empty, a required column missing): the import stops. */
export class ImportFileError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Spreadsheet formula guard, shared with exports.

// Spreadsheets run a cell starting with = + - @ (or a tab or CR) as a formula; a name or summary typed in Slack
// must not. Text that already has apostrophes before such a character gets one more, so the import's unguarding
// (strip one apostrophe) gives back exactly what was stored: "'=x" stays "'=x".
const GUARDED = /^'*[=+\-@\t\r]/;

/** Prefixes text that a spreadsheet would run as a formula with an apostrophe (OWASP "CSV injection"). */
export function guardFormula(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

/** Inverse of {@link guardFormula}, so an exported file imports back to the same text. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && GUARDED.test(text.slice(1)) ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Header.

/** A row's cells by column name: trimmed, a blank cell is undefined. */
export type Cells = Readonly<Record<string, string | undefined>>;

export interface Header {
  /** The known column at each position, or null for a column the import ignores. */
  columns: readonly (string | null)[];
  /** Header names the import does not know, as written. */
  unknown: readonly string[];
}

const headerName = (raw: string) => raw.trim().toLowerCase().replace(/[\s-]+/g, "_");

/** Maps header names to columns; throws ImportFileError naming a missing required or repeated column. */
export function readHeader(kind: ImportKind, raw: readonly string[]): Header {
  const known: ReadonlySet<string> = new Set(IMPORT_COLUMNS[kind]);
  const quiet: ReadonlySet<string> = new Set(EXPORT_ONLY_COLUMNS[kind]);
  const seen = new Set<string>();
  const unknown: string[] = [];
  const columns = raw.map((cell) => {
    const name = headerName(cell);
    if (!known.has(name)) {
      if (!quiet.has(name)) unknown.push(cell.trim() === "" ? "(blank)" : cell.trim());
      return null;
    }
    if (seen.has(name)) throw new ImportFileError(`the header names the column "${name}" twice`);
    seen.add(name);
    return name;
  });
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !seen.has(c));
  if (missing.length > 0) {
    const list = missing.map((c) => `"${c}"`).join(", ");
    // A spreadsheet saved with ";" or tabs reads as a single column: say so rather than just "missing".
    const single = raw.length === 1 ? /[;\t|]/.exec(raw[0] ?? "")?.[0] : undefined;
    const hint = single ? ` (the header is one column, "${raw[0]}": save the file with commas as separators)` : "";
    throw new ImportFileError(`the header has no ${list} column${missing.length > 1 ? "s" : ""} (${kind} need ${REQUIRED_COLUMNS[kind].join(", ")})${hint}`);
  }
  return { columns, unknown };
}

/** The cells of a data row under a header; callers check the field count first. */
export function cellsOf(header: Header, fields: readonly string[]): Cells {
  const cells: Record<string, string | undefined> = {};
  header.columns.forEach((column, index) => {
    if (!column) return;
    const value = (fields[index] ?? "").trim();
    cells[column] = value === "" ? undefined : value;
  });
  return cells;
}

// ---------------------------------------------------------------------------------------------------------------
// Cell parsers. Every message names its column; a row's messages are joined into one line.

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000; // a date typed in a zone ahead of UTC is not "in the future"
const TEXT_LIMIT = 100;

const slackUserId = (column: string) => z.string().regex(SLACK_USER_ID, `${column} must be a Slack user id such as U0123ABCD`);

const oneOf = <const T extends readonly [string, ...string[]]>(column: string, values: T) =>
  z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(values, { error: `${column} must be one of ${values.join(", ")}` }));

const required = <T extends z.ZodType<unknown, string>>(column: string, schema: T) =>
  z.string({ error: `${column} is required` }).pipe(schema);

/** A real calendar date written YYYY-MM-DD, or null. */
export function parseCalendarDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return text;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * An ISO 8601 date and time; no offset means UTC. A space may stand for the `T` (as spreadsheets write it), and a
 * bare date is midnight UTC. Null when malformed or not a real instant (month 13, February 30, 25:00).
 */
export function parseTimestamp(text: string): Date | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const date = parseCalendarDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (!date) return null;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  let offsetMinutes = 0;
  const offset = m[8];
  if (offset && offset.toUpperCase() !== "Z") {
    const digits = offset.slice(1).replace(":", "");
    const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (offset.startsWith("-") ? -1 : 1) * (oh * 60 + om);
  }
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute, second, millis);
  return new Date(utc - offsetMinutes * 60_000);
}

const calendarDate = (column: string) =>
  z.string().transform((s, ctx) => {
    const date = parseCalendarDate(s);
    if (date === null) {
      ctx.addIssue({ code: "custom", message: `${column} must be a date as YYYY-MM-DD` });
      return z.NEVER;
    }
    return date;
  });

const pastDate = (column: string, now: Date) =>
  calendarDate(column).refine((date) => dateToDb(date).getTime() <= now.getTime() + FUTURE_TOLERANCE_MS, `${column} is in the future`);

const wholeNumber = (column: string, min: number, max: number, what: string) =>
  z.string().transform((s, ctx) => {
    const n = /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
    if (!(n >= min && n <= max)) {
      ctx.addIssue({ code: "custom", message: `${column} must be a whole number${what} from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });

const MAX_REVENUE = 1e15;
/** An import of this many rows or more refreshes the database's planner statistics. */
const STATISTICS_AFTER_ROWS = 1_000;

/** A non-negative amount: plain digits, an optional decimal part, optional thousands commas ("1,250,000"). */
const amount = (column: string) =>
  z.string().transform((s, ctx) => {
    const plain = /^\d+(\.\d+)?$/.test(s) ? s : /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replaceAll(",", "") : null;
    const n = plain === null ? Number.NaN : Number(plain);
    if (!(n >= 0 && n <= MAX_REVENUE)) {
      ctx.addIssue({ code: "custom", message: `${column} must be an amount of 0 or more, such as 1250000` });
      return z.NEVER;
    }
    return n;
  });

/** Industry or region, as read (see readCell): at most TEXT_LIMIT characters. */
const shortText = (column: string) => z.string().refine((s) => codePointLength(s) <= TEXT_LIMIT, `${column} is longer than ${TEXT_LIMIT} characters`);

/** A client name as read (see readCell): not blank, within the limit; its key is how it is matched. */
function checkClientName(column: string, name: string): { ok: true; name: string; key: string } | { ok: false; message: string } {
  const length = codePointLength(name);
  if (length === 0) return { ok: false, message: `${column} is blank once spaces and invisible characters are removed` };
  if (length > LIMITS.clientName) return { ok: false, message: `${column} is ${length} characters; the limit is ${LIMITS.clientName}` };
  return { ok: true, name, key: clientNameKey(name) };
}

const clientName = (column: string) =>
  z.string().transform((s, ctx) => {
    const checked = checkClientName(column, s);
    if (!checked.ok) {
      ctx.addIssue({ code: "custom", message: checked.message });
      return z.NEVER;
    }
    return { name: checked.name, key: checked.key };
  });

// ---------------------------------------------------------------------------------------------------------------
// Reading a cell. Every cell is trimmed (surrounding spaces are not content) and a text cell loses the export's
// formula guard (see guardFormula). Beyond that nothing changes quietly: a cell read otherwise than it is written is
// imported and reported by line, saying what changed, and a line break where a value must be one line refuses the
// row, naming the column.

/**
 * How a column's cells are read:
 * - `name`: a client name, in the display form `/client add` stores (NFKC, one space between words, invisible and
 *   control characters removed); one line.
 * - `label`: industry and region, matched against the scoring lists: one space between words, control characters
 *   removed; one line.
 * - `prose`: free text (a touch's summary): line breaks are content and kept (CRLF and CR as LF, as Slack writes
 *   them); NUL, which no store can keep, is removed.
 * - `value`: everything else (ids, dates, numbers, choices): one line, as written; its parser says what it takes.
 */
export type CellForm = "name" | "label" | "prose" | "value";

const CELL_FORMS: Record<ImportKind, Readonly<Record<string, CellForm>>> = {
  clients: { name: "name", industry: "label", region: "label" },
  interactions: { client: "name", summary: "prose" },
  users: {},
};

export type CellRead = { ok: true; text: string; note?: string } | { ok: false; message: string };

// Unicode's mandatory breaks (UAX #14): LF, CR, NEL, VT, FF, LS, PS.
const LINE_BREAK_IN_CELL = /[\n\v\f\r\u0085\u2028\u2029]/u;
const NON_SPACE_WHITESPACE = /[^\S ]/u;
const CONTROL_NOT_SPACE = /(?!\s)\p{Cc}/gu;
const SHOWN_ESCAPED = /(?![\u200C\u200D])[\p{Cc}\p{Cf}]|[^\S ]/gu; // ZWJ and ZWNJ are part of emoji and several scripts
const QUOTED_MAX = 200;

const codePoint = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/** Text in quotes for a message, invisible and control characters spelled out (a tab as \t, others as \u{200B}). */
export function quoteCell(text: string): string {
  const escaped = truncateText(text, QUOTED_MAX)
    .replace(/["\\]/g, "\\$&")
    .replace(SHOWN_ESCAPED, (c) => (c === "\t" ? "\\t" : `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`));
  return `"${escaped}"`;
}

function whatChanged(text: string, form: "name" | "label"): string[] {
  const what: string[] = [];
  const spaced = text.replace(/\s/gu, " ");
  if (form === "name" && spaced.normalize("NFKC") !== spaced) what.push("Unicode NFKC applied: fullwidth letters and other compatibility characters made plain");
  if (NON_SPACE_WHITESPACE.test(text)) what.push("tabs and other spaces made plain spaces");
  if (/\s{2,}/u.test(text)) what.push("runs of spaces made one");
  const removed = form === "name" ? invisibleCharactersIn(text) : [...new Set(text.match(CONTROL_NOT_SPACE) ?? [])];
  if (removed.length > 0) what.push(`${form === "name" ? "invisible and control" : "control"} characters removed: ${removed.map(codePoint).join(", ")}`);
  return what;
}

/** One cell as the import reads it in a column of the given form, or why the row is refused. */
export function readCell(column: string, form: CellForm, cell: string): CellRead {
  const trimmed = cell.trim();
  if (form !== "prose" && LINE_BREAK_IN_CELL.test(trimmed)) return { ok: false, message: `${column} has a line break inside the cell; put it on one line` };
  if (form === "value") return { ok: true, text: trimmed };
  const text = unguardFormula(trimmed);
  if (form === "prose") {
    const nuls = text.split("\u0000").length - 1;
    const read = storableText(text).replace(/\r\n?/g, "\n");
    return nuls === 0 ? { ok: true, text: read } : { ok: true, text: read, note: `${column}: ${nuls === 1 ? "a NUL character" : `${nuls} NUL characters`} removed (no store can keep them)` };
  }
  const read = form === "name" ? normalizeClientName(text) : text.replace(CONTROL_NOT_SPACE, "").replace(/\s+/gu, " ").trim();
  if (read === text) return { ok: true, text: read };
  const what = whatChanged(text, form);
  return { ok: true, text: read, note: `${column} ${quoteCell(text)} read as ${quoteCell(read)} (${what.length > 0 ? what.join("; ") : "changed"})` };
}

// ---------------------------------------------------------------------------------------------------------------
// Row schemas.

/** A row's value and the notes on cells read otherwise than written, or every reason the row is refused. */
export type RowCheck<T> = { ok: true; value: T; notes: readonly string[] } | { ok: false; message: string };

function checker<T>(kind: ImportKind, schema: z.ZodType<T>): (cells: Cells) => RowCheck<T> {
  const forms = CELL_FORMS[kind];
  const position = new Map<string, number>(IMPORT_COLUMNS[kind].map((column, index) => [column, index]));
  return (cells) => {
    const read: Record<string, string | undefined> = {};
    const refused: { column: string; message: string }[] = [];
    const notes: string[] = [];
    for (const [column, cell] of Object.entries(cells)) {
      if (cell === undefined) continue;
      const form = forms[column] ?? "value";
      const r = readCell(column, form, cell);
      if (!r.ok) refused.push({ column, message: r.message });
      else {
        // A label or summary of nothing but removed characters is a blank cell; a blank name is refused as such.
        read[column] = r.text === "" && form !== "name" ? undefined : r.text;
        if (r.note) notes.push(r.note);
      }
    }
    const parsed = schema.safeParse(read);
    if (parsed.success && refused.length === 0) return { ok: true, value: parsed.data, notes };
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ column: String(i.path[0] ?? ""), message: i.message }));
    // A refused cell is said once, by its own reason (not also as "required" or "must be one of").
    const all = [...refused, ...issues.filter((i) => !refused.some((r) => r.column === i.column))];
    all.sort((a, b) => (position.get(a.column) ?? Infinity) - (position.get(b.column) ?? Infinity));
    return { ok: false, message: [...new Set(all.map((i) => i.message))].join("; ") };
  };
}

/** A client row; an undefined field is a blank cell, which keeps the stored value on a re-import. */
export interface ClientImport {
  name: string;
  nameKey: string;
  ownerSlackId?: string;
  annualRevenue?: number;
  relationshipSince?: Date;
  relationshipType?: string;
  lifecycleStage?: string;
  riskLevel?: string;
  industry?: string;
  region?: string;
  satisfaction?: number;
  cadenceDays?: number;
}

export function clientRowChecker(now: Date): (cells: Cells) => RowCheck<ClientImport> {
  const schema = z
    .object({
      name: required("name", clientName("name")),
      owner: slackUserId("owner").optional(),
      annual_revenue: amount("annual_revenue").optional(),
      relationship_since: pastDate("relationship_since", now).optional(),
      relationship_type: oneOf("relationship_type", RELATIONSHIP_TYPES).optional(),
      lifecycle_stage: oneOf("lifecycle_stage", LIFECYCLE_STAGES).optional(),
      risk_level: oneOf("risk_level", RISK_LEVELS).optional(),
      industry: shortText("industry").optional(),
      region: shortText("region").optional(),
      satisfaction: wholeNumber("satisfaction", 0, 100, "").optional(),
      cadence_days: wholeNumber("cadence_days", 1, 3650, " of days").optional(),
    })
    .transform((r): ClientImport => ({
      name: r.name.name,
      nameKey: r.name.key,
      ownerSlackId: r.owner,
      annualRevenue: r.annual_revenue,
      relationshipSince: r.relationship_since === undefined ? undefined : dateToDb(r.relationship_since),
      relationshipType: r.relationship_type,
      lifecycleStage: r.lifecycle_stage,
      riskLevel: r.risk_level,
      industry: r.industry,
      region: r.region,
      satisfaction: r.satisfaction,
      cadenceDays: r.cadence_days,
    }));
  return checker("clients", schema);
}

export interface InteractionImport {
  clientName: string;
  clientKey: string;
  repSlackId: string;
  type: string;
  occurredAt: Date;
  summary: string;
  sentiment: string;
  /** YYYY-MM-DD, or null when the row sets none. */
  nextFollowUp: string | null;
}

export function interactionRowChecker(now: Date): (cells: Cells) => RowCheck<InteractionImport> {
  const schema = z
    .object({
      client: required("client", clientName("client")),
      rep: required("rep", slackUserId("rep")),
      type: required("type", oneOf("type", INTERACTION_TYPES)),
      occurred_at: required(
        "occurred_at",
        z.string().transform((s, ctx) => {
          const at = parseTimestamp(s);
          if (!at) ctx.addIssue({ code: "custom", message: "occurred_at must be an ISO 8601 date and time, such as 2026-11-20T14:30:00Z" });
          else if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) ctx.addIssue({ code: "custom", message: "occurred_at is in the future" });
          return at ?? z.NEVER;
        }),
      ),
      summary: z
        .string()
        .refine((s) => codePointLength(s) <= LIMITS.summary, {
          error: (issue) => `summary is ${codePointLength(String(issue.input))} characters; the limit is ${LIMITS.summary}`,
        })
        .optional(),
      sentiment: oneOf("sentiment", SENTIMENTS).optional(),
      next_follow_up: calendarDate("next_follow_up").optional(),
    })
    .transform((r): InteractionImport => ({
      clientName: r.client.name,
      clientKey: r.client.key,
      repSlackId: r.rep,
      type: r.type,
      occurredAt: r.occurred_at,
      summary: r.summary ?? "",
      sentiment: r.sentiment ?? DEFAULT_SENTIMENT,
      nextFollowUp: r.next_follow_up ?? null,
    }));
  return checker("interactions", schema);
}

/** A person; an undefined role or manager keeps the stored one (a new person is a rep with no manager). */
export interface UserImport {
  slackId: string;
  role?: string;
  managerSlackId?: string;
}

export function userRowChecker(): (cells: Cells) => RowCheck<UserImport> {
  const schema = z
    .object({
      slack_id: required("slack_id", slackUserId("slack_id")),
      role: oneOf("role", USER_ROLES).optional(),
      manager: slackUserId("manager").optional(),
    })
    .refine((r) => r.manager === undefined || r.manager !== r.slack_id, "manager must be someone other than the person")
    .transform((r): UserImport => ({ slackId: r.slack_id, role: r.role, managerSlackId: r.manager }));
  return checker("users", schema);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the file.

export interface CsvRecord {
  /** The line the record starts on; the header is line 1. */
  line: number;
  fields: string[];
}

const LINE_BREAK = /\r\n|\r|\n/g;
const MAX_RECORD_BYTES = 1_000_000; // an unclosed quote must not swallow a whole large file into memory

/**
 * Streams CSV records; a syntax error stops with an ImportFileError naming the line, after every record before it.
 * The file is fed to the parser chunk by chunk and each chunk's records are handed over before the next is read:
 * that is the back-pressure, and a stream error cannot discard records the parser had already produced.
 */
export async function* readCsvRecords(source: Readable | AsyncIterable<string | Buffer>): AsyncGenerator<CsvRecord> {
  const parsed: CsvRecord[] = [];
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    // Rows of empty cells are what spreadsheets leave below the data; they are not rows anyone wrote.
    skip_records_with_empty_values: true,
    // Field counts are checked per row, so that one short row is reported and skipped rather than fatal.
    relax_column_count: true,
    max_record_size: MAX_RECORD_BYTES,
    on_record: (record: string[], info) => {
      // `info.lines` is where the record ends, except that csv-parse counts a CRLF inside quotes as two lines.
      const breaks = record.reduce((n, field) => n + (field.match(LINE_BREAK)?.length ?? 0), 0);
      quotedCrlf += record.reduce((n, field) => n + (field.match(/\r\n/g)?.length ?? 0), 0);
      lastLine = info.lines - quotedCrlf;
      parsed.push({ line: lastLine - breaks, fields: record });
      return null; // taken here; nothing flows on through the stream
    },
  });
  let quotedCrlf = 0;
  let lastLine = 0; // where the last complete record ended
  let failure: unknown = null;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.resume(); // drain the (empty) readable side so that the parser can finish
  const feed = (chunk: string | Buffer) =>
    new Promise<void>((resolve) => {
      parser.write(chunk, (error) => {
        failure ??= error ?? null;
        resolve();
      });
    });
  try {
    for await (const chunk of source as AsyncIterable<string | Buffer>) {
      await feed(chunk);
      yield* parsed.splice(0);
      if (failure) throw toFileError(failure, quotedCrlf, lastLine);
    }
    await new Promise<void>((resolve) => parser.end(() => resolve()));
    yield* parsed.splice(0);
    if (failure) throw toFileError(failure, quotedCrlf, lastLine);
  } catch (error) {
    throw toFileError(error, quotedCrlf, lastLine);
  } finally {
    parser.destroy();
  }
}

function toFileError(error: unknown, lineOvercount: number, lastLine: number): Error {
  if (error instanceof ImportFileError) return error;
  const e = error as { code?: unknown; message?: unknown; lines?: unknown };
  // csv-parse names the end of the file; the row that opened the quote is the one after the last good record.
  if (e.code === "CSV_QUOTE_NOT_CLOSED") return new ImportFileError(`line ${lastLine + 1}: not readable as CSV (a quote opened in this row is never closed)`);
  if (typeof e.code === "string" && e.code.startsWith("CSV_") && typeof e.message === "string") {
    const line = typeof e.lines === "number" ? `line ${e.lines - lineOvercount}: ` : "";
    // csv-parse repeats the line in its message; keep the part before it.
    const reason = e.message.replace(/\s*at line \d+.*$/s, "").replace(/:.*$/s, "");
    return new ImportFileError(`${line}not readable as CSV (${reason})`);
  }
  if (typeof e.code === "string" && typeof e.message === "string" && /^E[A-Z]+$/.test(e.code)) {
    return new ImportFileError(`cannot read the file (${e.code})`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

// ---------------------------------------------------------------------------------------------------------------
// The use case.

/** A bad row (skipped), or a note on a row imported with a cell read otherwise than written. */
export interface RowProblem {
  line: number;
  message: string;
}

export interface ImportReport {
  kind: ImportKind;
  /** Data rows read (blank rows aside). */
  rows: number;
  imported: number;
  /** Bad rows and duplicates. */
  skipped: number;
  /** Good rows with a cell read otherwise than written (each reported through `events.changed`). */
  changed: number;
  /** Rows skipped because they were already imported (interactions). */
  duplicates: number;
  /** Their first lines, for the summary. */
  duplicateLines: number[];
  /** Distinct records created and updated (clients). */
  created: number;
  updated: number;
  unknownColumns: readonly string[];
}

export interface ImportEvents {
  /** Bad rows, in line order, batch by batch. */
  problem(problem: RowProblem): void;
  /** What was changed in a good row's cells (one call per cell), in line order with the problems. */
  changed(note: RowProblem): void;
  warning(message: string): void;
  progress(report: Readonly<ImportReport>): void;
}

export interface ImportOptions {
  /** Recorded in the audit entry (a base name, not a path). */
  fileName: string;
  /** Who the audit trail and tier moves name. */
  actor?: string;
  /**
   * Rows per transaction (default 10,000). Fewer commits make a large import faster; each batch holds SQLite's one
   * write lock for about a second, which the bot's writes wait out (its busy timeout is five seconds).
   */
  batchSize?: number;
  progressEvery?: number;
  events?: Partial<ImportEvents>;
}

interface Row<T> {
  line: number;
  value: T;
  notes: readonly string[];
}

interface BatchOutcome {
  imported: number;
  created: number;
  updated: number;
  problems: RowProblem[];
  duplicateLines: number[];
}

interface KindHandler<T> {
  check(cells: Cells): RowCheck<T>;
  write(workspaceId: string, rows: readonly Row<T>[]): Promise<BatchOutcome>;
}

const DUPLICATE_LINES_KEPT = 20;
const PLAN_ATTEMPTS = 3;

const fieldsOf = ({ id: _id, lastTouchAt: _touch, archivedAt: _archived, createdAt: _created, ...fields }: ClientRow): ClientFields => fields;

export function importService(deps: { store: Store; rules: Rules; clock: Clock }) {
  const { store, rules, clock } = deps;
  const clients = clientService(deps);

  function clientHandler(now: Date, actor: string): KindHandler<ClientImport> {
    return {
      check: clientRowChecker(now),
      async write(workspaceId, rows) {
        for (let attempt = 1; ; attempt++) {
          const found = await store.clients.findManyByKeys(workspaceId, rows.map((r) => r.value.nameKey));
          const existing = new Map(found.map((c) => [c.nameKey, c]));
          const planned = new Map<string, { id: string | null; fields: ClientFields }>();
          // Rows apply in file order, so a name repeated in the file ends with its last row's values.
          for (const { value } of rows) {
            const stored = existing.get(value.nameKey);
            const base = planned.get(value.nameKey) ?? (stored ? { id: stored.id, fields: fieldsOf(stored) } : { id: null, fields: null });
            const merged = mergeClient(base.fields, value);
            planned.set(value.nameKey, { id: base.id, fields: { ...merged, ...clients.scored(merged) } });
          }
          const plans = [...planned.values()];
          const creates = plans.filter((p) => p.id === null).map((p) => p.fields);
          const updates = plans.flatMap((p) => (p.id === null ? [] : [{ id: p.id, fields: p.fields }]));
          const result = await store.clients.importBatch(workspaceId, { creates, updates }, actor, "import");
          if (result.ok) return { imported: rows.length, created: creates.length, updated: updates.length, problems: [], duplicateLines: [] };
          // Someone added one of these names meanwhile: read again and turn that create into an update.
          if (attempt >= PLAN_ATTEMPTS) throw new Error("clients kept being added while the import ran; run it again");
        }
      },
    };
  }

  function interactionHandler(now: Date): KindHandler<InteractionImport> {
    return {
      check: interactionRowChecker(now),
      async write(workspaceId, rows) {
        const found = await store.clients.findManyByKeys(workspaceId, rows.map((r) => r.value.clientKey));
        const byKey = new Map(found.map((c) => [c.nameKey, c]));
        const problems: RowProblem[] = [];
        const items: { line: number; item: InteractionImportItem }[] = [];
        for (const { line, value } of rows) {
          const client = byKey.get(value.clientKey);
          if (!client) {
            problems.push({ line, message: `client "${value.clientName}" is not in this workspace (import clients first)` });
            continue;
          }
          // Imports have no reader whose day it is: dates are UTC calendar days.
          const due = followUpAfterTouch(client, value.occurredAt, "UTC", value.nextFollowUp, rules);
          items.push({
            line,
            item: {
              input: {
                clientId: client.id,
                repSlackId: value.repSlackId,
                type: value.type,
                occurredAt: value.occurredAt,
                summary: value.summary,
                sentiment: value.sentiment,
                nextFollowUpOn: value.nextFollowUp === null ? null : dateToDb(value.nextFollowUp),
                source: "import",
                requestKey: null,
                permalink: null,
              },
              followUpIfLatest: storedFollowUp(due),
            },
          });
        }
        const stored = await store.interactions.recordMany(workspaceId, items.map((i) => i.item));
        const duplicateLines = items.filter((_, index) => !stored[index]).map((i) => i.line);
        return { imported: items.length - duplicateLines.length, created: 0, updated: 0, problems, duplicateLines };
      },
    };
  }

  const userHandler: KindHandler<UserImport> = {
    check: userRowChecker(),
    async write(workspaceId, rows) {
      await store.users.importMany(workspaceId, rows.map((r) => r.value));
      return { imported: rows.length, created: 0, updated: 0, problems: [], duplicateLines: [] };
    },
  };

  async function run<T>(
    kind: ImportKind,
    handler: KindHandler<T>,
    workspaceId: string,
    source: Readable | AsyncIterable<string | Buffer>,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const batchSize = Math.max(1, options.batchSize ?? 10000);
    const progressEvery = Math.max(1, options.progressEvery ?? 5000);
    const events = options.events ?? {};
    const report: ImportReport = {
      kind, rows: 0, imported: 0, skipped: 0, changed: 0, duplicates: 0, duplicateLines: [], created: 0, updated: 0, unknownColumns: [],
    };
    let header: Header | undefined;
    let headerLength = 0;
    let pending: Row<T>[] = [];
    let problems: RowProblem[] = [];

    const flush = async () => {
      const outcome = pending.length > 0 ? await handler.write(workspaceId, pending) : null;
      if (outcome) {
        report.imported += outcome.imported;
        report.created += outcome.created;
        report.updated += outcome.updated;
        report.duplicates += outcome.duplicateLines.length;
        report.skipped += outcome.duplicateLines.length + outcome.problems.length;
        report.duplicateLines.push(...outcome.duplicateLines.slice(0, Math.max(0, DUPLICATE_LINES_KEPT - report.duplicateLines.length)));
        problems.push(...outcome.problems);
      }
      const said = [
        ...problems.map((p) => ({ ...p, say: events.problem })),
        ...pending.flatMap((r) => r.notes.map((message) => ({ line: r.line, message, say: events.changed }))),
      ];
      // Sorting is stable: a row's notes stay in column order.
      for (const { say, ...p } of said.sort((a, b) => a.line - b.line)) say?.(p);
      pending = [];
      problems = [];
    };

    await store.workspaces.ensure(workspaceId);
    try {
      for await (const { line, fields } of readCsvRecords(source)) {
        if (!header) {
          header = readHeader(kind, fields);
          headerLength = fields.length;
          report.unknownColumns = header.unknown;
          if (header.unknown.length > 0) events.warning?.(`ignoring unknown column${header.unknown.length > 1 ? "s" : ""}: ${header.unknown.join(", ")}`);
          continue;
        }
        report.rows++;
        if (fields.length !== headerLength) {
          problems.push({ line, message: `${fields.length} field${fields.length === 1 ? "" : "s"}, but the header has ${headerLength}` });
          report.skipped++;
        } else {
          const checked = handler.check(cellsOf(header, fields));
          if (checked.ok) {
            pending.push({ line, value: checked.value, notes: checked.notes });
            if (checked.notes.length > 0) report.changed++;
          } else {
            problems.push({ line, message: checked.message });
            report.skipped++;
          }
        }
        if (pending.length + problems.length >= batchSize) await flush();
        if (report.rows % progressEvery === 0) events.progress?.(report);
      }
      if (!header) throw new ImportFileError("the file is empty (a header row is needed)");
      await flush();
    } catch (error) {
      let failure = error;
      if (error instanceof ImportFileError && header) {
        // The rows above a broken line are good: write them, so "everything before line N" is a plain fact.
        await flush();
        if (report.imported > 0) {
          const rows = report.imported === 1 ? "the 1 good row before it was" : `the ${report.imported} good rows before it were`;
          failure = new ImportFileError(`${error.message}; ${rows} imported (importing the fixed file again is safe)`);
        }
      }
      // Batches already written stay written (imports are idempotent); the audit trail says how far it got.
      if (report.imported > 0) await recordAudit(kind, workspaceId, options, report, failure).catch(() => undefined);
      throw failure;
    }
    await recordAudit(kind, workspaceId, options, report, null);
    // Updated clients may have a new tier, type or cadence: their follow-ups from cadence follow it.
    if (kind === "clients" && report.updated > 0) await followCadence(store, rules, workspaceId, "all");
    // New revenue or relationship dates move clients on and off the key list (new clients are recorded silently).
    if (kind === "clients") await sweepKeyStatus(store, rules, workspaceId, "all", { cause: "import", actorSlackId: options.actor ?? "cli", at: clock.now() });
    // A large import reshapes the tables: the query planner needs to know (see Store.refreshStatistics).
    if (report.imported >= STATISTICS_AFTER_ROWS) await store.refreshStatistics();
    return report;
  }

  async function recordAudit(kind: ImportKind, workspaceId: string, options: ImportOptions, report: ImportReport, error: unknown) {
    await store.audit.record(workspaceId, {
      actorSlackId: options.actor ?? "cli",
      action: `import.${kind}`,
      entity: kind,
      details: {
        file: options.fileName,
        imported: report.imported,
        skipped: report.skipped,
        ...(report.duplicates > 0 ? { duplicates: report.duplicates } : {}),
        ...(kind === "clients" ? { created: report.created, updated: report.updated } : {}),
        ...(error ? { stoppedBy: error instanceof Error ? error.message : String(error) } : {}),
      },
    });
  }

  return {
    /** Imports one CSV into a workspace; bad rows are reported through `events` and counted as skipped. */
    importCsv(kind: ImportKind, workspaceId: string, source: Readable | AsyncIterable<string | Buffer>, options: ImportOptions): Promise<ImportReport> {
      const now = clock.now();
      const actor = options.actor ?? "cli";
      switch (kind) {
        case "clients":
          return run(kind, clientHandler(now, actor), workspaceId, source, options);
        case "interactions":
          return run(kind, interactionHandler(now), workspaceId, source, options);
        case "users":
          return run(kind, userHandler, workspaceId, source, options);
      }
    },
  };
}
export type ImportService = ReturnType<typeof importService>;

/** A client's fields after a row: the row's cells where given, else what is stored (a new client: nothing). */
export function mergeClient(stored: ClientFields | null, row: ClientImport): Omit<ClientFields, "score" | "tier"> {
  const keep = <K extends keyof ClientImport>(key: K, fallback: NonNullable<ClientImport[K]> | null) => row[key] ?? fallback;
  return {
    // The name is what the row is matched by, not a field it sets: "ACME" updates "Acme" and leaves its spelling.
    name: stored?.name ?? row.name,
    nameKey: row.nameKey,
    ownerSlackId: keep("ownerSlackId", stored?.ownerSlackId ?? null),
    annualRevenue: keep("annualRevenue", stored?.annualRevenue ?? null),
    relationshipSince: keep("relationshipSince", stored?.relationshipSince ?? null),
    relationshipType: keep("relationshipType", stored?.relationshipType ?? null),
    lifecycleStage: keep("lifecycleStage", stored?.lifecycleStage ?? null),
    riskLevel: keep("riskLevel", stored?.riskLevel ?? null),
    industry: keep("industry", stored?.industry ?? null),
    region: keep("region", stored?.region ?? null),
    satisfaction: keep("satisfaction", stored?.satisfaction ?? null),
    cadenceDays: keep("cadenceDays", stored?.cadenceDays ?? null),
    tierOverride: stored?.tierOverride ?? null,
    tierOverrideReason: stored?.tierOverrideReason ?? null,
  };
}
