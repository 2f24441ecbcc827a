/**
 * Key status as an event: after anything that can change who is a key client (an import, an edit, `rescore`, where
 * the passing years and a new rules file take effect), each client's key status is evaluated by the rules and a
 * change is recorded as joining or leaving the key list, with the thresholds behind it. A client's first evaluation
 * (new, or from before statuses were kept) is recorded silently: an import of 10,000 clients is no 10,000 events.
 */
import type { Rules } from "../domain/rules.ts";
import { keyStatusOf } from "../domain/scoring.ts";
import type { Store } from "../store/index.ts";
import type { KeyStatusUpdate } from "../store/key-changes.ts";

const PAGE = 1000;

export async function sweepKeyStatus(
  store: Pick<Store, "keyChanges">,
  rules: Rules,
  workspaceId: string,
  scope: { clientId: string } | "all",
  change: { cause: string; actorSlackId: string | null; at: Date },
): Promise<{ joined: number; left: number }> {
  const totals = { joined: 0, left: 0 };
  let afterId: string | undefined;
  for (;;) {
    const page = await store.keyChanges.statusPage(workspaceId, scope === "all" ? { ...(afterId ? { afterId } : {}) } : scope, PAGE);
    const updates: KeyStatusUpdate[] = page.flatMap((client) => {
      const status = keyStatusOf(client, rules, change.at);
      return status.key === client.keyClient ? [] : [{ clientId: client.id, key: status.key, details: JSON.stringify(status), was: client.keyClient }];
    });
    const recorded = await store.keyChanges.record(workspaceId, updates, change.cause, change.actorSlackId, change.at);
    totals.joined += recorded.joined;
    totals.left += recorded.left;
    if (scope !== "all" || page.length < PAGE) return totals;
    afterId = page[page.length - 1]!.id;
  }
}
