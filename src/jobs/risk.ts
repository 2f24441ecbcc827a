/**
 * The `risk` job: evaluates every client's risk rules as of an instant, opens the states entered and closes those
 * left, then tells each owner (and the alert channel, if the rules name one) in one post per run: an alert when a
 * state begins, nothing while it lasts, a short note when it ends.
 */
import { createHash } from "node:crypto";
import { localeOf } from "../domain/locale.ts";
import { clearCauseOf, currentRisks, negativeLookbackFrom, riskChanges, riskDayOf, riskDetailsJson, riskSnapshotOf } from "../domain/risk.ts";
import type { Rules } from "../domain/rules.ts";
import { DEFAULT_MESSAGES, messagesFor } from "../slack/i18n/index.ts";
import { buildRiskNotice, type RiskNoticeItem } from "../slack/views/risk-alert.ts";
import { dateToDb } from "../store/dates.ts";
import { throwIfStopped } from "../services/context.ts";
import type { Store } from "../store/index.ts";
import type { OutboxEntry } from "../store/outbox.ts";
import type { PendingRiskNotice } from "../store/risk-flags.ts";
import { queueKeyNotices } from "./key-notices.ts";
import { reachableOwners } from "./owners.ts";
import { deliverIfAble, type Delivery, type DeliveryResult } from "./delivery.ts";

export interface RiskStats {
  checked: number;
  entered: number;
  left: number;
  posts: number;
  sent: number;
  failed: number;
}

export interface RiskDeps {
  store: Store;
  rules: Rules;
  /** Without one (no Slack token, or a queue-only run) the notices stay queued for a run that can post. */
  delivery: Pick<Delivery, "deliverDue"> | null;
  /** The bot's stop signal: the run ends between two pages of clients (see Interrupted). */
  signal?: AbortSignal;
}

const CLIENT_PAGE = 500;
/**
 * Notices queued per transaction, and so told to each owner in one post: a first run on imported data opens
 * thousands of states at once, and owners get their alerts in a few posts rather than hundreds.
 */
const NOTICE_BATCH = 5_000;
/** A run that opens or closes this many states refreshes the planner's statistics of the states before queueing. */
const STATISTICS_AFTER_CHANGES = 1_000;

export const RISK_NOTICE_KIND = "risk";

/**
 * The same notices always make the same key, so a retried run cannot queue them twice. A note that states ended
 * names the very states of their alert: its key marks the change, or the outbox took it for the alert again and
 * dropped it whenever an owner's states all ended together. Alerts keep the key they always had.
 */
const periodOf = (notices: readonly { id: string; change: PendingRiskNotice["change"] }[]) =>
  `risk:${createHash("sha256").update(notices.map((n) => (n.change === "entered" ? n.id : `${n.id}:${n.change}`)).sort().join(",")).digest("hex").slice(0, 24)}`;

/** Opens and closes risk states for every client; returns how many were checked, entered and left. */
async function evaluate(store: Store, rules: Rules, workspaceId: string, at: Date, signal: AbortSignal | undefined) {
  const negativeSince = dateToDb(negativeLookbackFrom(at, rules));
  const revenueTotal = await store.clients.revenueTotal(workspaceId);
  const counts = { checked: 0, entered: 0, left: 0 };
  let after: string | undefined;
  for (;;) {
    const page = await store.riskInputs.page(workspaceId, after, CLIENT_PAGE, negativeSince);
    if (page.length === 0) break;
    const openByClient = new Map<string, { id: string; rule: string; openedAt: Date }[]>();
    for (const flag of await store.riskFlags.openFor(workspaceId, page.map((row) => row.id))) {
      const open = openByClient.get(flag.clientId);
      if (open) open.push(flag);
      else openByClient.set(flag.clientId, [flag]);
    }
    const enter: { clientId: string; rule: string; reason: string; details: string }[] = [];
    const leave: { id: string; clearCause: string | null }[] = [];
    for (const row of page) {
      counts.checked += 1;
      // The same evaluation the card and App Home show. An archived client is in no risk state any more: its states
      // close (quietly, see `notices`).
      const firing = currentRisks(row, revenueTotal, at, rules);
      const { entered, left } = riskChanges(openByClient.get(row.id) ?? [], firing);
      // The reason is kept in English (exports, audit) and as details, which each reader sees in their language.
      for (const flag of entered) enter.push({ clientId: row.id, rule: flag.rule, reason: DEFAULT_MESSAGES.risk.reason(flag), details: riskDetailsJson(flag) });
      // Why each state ended, so that a note never calls "back to normal" what only stopped applying.
      for (const flag of left) {
        const cause = row.archived ? null : clearCauseOf(flag.rule, riskSnapshotOf(row, revenueTotal, riskDayOf(at), rules, at), rules, riskDayOf(flag.openedAt));
        leave.push({ id: flag.id, clearCause: cause ? JSON.stringify(cause) : null });
      }
    }
    await store.riskFlags.record(workspaceId, { enter, leave }, at);
    counts.entered += enter.length;
    counts.left += leave.length;
    if (page.length < CLIENT_PAGE) break;
    throwIfStopped(signal, `${counts.checked} clients`);
    after = page[page.length - 1]!.id;
  }
  return counts;
}

