/**
 * What a person's App Home shows: their follow-ups due this week (overdue first), their A-tier clients with last
 * touch, the risk states their clients are in now (as the card tells them: riskService); a manager also sees the
 * team's totals, an admin the latest delivery failures, the posts still waiting to be sent and the job runs.
 */
import type { Rules } from "../domain/rules.ts";
import { todayInZone } from "../domain/when.ts";
import type { ClientRow } from "../store/clients.ts";
import { dateToDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";
import type { Clock, RequestContext } from "./context.ts";
import { operationsOf, type Operations } from "./operations.ts";
import type { FollowUpList, FollowUpService } from "./follow-ups.ts";
import type { ProfileService } from "./profiles.ts";
import { riskService, type ClientRisks } from "./risks.ts";
import type { Role, RoleService } from "./roles.ts";

export interface Home {
  role: Role;
  today: string;
  followUps: Extract<FollowUpList, { kind: "list" }>;
  topClients: { items: (Pick<ClientRow, "id" | "name" | "tier"> & { lastTouchOn: string | null })[]; total: number };
  /** The owner's clients in a risk state now, most states first (at most RISK_CLIENTS), and how many there are. */
  risks: { items: ClientRisks[]; clients: number; states: number };
  /** For a manager: each person on the team (and the manager) with their overdue follow-ups. */
  team: { slackId: string; overdue: number }[] | null;
  operations: Operations | null;
}

const TOP_CLIENTS = 10;
/** Clients whose risk states Home lists; the rest are counted (`/client list mine` shows them). */
const RISK_CLIENTS = 8;

export function homeService(deps: { store: Store; rules: Rules; followUps: FollowUpService; profiles: ProfileService; roles: RoleService; clock: Clock }) {
  const { store, followUps, profiles, roles, clock } = deps;
  const riskStates = riskService(deps);
  return {
    async home(ctx: RequestContext): Promise<Home> {
      const [role, today, list, top, atRisk] = await Promise.all([
        roles.roleOf(ctx),
        profiles.today(ctx),
        followUps.list(ctx),
        store.clients.list(ctx.workspaceId, { ownerSlackId: ctx.userId, tier: "A" }, TOP_CLIENTS),
        riskStates.inScope(ctx.workspaceId, { kind: "owner", ownerSlackId: ctx.userId }, clock.now()),
      ]);
      if (list.kind !== "list") throw new Error("a person's own follow-ups were refused");
      const reports = role === "rep" ? [] : await store.users.reportsOf(ctx.workspaceId, ctx.userId);
      let team: Home["team"] = null;
      if (reports.length > 0) {
        const members = [ctx.userId, ...reports];
        const overdue = new Map((await store.digestInputs.overdueByOwner(ctx.workspaceId, members, dateToDb(today))).map((o) => [o.ownerSlackId, o.count]));
        team = members.map((slackId) => ({ slackId, overdue: overdue.get(slackId) ?? 0 }));
      }
      const operations = role === "admin" ? await operationsOf(store, ctx.workspaceId, clock.now(), { failures: 5, jobRuns: 5 }) : null;
      return {
        role,
        today,
        followUps: list,
        topClients: {
          total: top.total,
          items: top.items.map((c) => ({ id: c.id, name: c.name, tier: c.tier, lastTouchOn: c.lastTouchAt ? todayInZone(c.lastTouchAt, "UTC") : null })),
        },
        risks: { items: atRisk.slice(0, RISK_CLIENTS), clients: atRisk.length, states: atRisk.reduce((n, c) => n + c.risks.length, 0) },
        team,
        operations,
      };
    },
  };
}
export type HomeService = ReturnType<typeof homeService>;
