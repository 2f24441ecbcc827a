/**
 * CSV exports: the import columns first (so an export imports back as is), then what the store adds (tier, score,
 * ids, ...). Rows stream from the repositories page by page, so a large workspace never sits in memory.
 */
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { dateFromDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";
import { EXPORT_ONLY_COLUMNS, IMPORT_COLUMNS, guardFormula } from "./imports.ts";

export const EXPORT_KINDS = ["clients", "interactions", "users", "audit"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_COLUMNS: Record<ExportKind, readonly string[]> = {
  clients: [...IMPORT_COLUMNS.clients, ...EXPORT_ONLY_COLUMNS.clients],
  interactions: [...IMPORT_COLUMNS.interactions, ...EXPORT_ONLY_COLUMNS.interactions],
  users: [...IMPORT_COLUMNS.users, ...EXPORT_ONLY_COLUMNS.users],
  audit: ["created_at", "actor", "action", "entity", "entity_id", "details"],
};

// Free text (names, summaries) may have been typed by anyone in Slack: guarded against formula injection.
const text = (value: string | null) => (value === null ? "" : guardFormula(value));
const plain = (value: string | number | boolean | null) => (value === null ? "" : String(value));
const date = (value: Date | null) => (value === null ? "" : dateFromDb(value));
const timestamp = (value: Date | null) => (value === null ? "" : value.toISOString());

export function exportService(deps: { store: Store }) {
  const { store } = deps;

  /** One array of cells per record, in EXPORT_COLUMNS order. */
  async function* rows(kind: ExportKind, workspaceId: string): AsyncGenerator<string[]> {
    switch (kind) {
      case "clients":
        for await (const c of store.clients.iterate(workspaceId)) {
          yield [
            text(c.name), plain(c.ownerSlackId), plain(c.annualRevenue), date(c.relationshipSince), plain(c.relationshipType),
            plain(c.lifecycleStage), plain(c.riskLevel), text(c.industry), text(c.region), plain(c.satisfaction), plain(c.cadenceDays),
            plain(c.tier), plain(c.score), plain(c.tierOverride), text(c.tierOverrideReason), timestamp(c.lastTouchAt), timestamp(c.archivedAt),
          ];
        }
        return;
      case "interactions":
        for await (const i of store.interactions.iterate(workspaceId)) {
          yield [
            text(i.clientName), plain(i.repSlackId), plain(i.type), timestamp(i.occurredAt), text(i.summary), plain(i.sentiment),
            date(i.nextFollowUpOn), plain(i.id), plain(i.source),
          ];
        }
        return;
      case "users":
        for await (const u of store.users.iterate(workspaceId)) {
          yield [plain(u.slackId), plain(u.role), plain(u.managerSlackId), plain(u.timezone), plain(u.locale), plain(u.active)];
        }
        return;
      case "audit":
        for await (const a of store.audit.iterate(workspaceId)) {
          yield [timestamp(a.createdAt), text(a.actorSlackId), text(a.action), text(a.entity), text(a.entityId), text(a.details)];
        }
        return;
    }
  }

  return {
    rows,

    /** Writes the CSV (header included) to `out` and returns the number of records. `out` is left open. */
    async writeCsv(kind: ExportKind, workspaceId: string, out: Writable): Promise<number> {
      let count = 0;
      const counted = async function* () {
        for await (const row of rows(kind, workspaceId)) {
          count++;
          yield row;
        }
      };
      const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS[kind]] });
      await pipeline(Readable.from(counted()), csv, out, { end: false });
      return count;
    },

    /** Exports leave the system with personal data: the audit trail says who took what. */
    async recordExport(kind: ExportKind, workspaceId: string, rowCount: number, actor = "cli"): Promise<void> {
      await store.audit.record(workspaceId, { actorSlackId: actor, action: `export.${kind}`, entity: kind, details: { rows: rowCount } });
    },
  };
}
export type ExportService = ReturnType<typeof exportService>;
