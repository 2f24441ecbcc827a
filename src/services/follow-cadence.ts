/**
 * Follow-ups follow the cadence: when a client's effective cadence changes (a tier move, its relationship type or
 * own cadence, an override, the rules file), a follow-up that came from the cadence is re-dated from the same touch
 * day; one that someone set (`next:`, the log form, a snooze) is kept. Run for one client after an edit, and for the
 * whole workspace after an import or a rescore (which is when a changed rules file takes effect).
 */
import { cadenceDaysFor, redatedFollowUp } from "../domain/cadence.ts";
import type { Rules, Tier } from "../domain/rules.ts";
import { todayInZone } from "../domain/when.ts";
import { dateFromDb, dateToDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";

const PAGE = 1000;

/** Re-dates the follow-ups from cadence of one client, or of every active client; returns how many changed. */
export async function followCadence(store: Pick<Store, "followUps">, rules: Rules, workspaceId: string, scope: { clientId: string } | "all"): Promise<number> {
  let changed = 0;
  let afterClientId: string | undefined;
  for (;;) {
    const page = await store.followUps.cadencePage(workspaceId, scope === "all" ? { ...(afterClientId ? { afterClientId } : {}) } : scope, PAGE);
    const changes = page.flatMap((f) => {
      const cadence = cadenceDaysFor({ tier: (f.client.tierOverride ?? f.client.tier) as Tier, relationshipType: f.client.relationshipType, cadenceDays: f.client.cadenceDays }, rules);
      const lastTouchOn = f.client.lastTouchAt ? todayInZone(f.client.lastTouchAt, "UTC") : null;
      const next = redatedFollowUp({ dueOn: dateFromDb(f.dueOn), setWith: f.setWith }, lastTouchOn, cadence);
      return next ? [{ clientId: f.clientId, seenDueOn: f.dueOn, dueOn: dateToDb(next.dueOn), cadenceDays: next.cadenceDays }] : [];
    });
    changed += await store.followUps.redate(workspaceId, changes);
    if (scope !== "all" || page.length < PAGE) return changed;
    afterClientId = page[page.length - 1]!.clientId;
  }
}