/**
 * The posts that carry a batch of notices: one per active owner, in the owner's language (`localeOfOwner`, a Slack
 * locale), and one for the alert channel, in English.
 */
function noticePosts(pending: readonly PendingRiskNotice[], activeOwners: ReadonlySet<string>, localeOfOwner: ReadonlyMap<string, string | null>, channel: string | null): OutboxEntry[] {
  const items: (RiskNoticeItem & { id: string })[] = [];
  for (const notice of pending) {
    // Nobody needs to hear that an archived client, or a state that came and went unseen, is back to normal.
    if (notice.change === "quiet" || (notice.change === "left" && notice.client.archivedAt)) continue;
    items.push({
      id: notice.id,
      clientId: notice.client.id,
      clientName: notice.client.name,
      ownerSlackId: notice.client.ownerSlackId,
      tier: notice.client.tierOverride ?? notice.client.tier,
      rule: notice.rule,
      reason: notice.reason,
      details: notice.details,
      clearCause: notice.clearCause,
      change: notice.change,
    });
  }
  const posts: OutboxEntry[] = [];
  const byOwner = new Map<string, typeof items>();
  for (const item of items) {
    if (!item.ownerSlackId || !activeOwners.has(item.ownerSlackId)) continue;
    byOwner.set(item.ownerSlackId, [...(byOwner.get(item.ownerSlackId) ?? []), item]);
  }
  for (const [owner, ownItems] of byOwner) {
    posts.push({ kind: RISK_NOTICE_KIND, recipient: owner, period: periodOf(ownItems), payload: buildRiskNotice(messagesFor(localeOf(localeOfOwner.get(owner))), ownItems, false) });
  }
  if (channel && items.length > 0) {
    posts.push({ kind: RISK_NOTICE_KIND, recipient: channel, period: periodOf(items), payload: buildRiskNotice(DEFAULT_MESSAGES, items, true) });
  }
  return posts;
}

/** Queues every pending notice, a batch at a time; each batch's posts and stamps are written together. */
async function queueNotices(store: Store, rules: Rules, workspaceId: string, at: Date): Promise<number> {
  let posts = 0;
  let after: string | undefined;
  for (;;) {
    const pending = await store.riskFlags.pendingNotices(workspaceId, NOTICE_BATCH, after);
    if (pending.length === 0) return posts;
    const owners = [...new Set(pending.flatMap((n) => (n.client.ownerSlackId ? [n.client.ownerSlackId] : [])))];
    const { active, locales } = await reachableOwners(store, workspaceId, owners);
    const batch = noticePosts(pending, active, locales, rules.alerts.channel);
    // false: another run queued this batch first; it will also deliver it.
    if (!(await store.riskFlags.queueNotices(workspaceId, pending, batch, at))) return posts;
    posts += batch.length;
    if (pending.length < NOTICE_BATCH) return posts;
    after = pending[pending.length - 1]!.id;
  }
}

export async function runRisk(deps: RiskDeps, workspaceId: string, at: Date): Promise<RiskStats & { delivery: DeliveryResult | null }> {
  const { store, rules, delivery, signal } = deps;
  const counts = await evaluate(store, rules, workspaceId, at, signal);
  // A first run on imported data opens thousands of states at once: without statistics SQLite would search the
  // workspace's states for each batch of notices instead of walking their id index (see refreshStatistics).
  if (counts.entered + counts.left >= STATISTICS_AFTER_CHANGES) await store.refreshStatistics("RiskFlag");
  // Key list changes (recorded by imports, edits and rescore) are told to owners with the risk notices.
  const posts = (await queueNotices(store, rules, workspaceId, at)) + (await queueKeyNotices(store, rules, workspaceId, at));
  return { ...counts, posts, ...(await deliverIfAble(delivery, workspaceId)) };
}
