/**
 * The `rescore` job: re-evaluates every client's score and tier as of a day, recording tier moves, then re-dates the
 * follow-ups from cadence whose cadence changed.
 */
import { scoreAndTier } from "../domain/scoring.ts";
import type { Rules } from "../domain/rules.ts";
import type { Store } from "../store/index.ts";
import { throwIfStopped } from "./context.ts";
import { followCadence } from "./follow-cadence.ts";
import { sweepKeyStatus } from "./key-status.ts";

export interface RescoreStats {
  checked: number;
  rescored: number;
  tierMoves: number;
  followUpsRedated: number;
  keyJoined: number;
  keyLeft: number;
}

export function rescoreService(deps: { store: Store; rules: Rules }) {
  const { store, rules } = deps;
  return {
    /** Ends between two clients (Interrupted) once `signal` is aborted, with what it wrote kept. */
    async rescore(workspaceId: string, at: Date, signal?: AbortSignal): Promise<RescoreStats> {
      const stats: RescoreStats = { checked: 0, rescored: 0, tierMoves: 0, followUpsRedated: 0, keyJoined: 0, keyLeft: 0 };
      // Few clients change on a given day: read in pages, write only what moved.
      for await (const client of store.clients.iterateForScoring(workspaceId)) {
        throwIfStopped(signal, `${stats.checked} clients`);
        stats.checked += 1;
        if (client.archived) continue;
        const next = scoreAndTier(client, rules, at);
        if (next.score === client.score && next.tier === client.tier) continue;
        await store.clients.update(workspaceId, client.id, next, "rescore", "rescore");
        stats.rescored += 1;
        if (next.tier !== client.tier) stats.tierMoves += 1;
      }
      // Tier moves, and cadences a new rules file changed, move the follow-ups that came from the cadence.
      stats.followUpsRedated = await followCadence(store, rules, workspaceId, "all");
      // The passing years, new revenue and a new rules file move clients on and off the key list.
      const keys = await sweepKeyStatus(store, rules, workspaceId, "all", { cause: "rescore", actorSlackId: null, at });
      stats.keyJoined = keys.joined;
      stats.keyLeft = keys.left;
      return stats;
    },
  };
}
export type RescoreService = ReturnType<typeof rescoreService>;
