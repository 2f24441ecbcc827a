/** Changes to client records that need a role: assign, archive, and reading a client's history. */
import { clientNameKey, decodeSlackEntities, normalizeClientName } from "../domain/text.ts";
import type { AuditRow } from "../store/audit.ts";
import type { ClientRow } from "../store/clients.ts";
import type { Store } from "../store/index.ts";
import type { ClientResolution, ClientService } from "./clients.ts";
import type { Clock, RequestContext } from "./context.ts";
import type { RoleService } from "./roles.ts";

type NotFound = Exclude<ClientResolution, { kind: "found" }>;

export type AssignResult = { kind: "assigned"; client: ClientRow; previousOwner: string | null } | { kind: "refused" } | NotFound;
export type ArchiveResult = { kind: "archived"; client: ClientRow } | { kind: "already-archived"; client: ClientRow } | { kind: "refused" } | NotFound;
export type HistoryResult = { kind: "history"; client: ClientRow; entries: AuditRow[] } | { kind: "refused" } | NotFound;

const HISTORY_SIZE = 20;

export function clientRecordService(deps: { store: Store; clock: Clock; clients: ClientService; roles: RoleService }) {
  const { store, clock, clients, roles } = deps;

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

    /** The owner, their manager or an admin may archive; the record and its history are kept. */
    async archive(ctx: RequestContext, query: string): Promise<ArchiveResult> {
      const found = await resolveExactly(ctx, query);
      if (found.kind !== "found") return found;
      const client = found.client;
      const allowed = client.ownerSlackId ? await roles.canActFor(ctx, client.ownerSlackId) : (await roles.roleOf(ctx)) !== "rep";
      if (!allowed) return { kind: "refused" };
      if (!(await store.clients.archive(ctx.workspaceId, client.id, clock.now()))) return { kind: "already-archived", client };
      await store.audit.record(ctx.workspaceId, { actorSlackId: ctx.userId, action: "client.archive", entity: "client", entityId: client.id, details: { name: client.name } });
      return { kind: "archived", client };
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
