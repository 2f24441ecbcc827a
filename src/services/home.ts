/**
 * What a person's App Home shows: their follow-ups due this week (overdue first), their A-tier clients with last
 * touch, the risk states their clients are in; a manager also sees the team's totals, an admin the latest delivery
 * failures, the posts still waiting to be sent and the job runs.
 */
import { todayInZone } from "../domain/when.ts";
import type { ClientRow } from "../store/clients.ts";
import { dateToDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";
import type { RiskFlagWithClient } from "../store/risk-flags.ts";
import type { Clock, RequestContext } from "./context.ts";
import { operationsOf, type Operations } from "./operations.ts";
import type { FollowUpList, FollowUpService } from "./follow-ups.ts";
import type { ProfileService } from "./profiles.ts";
import type { Role, RoleService } from "./roles.ts";

export interface Home {
  role: Role;
  today: string;
  followUps: Extract<FollowUpList, { kind: "list" }>;
  topClients: { items: (Pick<ClientRow, "id" | "name" | "tier"> & { lastTouchOn: string | null })[]; total: number };
  risks: RiskFlagWithClient[];
  /** For a manager: each person on the team (and the manager) with their overdue follow-ups. */
  team: { slackId: string; overdue: number }[] | null;
  operations: Operations | null;
}

const TOP_CLIENTS = 10;
const RISKS = 10;

export function homeService(deps: { store: Store; followUps: FollowUpService; profiles: ProfileService; roles: RoleService; clock: Clock }) {
  const { store, followUps, profiles, roles, clock } = deps;
  return {
    async home(ctx: RequestContext): Promise<Home> {
      const [role, today, list, top, risks] = await Promise.all([
        roles.roleOf(ctx),
        profiles.today(ctx),
        followUps.list(ctx),
        store.clients.list(ctx.workspaceId, { ownerSlackId: ctx.userId, tier: "A" }, TOP_CLIENTS),
        store.riskFlags.openForOwner(ctx.workspaceId, ctx.userId, RISKS),
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
        risks,
        team,
        operations,
      };
    },
  };
}
export type HomeService = ReturnType<typeof homeService>;
