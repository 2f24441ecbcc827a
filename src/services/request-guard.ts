/**
 * Handles each Slack payload once. Slack retries an event it saw no quick answer to (X-Slack-Retry-Num), and a
 * payload can arrive twice; the first arrival claims its key (an event's event_id, an interaction's trigger_id)
 * and later ones change nothing. A claim whose handling failed is given back, so Slack's retry gets handled.
 */
import type { Store } from "../store/index.ts";
import type { Clock } from "./context.ts";

/** Slack retries within minutes; a day of keys is plenty. */
const KEEP_MS = 24 * 3600 * 1000;
const PRUNE_EVERY = 500;

export function requestGuard(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  let claims = 0;
  return {
    /** True for the first arrival of `key` in the workspace. */
    async claim(workspaceId: string, key: string): Promise<boolean> {
      const now = clock.now();
      if (++claims % PRUNE_EVERY === 0) await store.processedRequests.prune(new Date(now.getTime() - KEEP_MS)).catch(() => 0);
      return store.processedRequests.claim(workspaceId, key, now);
    },
    release(workspaceId: string, key: string): Promise<void> {
      return store.processedRequests.release(workspaceId, key);
    },
  };
}
export type RequestGuard = ReturnType<typeof requestGuard>;
