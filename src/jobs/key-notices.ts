/**
 * Tells each owner when their clients joined or left the key list (recorded by the key status sweep, see
 * services/key-status.ts): one post per owner and batch, in the owner's language, queued with the events' stamps
 * in one transaction. The risk job queues and delivers them with its own notices.
 */
import { createHash } from "node:crypto";
import { localeOf } from "../domain/locale.ts";
import type { Rules } from "../domain/rules.ts";
import { messagesFor } from "../slack/i18n/index.ts";
import { buildKeyNotice } from "../slack/views/key-notice.ts";
import type { Store } from "../store/index.ts";
import type { OutboxEntry } from "../store/outbox.ts";
import { reachableOwners } from "./owners.ts";

export const KEY_NOTICE_KIND = "key";
const BATCH = 5_000;

/** Queues every pending key notice; returns how many posts were written. */
export async function queueKeyNotices(store: Store, rules: Rules, workspaceId: string, at: Date): Promise<number> {
  let posts = 0;
  for (;;) {
    const pending = await store.keyChanges.pendingNotices(workspaceId, BATCH);
    if (pending.length === 0) return posts;
    const owners = [...new Set(pending.flatMap((n) => (n.client.ownerSlackId && !n.client.archivedAt ? [n.client.ownerSlackId] : [])))];
    const { active, locales } = await reachableOwners(store, workspaceId, owners);
    const batch: OutboxEntry[] = [];
    for (const owner of owners) {
      if (!active.has(owner)) continue;
      const own = pending.filter((n) => n.client.ownerSlackId === owner && !n.client.archivedAt);
      const period = `key:${createHash("sha256").update(own.map((n) => n.id).sort().join(",")).digest("hex").slice(0, 24)}`;
      const items = own.map((n) => ({ clientName: n.client.name, joined: n.joined, details: n.details }));
      batch.push({ kind: KEY_NOTICE_KIND, recipient: owner, period, payload: buildKeyNotice(messagesFor(localeOf(locales.get(owner))), items, rules.currency) });
    }
    // false: another run queued this batch first; it delivers it too.
    if (!(await store.keyChanges.queueNotices(workspaceId, pending.map((n) => n.id), batch, at))) return posts;
    posts += batch.length;
    if (pending.length < BATCH) return posts;
  }
}
