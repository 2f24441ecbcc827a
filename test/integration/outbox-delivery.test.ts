/**
 * The outbox and its deliverer on a real store against the Slack emulator with a real WebClient: one row per key,
 * every row posted exactly once through 429s, 5xx answers, a crash after posting, a stalled deliverer and two racing
 * deliverers, people who left marked inactive, posts paced under Slack's limits, and what is left reported.
 */
import { WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDelivery, DELIVERY_CLIENT_OPTIONS, leftUndelivered, OUTBOX_EVENT_TYPE, type DeliveryOptions, type DeliveryResult } from "../../src/jobs/delivery.ts";
import { createLogger, toSlackLogger } from "../../src/logger.ts";
import { createStore, type Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { createDatabase, type Db } from "../../src/store/prisma.ts";
import { SlackEmulator, type RecordedCall } from "../support/slack-emulator.ts";
import { checkCall, isNotInSpecProblem } from "../support/slack-openapi.ts";
import { createTestDatabase, testStore, type TestDatabase } from "../support/test-database.ts";

const TOKEN = "xoxb-test";
/** A claim token of a deliverer that is not running (it never renews its lease). */
const CLAIMER = "test-host:0:claimer#1";
const logger = createLogger("silent");
let database: TestDatabase;
let store: Store;
let db: Db;
/**
 * On PostgreSQL, a second Prisma client on the same database: a second replica. On SQLite the same client: two
 * better-sqlite3 connections in one thread deadlock on the busy handler (one blocks the thread while the other
 * holds the write lock), which two real processes do not.
 */
let otherStore: Store;
let emulator: SlackEmulator;
let teamCounter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, logger);
  const other = createDatabase(database.target);
  db = other.db;
  otherStore = testStore() === "postgres" ? createStore(other, "postgresql") : store;
  emulator = await SlackEmulator.start({ botToken: TOKEN });
});

afterEach(() => {
  vi.useRealTimers();
  // Every call the deliverer made is one Slack's spec allows (methods and fields newer than the 2020 spec aside).
  const problems = emulator.calls.flatMap((call) => checkCall(call.method, call.args).filter((problem) => !isNotInSpecProblem(problem)));
  expect(problems).toEqual([]);
  emulator.reset();
  emulator.enforceRateLimits({});
});

afterAll(async () => {
  await emulator?.stop();
  if (otherStore !== store) await otherStore?.close();
  await db?.$disconnect();
  await store?.close();
  await database?.drop();
});

const newClient = () =>
  new WebClient(TOKEN, { slackApiUrl: emulator.apiUrl, ...DELIVERY_CLIENT_OPTIONS, logger: toSlackLogger(logger) });

async function newTeam(): Promise<string> {
  const team = `T0OUTBOX${++teamCounter}`;
  await store.workspaces.ensure(team);
  return team;
}

/** A clock that only moves when the deliverer sleeps or the test says so. */
function fakeClock(start = Date.now()) {
  const clock = {
    ms: start,
    slept: 0,
    now: () => new Date(clock.ms),
    sleep: async (ms: number) => {
      clock.ms += ms;
      clock.slept += ms;
    },
  };
  return clock;
}

function deliveryWith(overrides: Partial<DeliveryOptions> & Pick<DeliveryOptions, "now">) {
  return createDelivery({
    store,
    client: newClient(),
    logger,
    ratePerSecond: 1000,
    perChannelPerSecond: 1000,
    leaseMs: 60_000,
    maxAttempts: 5,
    ...overrides,
  });
}

/** A result's counts, without its lists. */
const counts = (result: DeliveryResult) => ({ sent: result.sent, retried: result.retried, failed: result.failed, recovered: result.recovered });

function outboxIdOf(call: RecordedCall): unknown {
  const metadata = call.args.metadata as { event_type?: unknown; event_payload?: { outbox_id?: unknown } } | undefined;
  return metadata?.event_type === OUTBOX_EVENT_TYPE ? metadata.event_payload?.outbox_id : undefined;
}

/** Accepted chat.postMessage calls per outbox id. */
function postsPerId(): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  for (const call of emulator.callsTo("chat.postMessage")) {
    if (call.response?.body.ok !== true) continue;
    const id = outboxIdOf(call);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

async function enqueueMany(team: string, count: number, recipientOf: (i: number) => string = (i) => `U0P${i}`) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await store.outbox.enqueue(team, { kind: "nudge", recipient: recipientOf(i), period: `2026-11-23#${i}`, payload: { text: `Nudge ${i}` } });
    ids.push(id);
  }
  return ids;
}

