/**
 * Builds one manager's weekly digest (or an admin's, over the whole workspace): key and A-tier clients, the risk
 * states those listed are in now (as the card and App Home tell them), overdue follow-ups by rep, new risks (the
 * states the risk job opened in the week), tier moves, key-list changes and load, coverage of key clients, each rep's
 * touches by tier against the tiers' share of value, and the reps whose touches are furthest from where their own
 * portfolio's value is. Admins also get the week's delivery failures, the posts still waiting and the job runs.
 */
import { cadenceDaysFor } from "../domain/cadence.ts";
import { effortMismatches, isCovered, overKeyLimit, tierShares, type DigestDay, type EffortMismatch, type RepEffort, type RepPortfolio, type TierCounts } from "../domain/digest.ts";
import type { StoredRiskReason } from "../domain/risk.ts";
import { TIERS, type Rules, type Tier } from "../domain/rules.ts";
import { isKeyClient, keyClientFilter, keyStatusFromJson, type KeyStatus } from "../domain/scoring.ts";
import { todayInZone } from "../domain/when.ts";
import { dateFromDb, dateToDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";
import { operationsOf, type Operations } from "./operations.ts";
import { riskService, type ClientRisks } from "./risks.ts";

/** Whose week it is: a manager's team (reports and the manager), or the whole workspace (null). */
export interface DigestAudience {
  recipient: string;
  /** The recipient and the people whose manager they are (their team), or null for the whole workspace. */
  members: readonly string[] | null;
  isAdmin: boolean;
}

export interface Digest {
  recipient: string;
  day: DigestDay;
  scope: "team" | "workspace";
  highlights: {
    items: { id: string; name: string; ownerSlackId: string | null; tier: string; keyClient: boolean; lastTouchOn: string | null; nextDueOn: string | null }[];
    total: number;
  };
  /** Of the listed key and A-tier clients (highlights), those in a risk state now, most states first, and how many. */
  risksNow: { items: ClientRisks[]; clients: number; states: number };
  overdue: { ownerSlackId: string; count: number }[];
  /** New risk states: `reason` in English, `details` for the reader's language (see StoredRiskReason). */
  newRisks: { items: (StoredRiskReason & { clientName: string; ownerSlackId: string | null; openedOn: string; cleared: boolean })[]; total: number };
  tierMoves: { items: { clientName: string; fromTier: string | null; toTier: string; reason: string }[]; total: number };
  coverage: { keyClients: number; covered: number };
  /**
   * The team's clients that joined or left the key list since the week's start, newest first (`status`: the
   * thresholds behind it, null when not readable), and how many joined and left in all.
   */
  keyChanges: { items: { clientName: string; ownerSlackId: string | null; joined: boolean; status: KeyStatus | null; on: string }[]; joined: number; left: number };
  /** The reps on the team with more key clients than the rules' `keyClient.maxPerRep`, most first. */
  keyLoad: { maxPerRep: number; over: { ownerSlackId: string; count: number }[] };
  /** The rules' currency code, for amounts in the digest's words. */
  currency: string;
  /** Each rep's touches in the week by client tier, most active first. */
  activity: { repSlackId: string; touches: TierCounts }[];
  /** The reps whose week of touches is furthest from their own portfolio's value (domain/digest.ts effortMismatches). */
  effort: EffortMismatch[];
  /** The tiers' share of the audience's annual revenue, in whole percent. */
  valueShare: TierCounts;
  operations: Operations | null;
  /** Nothing moved this week (no touches, nothing overdue, no new risk, no tier move, no key-list change, no rep over the key clients per rep) and no listed key or A-tier client is in a risk state. */
  quiet: boolean;
}

const HIGHLIGHTS = 15;
const LISTED = 10;
/** Clients whose risk states now the digest words; the rest are counted. */
const RISKS_NOW = 8;
const COVERAGE_PAGE = 1000;

const isTier = (tier: string): tier is Tier => (TIERS as readonly string[]).includes(tier);

export function digestService(deps: { store: Store; rules: Rules }) {
  const { store, rules } = deps;
  const inputs = store.digestInputs;
  const riskStates = riskService(deps);

  async function coverage(workspaceId: string, members: readonly string[] | null, key: ReturnType<typeof keyClientFilter>, today: string) {
    const result = { keyClients: 0, covered: 0 };
    let after: string | undefined;
    for (;;) {
      const page = await inputs.keyClientsPage(workspaceId, members, key, after, COVERAGE_PAGE);
      for (const client of page) {
        result.keyClients += 1;
        const cadence = cadenceDaysFor({ ...client, tier: isTier(client.tier) ? client.tier : "C" }, rules);
        if (isCovered(client.lastTouchAt ? todayInZone(client.lastTouchAt, "UTC") : null, cadence, today)) result.covered += 1;
      }
      if (page.length < COVERAGE_PAGE) return result;
      after = page[page.length - 1]!.id;
    }
  }

  return {
    async build(workspaceId: string, audience: DigestAudience, day: DigestDay, now: Date): Promise<Digest> {
      const { members } = audience;
      const key = keyClientFilter(rules, now);
      const from = dateToDb(day.from);
      // Up to the run itself: a digest run by hand mid-week counts that morning's touches too.
      const to = now;
      const [highlights, overdue, newRisks, tierMoves, cover, touches, revenue, portfolioRows, keyChanges, keyCounts, operations] = await Promise.all([
        inputs.highlights(workspaceId, members, key, HIGHLIGHTS),
        inputs.overdueByOwner(workspaceId, members, dateToDb(day.today)),
        inputs.risksOpenedSince(workspaceId, members, from, LISTED),
        inputs.tierMovesSince(workspaceId, members, from, LISTED),
        coverage(workspaceId, members, key, day.today),
        inputs.effortByRep(workspaceId, members, from, to),
        inputs.revenueByTier(workspaceId, members),
        inputs.portfolioByOwnerAndTier(workspaceId, members),
        store.keyChanges.since(workspaceId, members, from, LISTED),
        inputs.keyClientsByOwner(workspaceId, members, key),
        audience.isAdmin ? operationsOf(store, workspaceId, now, { failures: 5, jobRuns: 8, failuresSince: from }) : Promise.resolve(null),
      ]);
      // The states the listed key and A-tier clients are in now. Every key and A-tier client of a team would cost the
      // digest run as much again as the rest of it at 100k clients, and push it over 300 MB.
      const atRisk = await riskStates.inScope(workspaceId, { kind: "clients", ids: highlights.items.map((c) => c.id) }, now);
      const efforts = new Map<string, RepEffort>();
      for (const row of touches) {
        if (!isTier(row.tier)) continue;
        const effort = efforts.get(row.repSlackId) ?? { repSlackId: row.repSlackId, touches: { A: 0, B: 0, C: 0 }, meetings: { A: 0, B: 0, C: 0 }, prospectTouches: 0 };
        effort.touches[row.tier] += row.touches;
        effort.meetings[row.tier] += row.meetings;
        if (row.prospect) effort.prospectTouches += row.touches;
        efforts.set(row.repSlackId, effort);
      }
      const portfolios = new Map<string, RepPortfolio>();
      for (const row of portfolioRows) {
        if (!isTier(row.tier)) continue;
        const portfolio = portfolios.get(row.ownerSlackId) ?? { revenue: { A: 0, B: 0, C: 0 }, prospects: 0, existing: 0 };
        portfolio.revenue[row.tier] += row.revenue;
        if (row.prospect) portfolio.prospects += row.clients;
        else portfolio.existing += row.clients;
        portfolios.set(row.ownerSlackId, portfolio);
      }
      const keyLoad = { maxPerRep: rules.keyClient.maxPerRep, over: overKeyLimit(keyCounts, rules.keyClient.maxPerRep) };
      const total = (c: TierCounts) => c.A + c.B + c.C;
      const activity = [...efforts.values()].map((e) => ({ repSlackId: e.repSlackId, touches: e.touches })).sort((a, b) => total(b.touches) - total(a.touches));
      return {
        recipient: audience.recipient,
        day,
        scope: members ? "team" : "workspace",
        highlights: {
          total: highlights.total,
          items: highlights.items.map((c) => ({
            id: c.id,
            name: c.name,
            ownerSlackId: c.ownerSlackId,
            tier: c.tier,
            keyClient: isKeyClient(c, rules, now),
            lastTouchOn: c.lastTouchAt ? todayInZone(c.lastTouchAt, "UTC") : null,
            nextDueOn: c.followUp ? dateFromDb(c.followUp.dueOn) : null,
          })),
        },
        risksNow: { items: atRisk.slice(0, RISKS_NOW), clients: atRisk.length, states: atRisk.reduce((n, c) => n + c.risks.length, 0) },
        overdue: overdue.sort((a, b) => b.count - a.count),
        newRisks: {
          total: newRisks.total,
          items: newRisks.items.map((r) => ({
            clientName: r.client.name,
            ownerSlackId: r.client.ownerSlackId,
            rule: r.rule,
            reason: r.reason,
            details: r.details,
            openedOn: todayInZone(r.openedAt, "UTC"),
            cleared: r.clearedAt !== null,
          })),
        },
        tierMoves: tierMoves,
        coverage: cover,
        keyChanges: {
          joined: keyChanges.joined,
          left: keyChanges.left,
          items: keyChanges.items.map((c) => ({ clientName: c.client.name, ownerSlackId: c.client.ownerSlackId, joined: c.joined, status: keyStatusFromJson(c.details), on: todayInZone(c.createdAt, "UTC") })),
        },
        keyLoad,
        currency: rules.currency,
        activity,
        effort: effortMismatches([...efforts.values()], portfolios),
        valueShare: tierShares({ A: revenue.A ?? 0, B: revenue.B ?? 0, C: revenue.C ?? 0 }),
        operations,
        quiet: activity.length === 0 && overdue.length === 0 && newRisks.total === 0 && tierMoves.total === 0 && atRisk.length === 0 && keyChanges.joined + keyChanges.left === 0 && keyLoad.over.length === 0,
      };
    },
  };
}
export type DigestService = ReturnType<typeof digestService>;
