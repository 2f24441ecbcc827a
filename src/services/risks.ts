/**
 * The risk states clients are in now: the rules' live evaluation (currentRisks in src/domain/risk.ts) over the
 * store's risk inputs, for a scope of clients (an owner's, the clients a list shows). App Home,
 * `/client list` and the digest show this; the card evaluates its one client with the same function; the risk job
 * records it as the stored states that make an alert fire once and a note follow when a state clears. The stored
 * states are that history, never the answer to "what is this client's state now".
 */
import { currentRisks, negativeLookbackFrom, revenueTotalFor, type RiskFlag } from "../domain/risk.ts";
import type { Rules, Tier } from "../domain/rules.ts";
import { dateToDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";
import type { ClientRiskRow, RiskScope } from "../store/risk-inputs.ts";

export type { RiskScope } from "../store/risk-inputs.ts";

/** A client in one or more risk states, with the states in the rules' order. */
export interface ClientRisks {
  id: string;
  name: string;
  ownerSlackId: string | null;
  tier: Tier;
  risks: RiskFlag[];
}

/** Clients whose risk inputs one statement reads: the risk job's page size. */
const PAGE = 500;
/** The largest revenues summed for a lower bound of the workspace's total, as the card does (see revenueTotalFor). */
export const LARGEST_REVENUES = 50;

/** Most states first, then by name: what a reader should look at first. */
const byUrgency = (a: ClientRisks, b: ClientRisks) => b.risks.length - a.risks.length || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function riskService(deps: { store: Store; rules: Rules }) {
  const { store, rules } = deps;

  return {
    /**
     * Every client of `scope` in a risk state at `now`, most states first, then by name.
     * The scope's inputs are read a page at a time; the workspace's revenue total only when a client may really be
     * over the concentration limit (a small workspace's is its largest revenues' sum, read anyway).
     */
    async inScope(workspaceId: string, scope: RiskScope, now: Date): Promise<ClientRisks[]> {
      if (scope.kind === "clients" && scope.ids.length === 0) return [];
      const negativeSince = dateToDb(negativeLookbackFrom(now, rules));
      const largest = await store.clients.largestRevenues(workspaceId, LARGEST_REVENUES);
      const partial = { sum: largest.sum, complete: largest.count < LARGEST_REVENUES };
      let wholeTotal: number | undefined;
      const totalFor = async (page: readonly ClientRiskRow[]) =>
        revenueTotalFor(partial, page.map((row) => row.annualRevenue), rules) ?? (wholeTotal ??= await store.clients.revenueTotal(workspaceId));
      const atRisk: ClientRisks[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.riskInputs.page(workspaceId, after, PAGE, negativeSince, scope);
        if (page.length === 0) break;
        const revenueTotal = await totalFor(page);
        for (const row of page) {
          const risks = currentRisks(row, revenueTotal, now, rules);
          if (risks.length > 0) atRisk.push({ id: row.id, name: row.name, ownerSlackId: row.ownerSlackId, tier: row.tier, risks });
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.id;
      }
      return atRisk.sort(byUrgency);
    },
  };
}
export type RiskService = ReturnType<typeof riskService>;
