/** The app's life in a workspace: uninstalled (tokens gone, jobs stop, data kept) and purged (every row deleted). */
import type { Store } from "../store/index.ts";
import type { PurgeCounts } from "../store/workspaces.ts";
import type { Clock } from "./context.ts";

export type RemovalReason = "app_uninstalled" | "tokens_revoked";

export function installService(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  return {
    /** The workspace's tokens are deleted and its jobs stop; its data stays until purged. True when anything changed. */
    removed(workspaceId: string, reason: RemovalReason): Promise<boolean> {
      return store.installations.remove(workspaceId, reason, clock.now());
    },

    /** Deletes every row of the workspace in one transaction; the counts say what went. */
    purge(workspaceId: string): Promise<PurgeCounts> {
      return store.workspaces.purge(workspaceId);
    },
  };
}
export type InstallService = ReturnType<typeof installService>;
