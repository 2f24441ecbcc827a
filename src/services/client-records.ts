/** Changes to client records that need a role: assign, archive, and reading a client's history. */
import { clientNameKey, decodeSlackEntities, normalizeClientName } from "../domain/text.ts";
import type { AuditRow } from "../store/audit.ts";
import { scoreAndTier } from "../domain/scoring.ts";
import type { Rules } from "../domain/rules.ts";
import type { ClientFields, ClientRow } from "../store/clients.ts";
import type { Store } from "../store/index.ts";
import type { ClientResolution, ClientService } from "./clients.ts";
import type { Clock, RequestContext } from "./context.ts";
import type { RoleService } from "./roles.ts";
import { followCadence } from "./follow-cadence.ts";
import { sweepKeyStatus } from "./key-status.ts";

type NotFound = Exclude<ClientResolution, { kind: "found" }>;

export type AssignResult = { kind: "assigned"; client: ClientRow; previousOwner: string | null } | { kind: "refused" } | NotFound;
export type ReassignAllResult = { kind: "reassigned"; from: string; to: string; count: number } | { kind: "refused" } | { kind: "same-person" };
export type ArchiveResult = { kind: "archived"; client: ClientRow } | { kind: "already-archived"; client: ClientRow } | { kind: "refused" } | NotFound;
/** What the edit modal can change. */
export type ClientEdit = Pick<
  ClientFields,
  | "ownerSlackId"
  | "annualRevenue"
  | "relationshipSince"
  | "relationshipType"
  | "lifecycleStage"
  | "riskLevel"
  | "industry"
  | "region"
  | "satisfaction"
  | "cadenceDays"
  | "tierOverride"
  | "tierOverrideReason"
>;

export type EditResult = { kind: "saved"; client: ClientRow; changed: string[] } | { kind: "refused" } | { kind: "unknown-client" };
export type HistoryResult = { kind: "history"; client: ClientRow; entries: AuditRow[] } | { kind: "refused" } | NotFound;

const HISTORY_SIZE = 20;