async function expectExactlyOnce(ids: readonly string[]) {
  const counts = postsPerId();
  for (const id of ids) expect(counts.get(id), id).toBe(1);
  expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(ids.length);
  const rows = await db.outboundMessage.findMany({ where: { id: { in: [...ids] } }, select: { status: true, ts: true, channel: true } });
  expect(rows).toHaveLength(ids.length);
  for (const row of rows) {
    expect(row.status).toBe("sent");
    expect(emulator.messagesIn(row.channel ?? "").some((message) => message.ts === row.ts)).toBe(true);
  }
}

/** Each row's post is stored in its conversation exactly once, however the answers to the posts went. */
async function expectLandedOnce(ids: readonly string[]) {
  const rows = await db.outboundMessage.findMany({ where: { id: { in: [...ids] } }, select: { id: true, status: true, channel: true } });
  expect(rows).toHaveLength(ids.length);
  for (const row of rows) {
    expect(row.status).toBe("sent");
    const stored = emulator.messagesIn(row.channel ?? "").filter((message) => outboxIdOf({ args: message } as unknown as RecordedCall) === row.id);
    expect(stored, row.id).toHaveLength(1);
  }
}

describe("outbox", () => {
  it("enqueues a key once: the second enqueue of the same key returns the first row", async () => {
    const team = await newTeam();
    const entry = { kind: "digest", recipient: "U0MGR", period: "2026-W48", payload: { text: "Weekly digest", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Digest*" } }] } };
    const first = await store.outbox.enqueue(team, entry);
    const second = await otherStore.outbox.enqueue(team, { ...entry, payload: { text: "other" } });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await db.outboundMessage.count({ where: { workspaceId: team } })).toBe(1);
    const other = await store.outbox.enqueue(team, { ...entry, period: "2026-W49" });
    expect(other.created).toBe(true);
    expect(await store.outbox.find(first.id)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("lets two claimers share due rows without overlap, and takes a row back once its lease expires", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 12);
    const now = new Date();
    const [a, b] = await Promise.all([store.outbox.claimDue(team, now, 12, 60_000, CLAIMER), otherStore.outbox.claimDue(team, now, 12, 60_000, CLAIMER)]);
    const claimed = [...a, ...b].map((row) => row.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual([...ids].sort());
    expect([...a, ...b].every((row) => row.attempts === 1)).toBe(true);
    // Nothing is due while the leases run; after they expire the rows are claimed again, as attempt 2.
    expect(await store.outbox.claimDue(team, new Date(now.getTime() + 59_000), 12, 60_000, CLAIMER)).toEqual([]);
    const again = await store.outbox.claimDue(team, new Date(now.getTime() + 60_000), 12, 60_000, CLAIMER);
    expect(again.map((row) => row.attempts)).toEqual(Array(12).fill(2));
    // A retry is due at its time, not before; a failed row and a sent row are never due.
    const [first, second, third] = again;
    expect(await store.outbox.markRetry(first!.id, "boom", new Date(now.getTime() + 120_000), 1)).toBe(false); // stale claim
    expect(await store.outbox.markRetry(first!.id, "boom", new Date(now.getTime() + 120_000), 2)).toBe(true);
    expect(await store.outbox.markFailed(second!.id, "gone")).toBe(true);
    await store.outbox.markSent(third!.id, "DU0P", "1.000001", now);
    expect(await store.outbox.markFailed(third!.id, "late")).toBe(false);
    const later = await store.outbox.claimDue(team, new Date(now.getTime() + 300_000), 12, 60_000, CLAIMER);
    expect(later.map((row) => row.id).sort()).toEqual(again.filter((row) => row !== second && row !== third).map((row) => row.id).sort());
    expect(await store.outbox.recentFailures(team, 10)).toEqual([expect.objectContaining({ id: second!.id, lastError: "gone", attempts: 2 })]);
  });
});

describe("delivery", () => {
  it("posts 30 messages exactly once each, with the outbox id in the message metadata", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 30);
    const clock = fakeClock();
    const delivery = deliveryWith({ now: clock.now, sleep: clock.sleep, batchSize: 7 });
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 30, retried: 0, failed: 0, recovered: 0 });
    await expectExactlyOnce(ids);
    const message = emulator.messagesIn("DU0P3")[0];
    expect(message).toMatchObject({ text: "Nudge 3", metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: ids[3] } } });
    expect(emulator.callsTo("conversations.open")[0]?.args).toMatchObject({ users: "U0P0" });
    // First attempts do not look in the history; a second run finds nothing due.
    expect(emulator.callsTo("conversations.history")).toHaveLength(0);
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 0, retried: 0, failed: 0, recovered: 0 });
    expect(emulator.stats().postMessage).toBe(30);
  });

  it("stops after the post in flight when the bot stops, hands the claimed rows back, and the next run posts each once", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 6);
    const stopping = new AbortController();
    const clock = fakeClock();
    // The bot is told to stop while the third post waits for its turn.
    const sleep = async (ms: number) => {
      await clock.sleep(ms);
      if (emulator.callsTo("chat.postMessage").length === 2) stopping.abort();
    };
    const stopped = deliveryWith({ now: clock.now, sleep, signal: stopping.signal });
    expect(counts(await stopped.deliverDue(team))).toEqual({ sent: 2, retried: 0, failed: 0, recovered: 0 });
    const handedBack = await Promise.all(ids.slice(2).map((id) => store.outbox.find(id)));
    for (const row of handedBack) expect(row).toMatchObject({ status: "pending", nextAttemptAt: clock.now() });
    // Due at once, not after the lease: a new run (the next firing, or a replica) takes them straight away.
    expect(counts(await deliveryWith({ now: clock.now, sleep: clock.sleep }).deliverDue(team))).toEqual({ sent: 4, retried: 0, failed: 0, recovered: 0 });
    await expectExactlyOnce(ids);
  });

  it("does not sit out a long Retry-After once the bot is stopping", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 2);
    emulator.inject({ method: "chat.postMessage", kind: "rate_limit", retryAfterSeconds: 60 });
    const stopping = new AbortController();
    // Real time: the deliverer's own wait, cut short by the stop.
    const delivery = deliveryWith({ now: () => new Date(), signal: stopping.signal });
    const started = Date.now();
    const run = delivery.deliverDue(team);
    setTimeout(() => stopping.abort(), 200);
    expect(counts(await run)).toEqual({ sent: 0, retried: 0, failed: 0, recovered: 0 });
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const id of ids) expect(await store.outbox.find(id)).toMatchObject({ status: "pending" });
    expect(postsPerId().size).toBe(0);
  });

  it("posts exactly once through a 429 with Retry-After and 5xx answers, retrying with backoff", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 5);
    // The deliverer waits out the 429 (on its clock) and tries again; a 5xx goes back to the outbox. The 502s "landed": Slack stored
    // the post before failing, so the retry must find it in the history rather than post again.
    emulator.inject({ method: "chat.postMessage", kind: "rate_limit", retryAfterSeconds: 1 });
    emulator.inject({ method: "chat.postMessage", kind: "server_error", status: 503, times: 1 });
    emulator.inject({ method: "chat.postMessage", kind: "server_error", status: 502, landed: true, times: 2 });
    const clock = fakeClock();
    const delivery = deliveryWith({ now: clock.now, sleep: clock.sleep });
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 2, retried: 3, failed: 0, recovered: 0 });
    const retried = await store.outbox.find(ids[0]!);
    expect(retried).toMatchObject({ status: "pending", attempts: 1 });
    expect(retried?.lastError).toMatch(/503|service|HTTP/i);
    // 30 s after it failed (the later rows' pacing moved the clock a few ms since).
    expect(retried?.nextAttemptAt?.getTime()).toBeGreaterThan(clock.ms + 29_900);
    expect(retried?.nextAttemptAt?.getTime()).toBeLessThanOrEqual(clock.ms + 30_000);
    // Not due before its backoff; then each is looked up: the lost one is posted, the landed ones are recovered.
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 0, retried: 0, failed: 0, recovered: 0 });
    clock.ms += 30_000;
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 1, retried: 0, failed: 0, recovered: 2 });
    expect(emulator.callsTo("conversations.history")).toHaveLength(3);
    expect(emulator.callsTo("conversations.history")[0]?.args).toMatchObject({ channel: "DU0P0", include_all_metadata: "true", limit: "100" });
    await expectLandedOnce(ids);
    expect(emulator.stats().rateLimited).toBe(1);
    expect(clock.slept).toBeGreaterThanOrEqual(1000);
  });

  it("gives a row up after maxAttempts transient failures, without stopping the rest of the batch", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 3);
    emulator.inject({ method: "chat.postMessage", kind: "server_error", times: 1 });
    const clock = fakeClock();
    const onRecipientGone = vi.fn();
    const delivery = deliveryWith({ now: clock.now, sleep: clock.sleep, maxAttempts: 1, onRecipientGone });
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 2, retried: 0, failed: 1, recovered: 0 });
    expect(await store.outbox.find(ids[0]!)).toMatchObject({ status: "failed", attempts: 1 });
    expect(onRecipientGone).not.toHaveBeenCalled();
    expect((await store.outbox.recentFailures(team, 5)).map((row) => row.id)).toEqual([ids[0]]);
  });

  it("recovers a post that landed before a crash from conversations.history instead of posting again", async () => {
    const team = await newTeam();
    const [id] = await enqueueMany(team, 1);
    const clock = fakeClock();
    // The crashed deliverer: claims the row, posts it, dies before recording it.
    const [claimed] = await store.outbox.claimDue(team, clock.now(), 10, 60_000, CLAIMER);
    expect(claimed?.id).toBe(id);
    const client = newClient();
    const opened = await client.conversations.open({ users: claimed!.recipient });
    const posted = await client.chat.postMessage({
      channel: opened.channel!.id!,
      text: claimed!.payload.text,
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: claimed!.id } },
    });
    // Other messages in the conversation do not confuse the look-up.
    await client.chat.postMessage({ channel: opened.channel!.id!, text: "unrelated", metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: "other" } } });
    const delivery = deliveryWith({ now: clock.now, sleep: clock.sleep });
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 0, retried: 0, failed: 0, recovered: 0 }); // lease still held
    clock.ms += 60_000;
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 0, retried: 0, failed: 0, recovered: 1 });
    expect(await store.outbox.find(id!)).toMatchObject({ status: "sent", ts: posted.ts, channel: "DU0P0", attempts: 2 });
    expect(postsPerId().get(id)).toBe(1);
  });

  it("posts exactly once when two deliverers on two store clients run at the same time", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 24);
    emulator.inject({ method: "chat.postMessage", kind: "latency", ms: 20, times: 6 });
    const clock = fakeClock();
    const one = deliveryWith({ now: clock.now, sleep: clock.sleep, batchSize: 5 });
    const two = deliveryWith({ now: clock.now, sleep: clock.sleep, batchSize: 5, store: otherStore });
    const [a, b] = await Promise.all([one.deliverDue(team), two.deliverDue(team)]);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(a.sent + b.sent).toBe(24);
    expect(a.retried + b.retried + a.failed + b.failed + a.recovered + b.recovered).toBe(0);
    await expectExactlyOnce(ids);
  });

  it("fails a DM to someone who left at once, calls onRecipientGone, and the caller marks them inactive", async () => {
    const team = await newTeam();
    await store.users.saveRole(team, "U0GONE", "rep", "U0MGR");
    await store.users.saveRole(team, "U0STAY", "rep", "U0MGR");
    const [goneId, stayId] = [
      (await store.outbox.enqueue(team, { kind: "nudge", recipient: "U0GONE", period: "2026-11-23", payload: { text: "Follow up" } })).id,
      (await store.outbox.enqueue(team, { kind: "nudge", recipient: "U0STAY", period: "2026-11-23", payload: { text: "Follow up" } })).id,
    ];
    emulator.inject({ method: "chat.postMessage", kind: "error", error: "account_inactive" });
    const gone: Array<[string, string, string]> = [];
    const clock = fakeClock();
    const delivery = deliveryWith({
      now: clock.now,
      sleep: clock.sleep,
      onRecipientGone: async (workspaceId, recipient, error) => {
        gone.push([workspaceId, recipient, error]);
        await store.users.markInactive(workspaceId, recipient);
      },
    });
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 1, retried: 0, failed: 1, recovered: 0 });
    expect(gone).toEqual([[team, "U0GONE", "account_inactive"]]);
    expect(await store.outbox.find(goneId)).toMatchObject({ status: "failed", attempts: 1, lastError: "account_inactive" });
    expect(await store.outbox.find(stayId)).toMatchObject({ status: "sent" });
    expect(await store.users.find(team, "U0GONE")).toMatchObject({ active: false });
    expect(await store.users.find(team, "U0STAY")).toMatchObject({ active: true });
    clock.ms += 24 * 3600_000;
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 0, retried: 0, failed: 0, recovered: 0 });
    expect(emulator.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("treats a channel that is gone like a person who left", async () => {
    const team = await newTeam();
    const { id } = await store.outbox.enqueue(team, { kind: "digest", recipient: "C0OLD", period: "2026-W48", payload: { text: "Digest" } });
    emulator.inject({ method: "chat.postMessage", kind: "error", error: "is_archived" });
    const onRecipientGone = vi.fn();
    const clock = fakeClock();
    expect(await deliveryWith({ now: clock.now, sleep: clock.sleep, onRecipientGone }).deliverDue(team)).toMatchObject({ failed: 1 });
    expect(onRecipientGone).toHaveBeenCalledWith(team, "C0OLD", "is_archived");
    expect(await store.outbox.find(id)).toMatchObject({ status: "failed", lastError: "is_archived" });
    // A channel is posted to directly, without conversations.open.
    expect(emulator.callsTo("conversations.open")).toHaveLength(0);
  });

  it("renews its claim while pacing holds a batch longer than the lease, and posts each row once", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 40, () => "C0BUSY");
    const clock = fakeClock();
    // One post a second to the channel: the batch takes 40 s of a 30 s lease, renewed before each post that needs it.
    const delivery = deliveryWith({ now: clock.now, sleep: clock.sleep, perChannelPerSecond: 1, leaseMs: 30_000 });
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 40, retried: 0, failed: 0, recovered: 0 });
    await expectExactlyOnce(ids);
  });

  it("a deliverer that stalled past its lease checks each row before posting, and leaves those taken over", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 4);
    const clock = fakeClock();
    let stalled = false;
    const other = deliveryWith({ now: clock.now, sleep: clock.sleep, store: otherStore, leaseMs: 30_000 });
    // After its first post the deliverer freezes for a minute; meanwhile another one takes and sends the rest.
    const sleep = async (ms: number) => {
      await clock.sleep(ms);
      if (!stalled && emulator.callsTo("chat.postMessage").length === 1) {
        stalled = true;
        clock.ms += 60_000;
        await other.deliverDue(team);
      }
    };
    const slow = deliveryWith({ now: clock.now, sleep, leaseMs: 30_000, perChannelPerSecond: 1, ratePerSecond: 1 });
    const result = await slow.deliverDue(team);
    expect(stalled).toBe(true);
    expect(result.sent).toBe(1);
    await expectExactlyOnce(ids);
  });

  it("reports what is left: a retry and when it is due, and nothing waiting once it went", async () => {
    const team = await newTeam();
    await enqueueMany(team, 2);
    emulator.inject({ method: "chat.postMessage", kind: "server_error", status: 500, times: 1 });
    const clock = fakeClock();
    const delivery = deliveryWith({ now: clock.now, sleep: clock.sleep });
    const first = await delivery.deliverDue(team);
    expect(counts(first)).toEqual({ sent: 1, retried: 1, failed: 0, recovered: 0 });
    expect(first.waiting).toEqual({ retry: 1, nextRetryAt: expect.any(Date), due: 0, elsewhere: 0 });
    expect(first.waiting.nextRetryAt!.getTime()).toBeGreaterThan(clock.ms + 29_000);
    expect(leftUndelivered(first)).toBe(true);
    clock.ms += 30_000;
    const second = await delivery.deliverDue(team);
    expect(second.waiting).toEqual({ retry: 0, nextRetryAt: null, due: 0, elsewhere: 0 });
    expect(leftUndelivered(second)).toBe(false);
  });

  it("settling (a run by hand) delivers through two 429s and a 500 within the run, each post once", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 2);
    emulator.inject({ method: "chat.postMessage", kind: "rate_limit", retryAfterSeconds: 1, times: 2 });
    emulator.inject({ method: "chat.postMessage", kind: "server_error", status: 500, times: 1 });
    const clock = fakeClock();
    const delivery = deliveryWith({ now: clock.now, sleep: clock.sleep, baseBackoffMs: 2_000 });
    const result = await delivery.deliverDue(team, { settleBy: new Date(clock.ms + 120_000) });
    expect(counts(result)).toEqual({ sent: 2, retried: 1, failed: 0, recovered: 0 });
    expect(result.waiting).toEqual({ retry: 0, nextRetryAt: null, due: 0, elsewhere: 0 });
    await expectExactlyOnce(ids);
    expect(clock.slept).toBeLessThan(120_000);
  });

  it("settling waits out a dead deliverer's lease, then recovers its landed post and sends its lost one, each once", async () => {
    const team = await newTeam();
    const ids = await enqueueMany(team, 2);
    const clock = fakeClock();
    // The dead deliverer claimed both rows with a 30 s lease, posted the first (it landed) and died.
    const claimed = await store.outbox.claimDue(team, clock.now(), 10, 30_000, CLAIMER);
    const client = newClient();
    const opened = await client.conversations.open({ users: claimed[0]!.recipient });
    await client.chat.postMessage({ channel: opened.channel!.id!, text: claimed[0]!.payload.text, metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: claimed[0]!.id } } });
    const delivery = deliveryWith({ now: clock.now, sleep: clock.sleep, leaseMs: 30_000 });
    const result = await delivery.deliverDue(team, { settleBy: new Date(clock.ms + 120_000) });
    expect(counts(result)).toEqual({ sent: 1, retried: 0, failed: 0, recovered: 1 });
    expect(result.waiting).toEqual({ retry: 0, nextRetryAt: null, due: 0, elsewhere: 0 });
    expect(clock.slept).toBeGreaterThanOrEqual(29_000);
    expect(clock.slept).toBeLessThan(40_000);
    await expectLandedOnce(ids);
  });

  it("settling leaves a live deliverer's rows to it: its lease moves, and they are reported as sent elsewhere", async () => {
    const team = await newTeam();
    await enqueueMany(team, 3);
    const clock = fakeClock();
    await store.outbox.claimDue(team, clock.now(), 10, 30_000, CLAIMER);
    // The live deliverer's heartbeat: its lease moves on as time passes.
    const sleep = async (ms: number) => {
      await clock.sleep(ms);
      await store.outbox.renewLeases(CLAIMER, new Date(clock.ms + 30_000));
    };
    const delivery = deliveryWith({ now: clock.now, sleep, leaseMs: 30_000 });
    const result = await delivery.deliverDue(team, { settleBy: new Date(clock.ms + 120_000) });
    expect(counts(result)).toEqual({ sent: 0, retried: 0, failed: 0, recovered: 0 });
    expect(result.waiting).toEqual({ retry: 0, nextRetryAt: null, due: 0, elsewhere: 3 });
    expect(leftUndelivered(result)).toBe(false);
    // It looked again after one heartbeat, not for the whole settling time.
    expect(clock.slept).toBeLessThan(20_000);
    expect(emulator.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("paces posts under Slack's per-channel and workspace limits, so none is rate limited", async () => {
    const team = await newTeam();
    // The emulator reads Date.now(); fake only Date so the deliverer's sleeps move the emulator's clock too.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    emulator.enforceRateLimits({ perChannelPerSecond: 1, workspacePerSecond: 5 });
    const toChannel = await enqueueMany(team, 10, () => "C0PACE");
    const toPeople = await enqueueMany(team, 10, (i) => `U0Q${i}`);
    let slept = 0;
    const delivery = deliveryWith({
      now: () => new Date(),
      sleep: async (ms) => {
        slept += ms;
        vi.setSystemTime(Date.now() + ms);
      },
      ratePerSecond: 5,
      perChannelPerSecond: 1,
      leaseMs: 10 * 60_000,
    });
    expect(counts(await delivery.deliverDue(team))).toEqual({ sent: 20, retried: 0, failed: 0, recovered: 0 });
    expect(emulator.stats()).toEqual({ postMessage: 20, rateLimited: 0 });
    expect(slept).toBeGreaterThanOrEqual(9_000); // ten posts to one channel take nine seconds at one a second
    await expectExactlyOnce([...toChannel, ...toPeople]);
  });
});

describe("users.markInactive", () => {
  it("marks a known person inactive once and leaves others and unknown ids alone", async () => {
    const team = await newTeam();
    await store.users.saveRole(team, "U0A", "rep", null);
    await store.users.saveRole(team, "U0B", "rep", null);
    expect(await store.users.markInactive(team, "U0A")).toBe(true);
    expect(await store.users.markInactive(team, "U0A")).toBe(false);
    expect(await store.users.markInactive(team, "U0NOBODY")).toBe(false);
    expect(await store.users.find(team, "U0A")).toMatchObject({ active: false });
    expect(await store.users.find(team, "U0B")).toMatchObject({ active: true });
    expect(await store.users.find(team, "U0NOBODY")).toBeNull();
  });
});
