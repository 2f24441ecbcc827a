/**
 * What a person's App Home shows: their follow-ups due this week (overdue first), their key clients (highest score
 * first, with each one's next follow-up), their other A-tier clients with last touch, the risk states their clients
 * are in now (as the card tells them: riskService); a manager also sees the team's totals and its key-client
 * coverage, an admin the latest delivery failures, the posts still waiting to be sent and the job runs.
 */
import { daysBetween } from "../domain/cadence.ts";
import { addToCoverage, coveragePercent, emptyCoverage, mostUncovered, type Coverage } from "../domain/coverage.ts";
import type { Rules } from "../domain/rules.ts";
import { keyClientFilter } from "../domain/scoring.ts";
import { todayInZone } from "../domain/when.ts";
import type { ClientRow } from "../store/clients.ts";
import { dateFromDb, dateToDb } from "../store/dates.ts";
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
  /** The person's key clients as of now, highest score first (at most KEY_CLIENTS), each with its next follow-up. */
  keyClients: {
    items: (Pick<ClientRow, "id" | "name" | "tier" | "score"> & { nextFollowUp: { dueOn: string; daysLate: number } | null })[];
    total: number;
  };
  /** The person's A-tier clients that are not key clients (those are listed above). */
  topClients: { items: (Pick<ClientRow, "id" | "name" | "tier"> & { lastTouchOn: string | null })[]; total: number };
  /** The owner's clients in a risk state now, most states first (at most RISK_CLIENTS), and how many there are. */
  risks: { items: ClientRisks[]; clients: number; states: number };
  /** For a manager: each person on the team (and the manager) with their overdue follow-ups. */
  team: { slackId: string; overdue: number }[] | null;
  /**
   * For a manager: the team's key clients (the manager's own too) covered, touched within their cadence, out of
   * all, the whole percent covered (null: none), and who on the team has the most uncovered (at most MOST_UNCOVERED).
   */
  coverage: { keyClients: number; covered: number; percent: number | null; mostUncovered: { slackId: string; uncovered: number }[] } | null;
  operations: Operations | null;
}

const TOP_CLIENTS = 10;
const KEY_CLIENTS = 10;
const MOST_UNCOVERED = 3;
/** Key clients read per query for the team's coverage. */
const COVERAGE_PAGE = 1000;
/** Clients whose risk states Home lists; the rest are counted (`/client list mine` shows them). */
const RISK_CLIENTS = 8;

export function homeService(deps: { store: Store; rules: Rules; followUps: FollowUpService; profiles: ProfileService; roles: RoleService; clock: Clock }) {
  const { store, rules, followUps, profiles, roles, clock } = deps;
  const riskStates = riskService(deps);

  /** A team's key-client coverage, its key clients read a page at a time (a team's book can be any size). */
  async function teamCoverage(workspaceId: string, members: readonly string[], key: ReturnType<typeof keyClientFilter>, today: string): Promise<Coverage> {
    const coverage = emptyCoverage();
    let after: string | undefined;
    for (;;) {
      const page = await store.clients.keyCoveragePage(workspaceId, members, key, after, COVERAGE_PAGE);
      addToCoverage(coverage, page, rules, today);
      if (page.length < COVERAGE_PAGE) return coverage;
      after = page[page.length - 1]!.id;
    }
  }

  return {
    async home(ctx: RequestContext): Promise<Home> {
      const key = keyClientFilter(rules, clock.now());
      const [role, today, list, keyOwned, top, atRisk] = await Promise.all([
        roles.roleOf(ctx),
        profiles.today(ctx),
        followUps.list(ctx),
        store.clients.keyClientsOf(ctx.workspaceId, ctx.userId, key, KEY_CLIENTS),
        store.clients.list(ctx.workspaceId, { ownerSlackId: ctx.userId, tier: "A", notKey: key }, TOP_CLIENTS, "score"),
        riskStates.inScope(ctx.workspaceId, { kind: "owner", ownerSlackId: ctx.userId }, clock.now()),
      ]);
      if (list.kind !== "list") throw new Error("a person's own follow-ups were refused");
      const reports = role === "rep" ? [] : await store.users.reportsOf(ctx.workspaceId, ctx.userId);
      let team: Home["team"] = null;
      let coverage: Home["coverage"] = null;
      if (reports.length > 0) {
        const members = [ctx.userId, ...reports];
        const [overdueRows, cover] = await Promise.all([
          store.digestInputs.overdueByOwner(ctx.workspaceId, members, dateToDb(today)),
          teamCoverage(ctx.workspaceId, members, key, today),
        ]);
        const overdue = new Map(overdueRows.map((o) => [o.ownerSlackId, o.count]));
        team = members.map((slackId) => ({ slackId, overdue: overdue.get(slackId) ?? 0 }));
        coverage = {
          keyClients: cover.keyClients,
          covered: cover.covered,
          percent: coveragePercent(cover),
          mostUncovered: mostUncovered(cover, MOST_UNCOVERED).map((o) => ({ slackId: o.ownerSlackId, uncovered: o.uncovered })),
        };
      }
      const operations = role === "admin" ? await operationsOf(store, ctx.workspaceId, clock.now(), { failures: 5, jobRuns: 5 }) : null;
      return {
        role,
        today,
        followUps: list,
        keyClients: {
          total: keyOwned.total,
          items: keyOwned.items.map((c) => {
            const dueOn = c.followUp ? dateFromDb(c.followUp.dueOn) : null;
            return { id: c.id, name: c.name, tier: c.tier, score: c.score, nextFollowUp: dueOn ? { dueOn, daysLate: daysBetween(dueOn, today) } : null };
          }),
        },
        topClients: {
          total: top.total,
          items: top.items.map((c) => ({ id: c.id, name: c.name, tier: c.tier, lastTouchOn: c.lastTouchAt ? todayInZone(c.lastTouchAt, "UTC") : null })),
        },
        risks: { items: atRisk.slice(0, RISK_CLIENTS), clients: atRisk.length, states: atRisk.reduce((n, c) => n + c.risks.length, 0) },
        team,
        coverage,
        operations,
      };
    },
  };
}
export type HomeService = ReturnType<typeof homeService>;