export function clientRecordService(deps: { store: Store; rules: Rules; clock: Clock; clients: ClientService; roles: RoleService }) {
  const { store, rules, clock, clients, roles } = deps;

  /** Reps change only their own clients; managers their team's; admins everything. */
  async function mayChange(ctx: RequestContext, client: ClientRow): Promise<boolean> {
    return client.ownerSlackId ? roles.canActFor(ctx, client.ownerSlackId) : (await roles.roleOf(ctx)) !== "rep";
  }

  /** A manager acts on their own clients and their team's; an admin on everything. */
  async function mayReassign(ctx: RequestContext, from: string | null, to: string): Promise<boolean> {
    const role = await roles.roleOf(ctx);
    if (role === "admin") return true;
    if (role !== "manager") return false;
    return (from === null || (await roles.canActFor(ctx, from))) && (await roles.canActFor(ctx, to));
  }

  /** Changes need the full name: a partial match is offered back as a suggestion instead of acted on. */
  async function resolveExactly(ctx: RequestContext, query: string): Promise<ClientResolution> {
    const found = await clients.resolve(ctx, query);
    if (found.kind !== "found" || found.client.nameKey === clientNameKey(normalizeClientName(decodeSlackEntities(query)))) return found;
    return { kind: "none", query: normalizeClientName(decodeSlackEntities(query)), suggestions: [found.client.name] };
  }

  return {
    resolveForChange: resolveExactly,

    async assign(ctx: RequestContext, query: string, newOwner: string): Promise<AssignResult> {
      const found = await resolveExactly(ctx, query);
      if (found.kind !== "found") return found;
      const client = found.client;
      if (!(await mayReassign(ctx, client.ownerSlackId, newOwner))) return { kind: "refused" };
      const updated = await store.clients.update(ctx.workspaceId, client.id, { ownerSlackId: newOwner }, ctx.userId, "assign");
      await store.audit.record(ctx.workspaceId, {
        actorSlackId: ctx.userId,
        action: "client.assign",
        entity: "client",
        entityId: client.id,
        details: { from: client.ownerSlackId, to: newOwner },
      });
      return { kind: "assigned", client: updated, previousOwner: client.ownerSlackId };
    },

    /**
     * Moves all of one person's active clients to another in one step (a rep leaves or changes patch): their
     * manager (to someone on the team) or an admin. One audit entry records the move and its size.
     */
    async reassignAll(ctx: RequestContext, from: string, to: string): Promise<ReassignAllResult> {
      if (from === to) return { kind: "same-person" };
      if (!(await mayReassign(ctx, from, to))) return { kind: "refused" };
      const count = await store.clients.reassignAll(ctx.workspaceId, from, to);
      await store.audit.record(ctx.workspaceId, { actorSlackId: ctx.userId, action: "client.reassign-all", entity: "user", entityId: from, details: { from, to, count } });
      return { kind: "reassigned", from, to, count };
    },

    /** The owner, their manager or an admin may archive; the record and its history are kept. */
    async archive(ctx: RequestContext, query: string): Promise<ArchiveResult> {
      const found = await resolveExactly(ctx, query);
      if (found.kind !== "found") return found;
      const client = found.client;
      if (!(await mayChange(ctx, client))) return { kind: "refused" };
      if (!(await store.clients.archive(ctx.workspaceId, client.id, clock.now()))) return { kind: "already-archived", client };
      await store.audit.record(ctx.workspaceId, { actorSlackId: ctx.userId, action: "client.archive", entity: "client", entityId: client.id, details: { name: client.name } });
      return { kind: "archived", client };
    },

    /** May the caller open the edit form for this client? */
    mayEdit: mayChange,

    /**
     * Saves the edit form: recomputes score and tier (an override wins), records a tier move (reason "override"
     * when the override changed, else "edit") and an audit entry naming the fields that changed, and re-dates a
     * follow-up from cadence when the client's cadence changed.
     */
    async edit(ctx: RequestContext, clientId: string, edit: ClientEdit): Promise<EditResult> {
      const client = await clients.findById(ctx, clientId);
      if (!client || client.archivedAt) return { kind: "unknown-client" };
      if (!(await mayChange(ctx, client))) return { kind: "refused" };
      if (edit.ownerSlackId !== client.ownerSlackId && edit.ownerSlackId && !(await mayReassign(ctx, client.ownerSlackId, edit.ownerSlackId))) {
        return { kind: "refused" };
      }
      const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
      const changed = (Object.keys(edit) as (keyof ClientEdit)[]).filter((k) => !same(edit[k], client[k]));
      if (changed.length === 0) return { kind: "saved", client, changed };
      const merged = { ...client, ...edit };
      const overrideChanged = changed.includes("tierOverride") || changed.includes("tierOverrideReason");
      const saved = await store.clients.update(ctx.workspaceId, client.id, { ...edit, ...scoreAndTier(merged, rules, clock.now()) }, ctx.userId, overrideChanged ? "override" : "edit");
      // A new tier, type or cadence moves a follow-up that came from the cadence (one someone set stays).
      await followCadence(store, rules, ctx.workspaceId, { clientId: client.id });
      await sweepKeyStatus(store, rules, ctx.workspaceId, { clientId: client.id }, { cause: "edit", actorSlackId: ctx.userId, at: clock.now() });
      const diff = Object.fromEntries(changed.map((k) => [k, { from: client[k], to: edit[k] }]));
      await store.audit.record(ctx.workspaceId, { actorSlackId: ctx.userId, action: "client.edit", entity: "client", entityId: client.id, details: diff });
      if (overrideChanged) {
        await store.audit.record(ctx.workspaceId, {
          actorSlackId: ctx.userId,
          action: "tier.override",
          entity: "client",
          entityId: client.id,
          details: { tier: edit.tierOverride, reason: edit.tierOverrideReason },
        });
      }
      return { kind: "saved", client: saved, changed };
    },

    /** Who changed what on a client, newest first: for admins. */
    async history(ctx: RequestContext, query: string): Promise<HistoryResult> {
      if ((await roles.roleOf(ctx)) !== "admin") return { kind: "refused" };
      const found = await clients.resolve(ctx, query);
      if (found.kind !== "found") return found;
      return { kind: "history", client: found.client, entries: await store.audit.forEntity(ctx.workspaceId, "client", found.client.id, HISTORY_SIZE) };
    },
  };
}
export type ClientRecordService = ReturnType<typeof clientRecordService>;
