/**
 * Exactly-once delivery of the outbox: claim due rows, open the conversation, ask Slack whether an earlier attempt
 * already landed (message metadata carries the outbox id), post when it did not, and record the outcome.
 *
 * Slack's `chat.postMessage` has no idempotency key, so "exactly once" rests on three things: the outbox key (one
 * row per workspace, kind, recipient and period), the claim (one deliverer per row at a time, by a conditional
 * update and a lease), and the metadata look-up before any repeat attempt (a crash or timeout after Slack accepted
 * a post is recovered from `conversations.history` instead of posting again).
 *
 * A claim's lease is short and renewed by the deliverer's heartbeat while it lives, so a deliverer that died (kill -9,
 * a lost machine) is replaced within one lease: the next claimer waits at most that long, looks in the history, and
 * sends only what never arrived. A lease is renewed by claim token (one per round of claims), never by a list of ids.
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { Block, KnownBlock } from "@slack/types";
import type { WebClient, WebClientOptions } from "@slack/web-api";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/index.ts";
import type { ClaimedMessage } from "../store/outbox.ts";

/** The part of a WebClient delivery uses, built with `DELIVERY_CLIENT_OPTIONS`. */
export interface DeliveryClient {
  chat: Pick<WebClient["chat"], "postMessage">;
  conversations: Pick<WebClient["conversations"], "open" | "history">;
}

/**
 * The deliverer does its own retries. A 429 is handed back (not waited out inside the client) so that the pacing
 * of every post holds for its Retry-After. A 5xx or a lost connection may come after Slack stored the post, so it
 * is never repeated blind: the row goes back to the outbox, whose next attempt first looks in the history.
 */
export const DELIVERY_CLIENT_OPTIONS = { rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: 10_000 } as const satisfies WebClientOptions;

/** The longest a post can be in flight (the client's timeout): a post starts only with at least this much lease left. */
const POST_TIMEOUT_MS = DELIVERY_CLIENT_OPTIONS.timeout;

/** A claim's lease, renewed every sixth of it while the deliverer lives: a dead deliverer's rows are free within it. */
export const DEFAULT_LEASE_MS = 30_000;

/** Retry-After waits in a row before a call's 429s count as a failed attempt of the row. */
const RATE_LIMIT_WAITS = 5;

export interface DeliveryOptions {
  store: Pick<Store, "outbox">;
  client: DeliveryClient;
  logger: Logger;
  now: () => Date;
  /** Waits `ms` (pacing); default a real timer. Tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Posts per second across the workspace (DELIVERY_RATE). */
  ratePerSecond: number;
  /** Posts per second to one conversation (Slack: about 1). */
  perChannelPerSecond?: number;
  /**
   * How long a claim holds without renewal; the deliverer renews it every `heartbeatMs` while it lives, and starts a
   * post only with more than a post's timeout of it left. Default DEFAULT_LEASE_MS.
   */
  leaseMs?: number;
  /** How often held leases are renewed; default a sixth of the lease. */
  heartbeatMs?: number;
  /** Attempts before a row that keeps failing transiently is given up. */
  maxAttempts: number;
  /** Rows claimed per round; default 100. */
  batchSize?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. Defaults 30 s and 1 h. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Aborted when the bot is stopping: no new post is started, and the rows claimed but not posted go back to the
   * outbox at once (due now), for the next run, instead of waiting out their lease.
   */
  signal?: AbortSignal;
  /** The recipient has left or the channel is gone: the caller marks them inactive and tells their manager. */
  onRecipientGone?: (workspaceId: string, recipient: string, error: string) => Promise<void> | void;
}

/** A post this run gave up on, and why. */
export interface DeliveryFailure {
  kind: string;
  recipient: string;
  error: string;
}

/** What is left to send in the workspace when the run ends, and who is to send it. */
export interface DeliveryWaiting {
  /** Due for a retry later (the earliest at `nextRetryAt`): the running bot's next delivery round, or a run by hand then. */
  retry: number;
  nextRetryAt: Date | null;
  /** Due now and held by no one (the run stopped, or ran out of time). */
  due: number;
  /** Being sent by another deliverer whose lease runs (renewed while it lives). */
  elsewhere: number;
}

export interface DeliveryResult {
  sent: number;
  /** Failed attempts that will be tried again (a transient error). */
  retried: number;
  failed: number;
  /** Rows found already posted (an earlier attempt landed but was not recorded) and marked sent without posting. */
  recovered: number;
  /** This run's given-up posts (the first few). */
  failures: DeliveryFailure[];
  waiting: DeliveryWaiting;
}

/** Whether a run leaves posts that nobody alive is sending: failed ones, or ones waiting for a retry or a claimer. */
export const leftUndelivered = (result: Pick<DeliveryResult, "failed" | "waiting">) => result.failed > 0 || result.waiting.retry > 0 || result.waiting.due > 0;

/** Options of one call of `deliverDue`. */
export interface DeliverDueOptions {
  /**
   * Keep delivering until this instant: wait for retries that fall due before it, and for rows held by a deliverer
   * whose lease stops being renewed (it died), instead of leaving them to a later run. Runs by hand use it.
   */
  settleBy?: Date;
}

export const OUTBOX_EVENT_TYPE = "followups_outbox";

/**
 * Delivers what is due when a job has a deliverer; without one (no Slack token, or a queue-only run) the posts stay
 * in the outbox for the next run that can post. Gives the job's own counts of what it sent (recovered posts count as
 * sent) and failed, zero when it only queued, beside the delivery's whole result (null then).
 */
export async function deliverIfAble(
  deliverer: Pick<Delivery, "deliverDue"> | null,
  workspaceId: string,
): Promise<{ sent: number; failed: number; delivery: DeliveryResult | null }> {
  const delivery = deliverer ? await deliverer.deliverDue(workspaceId) : null;
  return { sent: delivery ? delivery.sent + delivery.recovered : 0, failed: delivery?.failed ?? 0, delivery };
}

/** Slack errors that mean the recipient will never receive the post. */
const RECIPIENT_GONE = new Set(["account_inactive", "user_not_found", "channel_not_found", "is_archived"]);
/** Platform errors worth another attempt later. */
const TRANSIENT_PLATFORM = new Set(["ratelimited", "fatal_error", "internal_error", "service_unavailable", "request_timeout"]);
const HISTORY_PAGES = 10;

type Outcome = "sent" | "recovered" | "retried" | "failed" | "leaseLost" | "stopped";

/** Margin on top of a post's timeout within which a post is not started (another deliverer may take the row). */
const LEASE_MARGIN_MS = 1000;
/** Failures listed in a run's result; the rest are counted. */
const LISTED_FAILURES = 20;
/** How long a settling run waits before looking again at rows that are due but were not claimed (a race). */
const RECHECK_MS = 250;

/**
 * Spaces posts: one every 1/rate seconds across the workspace and 1/perChannel seconds per conversation. Slack
 * counts posts per sliding second as they arrive, and jitter can bring reserved slots closer together, so a post
 * also waits until the one `rate - 1` posts back started a full second ago: posts go one at a time, each after the
 * previous one's answer, so at most `rate` of them can then arrive within any second.
 */
class Pacer {
  private nextWorkspaceAt = 0;
  private readonly nextChannelAt = new Map<string, number>();
  private readonly started: number[] = [];
  private readonly window: number;

  constructor(
    private readonly workspaceIntervalMs: number,
    private readonly channelIntervalMs: number,
    private readonly now: () => Date,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.window = Math.max(1, Math.floor(1000 / workspaceIntervalMs) - 1);
  }

  async wait(channel: string): Promise<void> {
    const now = this.now().getTime();
    const at = Math.max(now, this.nextWorkspaceAt, this.nextChannelAt.get(channel) ?? 0);
    // Reserve before waiting, so concurrent callers queue behind each other.
    this.nextWorkspaceAt = at + this.workspaceIntervalMs;
    this.nextChannelAt.set(channel, at + this.channelIntervalMs);
    if (at > now) await this.sleep(at - now);
    const windowStart = this.started.length >= this.window ? this.started[this.started.length - this.window]! : undefined;
    const early = windowStart === undefined ? 0 : windowStart + 1000 - this.now().getTime();
    if (early > 0) await this.sleep(early);
    this.started.push(this.now().getTime());
    if (this.started.length > this.window) this.started.splice(0, this.started.length - this.window);
  }

  /** Slack said to wait: no post anywhere in the workspace before then. */
  holdFor(ms: number): void {
    this.nextWorkspaceAt = Math.max(this.nextWorkspaceAt, this.now().getTime() + ms);
  }
}

/** Seconds Slack asked to wait when the error is a 429 (`rejectRateLimitedCalls`). */
function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  return code === "slack_webapi_rate_limited_error" && typeof retryAfter === "number" ? retryAfter : undefined;
}

function platformError(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: unknown };
  if (code !== "slack_webapi_platform_error" || typeof data !== "object" || data === null) return undefined;
  const slackError = (data as { error?: unknown }).error;
  return typeof slackError === "string" ? slackError : undefined;
}

function errorText(error: unknown): string {
  return platformError(error) ?? (error instanceof Error ? error.message : String(error));
}

const isChannelId = (recipient: string) => /^[CGD]/.test(recipient);

/** A real wait that ends early (without an error) when the bot is stopping: a long Retry-After never holds up a stop. */
function realSleep(signal: AbortSignal | undefined): (ms: number) => Promise<void> {
  return (ms) =>
    delay(ms, undefined, signal ? { signal } : {}).catch((error: unknown) => {
      if (!signal?.aborted) throw error;
    });
}

/** What a post attempt returns when the bot began stopping while it waited for its turn. */
const STOPPED = Symbol("stopped");

/** One deliverer's identity: host and process (for people reading the outbox), and randomness (for uniqueness). */
const delivererId = () => `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

export function createDelivery(options: DeliveryOptions) {
  const { store, client, logger, now, maxAttempts } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const heartbeatMs = options.heartbeatMs ?? Math.floor(leaseMs / 6);
  const batchSize = options.batchSize ?? 100;
  const baseBackoffMs = options.baseBackoffMs ?? 30_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60 * 60_000;
  const log = logger.child({ component: "delivery" });
  const sleep = options.sleep ?? realSleep(options.signal);
  const pacer = new Pacer(1000 / options.ratePerSecond, 1000 / (options.perChannelPerSecond ?? 1), now, sleep);
  const deliverer = delivererId();
  let rounds = 0;

  /**
   * The claim of one round: its token and how long its rows are surely ours. `lapsed` is set when a renewal came
   * after the lease had run out (the process stalled): another deliverer may have taken some rows meanwhile, so
   * each row is then confirmed on its own before it is posted.
   */
  interface Claim {
    token: string;
    heldUntil: number;
    lapsed: boolean;
  }

  async function renew(claim: Claim): Promise<void> {
    const at = now().getTime();
    const until = at + leaseMs;
    try {
      await store.outbox.renewLeases(claim.token, new Date(until));
      if (at > claim.heldUntil) claim.lapsed = true;
      claim.heldUntil = Math.max(claim.heldUntil, until);
    } catch (error) {
      log.warn({ err: errorText(error) }, "could not renew the claim's lease");
    }
  }

  /** Whether this claim may start a post of `row` now: enough lease left for the post's timeout, renewed if need be. */
  async function mayPost(claim: Claim, row: ClaimedMessage): Promise<boolean> {
    const enough = () => claim.heldUntil - now().getTime() >= POST_TIMEOUT_MS + LEASE_MARGIN_MS;
    if (!enough()) await renew(claim);
    if (!enough()) return false;
    if (!claim.lapsed) return true;
    return store.outbox.confirmHeld(row.id, claim.token, row.attempts, new Date(claim.heldUntil));
  }

  /** Runs a Slack call, waiting out (and pacing every post behind) a 429's Retry-After a few times. */
  async function honouringRetryAfter<T>(call: () => Promise<T>): Promise<T> {
    for (let waits = 0; ; waits++) {
      try {
        return await call();
      } catch (error) {
        const seconds = retryAfterOf(error);
        if (seconds === undefined || waits >= RATE_LIMIT_WAITS) throw error;
        log.warn({ retryAfterSeconds: seconds }, "rate limited by Slack; waiting");
        pacer.holdFor(seconds * 1000);
      }
    }
  }

  async function openChannel(recipient: string): Promise<string> {
    if (isChannelId(recipient)) return recipient;
    const opened = await honouringRetryAfter(() => client.conversations.open({ users: recipient }));
    const id = opened.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    return id;
  }

  /** The ts of a message an earlier attempt of this row posted, when Slack has it. */
  async function findPosted(channel: string, row: ClaimedMessage): Promise<string | undefined> {
    const oldest = (Math.floor(row.createdAt.getTime() / 1000) - 1).toString();
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const history = await honouringRetryAfter(() =>
        client.conversations.history({ channel, oldest, limit: 100, include_all_metadata: true, ...(cursor ? { cursor } : {}) }),
      );
      const match = history.messages?.find(
        (message) =>
          message.metadata?.event_type === OUTBOX_EVENT_TYPE &&
          (message.metadata.event_payload as Record<string, unknown> | undefined)?.outbox_id === row.id,
      );
      if (match?.ts) return match.ts;
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }

  async function deliverOne(row: ClaimedMessage, claim: Claim): Promise<Outcome> {
    const channel = await openChannel(row.recipient);
    if (row.attempts > 1) {
      const ts = await findPosted(channel, row);
      if (ts) {
        await store.outbox.markSent(row.id, channel, ts, now());
        return "recovered";
      }
    }
    const posted = await honouringRetryAfter(async () => {
      await pacer.wait(channel);
      if (options.signal?.aborted) return STOPPED;
      // Without enough lease for the post to finish, another deliverer might take the row mid-post and post twice.
      // Leave it; whoever claims it next looks in the history first.
      if (!(await mayPost(claim, row))) return undefined;
      return client.chat.postMessage({
        channel,
        text: row.payload.text,
        ...(row.payload.blocks ? { blocks: row.payload.blocks as (KnownBlock | Block)[] } : {}),
        metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: row.id } },
      });
    });
    if (posted === STOPPED) return "stopped";
    if (!posted) return "leaseLost";
    if (!posted.ts) throw new Error("chat.postMessage returned no ts");
    await store.outbox.markSent(row.id, posted.channel ?? channel, posted.ts, now());
    return "sent";
  }

  async function handleFailure(row: ClaimedMessage, error: unknown, rowLog: Logger): Promise<Outcome> {
    const slackError = platformError(error);
    const message = errorText(error);
    if (slackError !== undefined && RECIPIENT_GONE.has(slackError)) {
      await store.outbox.markFailed(row.id, message, row.attempts, now());
      rowLog.warn({ error: message }, "recipient gone; post given up");
      try {
        await options.onRecipientGone?.(row.workspaceId, row.recipient, slackError);
      } catch (callbackError) {
        rowLog.error({ err: callbackError }, "onRecipientGone failed");
      }
      return "failed";
    }
    const transient = slackError === undefined || TRANSIENT_PLATFORM.has(slackError);
    if (!transient || row.attempts >= maxAttempts) {
      await store.outbox.markFailed(row.id, message, row.attempts, now());
      rowLog.error({ error: message, attempts: row.attempts }, "post failed");
      return "failed";
    }
    const delay = Math.min(maxBackoffMs, baseBackoffMs * 2 ** (row.attempts - 1));
    await store.outbox.markRetry(row.id, message, new Date(now().getTime() + delay), row.attempts);
    rowLog.warn({ error: message, attempts: row.attempts, retryInMs: delay }, "post will be retried");
    return "retried";
  }

  /** Returns claimed, unposted rows to the outbox, due now; a row whose claim has lapsed is left to its new holder. */
  async function handBack(rows: readonly ClaimedMessage[], why: string): Promise<void> {
    for (const row of rows) await store.outbox.markRetry(row.id, why, now(), row.attempts);
  }

  /** One pass: claims and sends a batch at a time until nothing is due (or a row comes round again). */
  async function deliverPass(workspaceId: string, result: DeliveryResult): Promise<void> {
    // A row comes back in the same pass only when its lease lapsed (or a retry fell due) meanwhile: it is handled,
    // and the pass ends after that round so that it cannot spin.
    const seen = new Set<string>();
    for (;;) {
      const claim: Claim = { token: `${deliverer}#${++rounds}`, heldUntil: 0, lapsed: false };
      const claimedAt = now();
      const rows = await store.outbox.claimDue(workspaceId, claimedAt, batchSize, leaseMs, claim.token);
      if (rows.length === 0) return;
      claim.heldUntil = claimedAt.getTime() + leaseMs;
      const heartbeat = setInterval(() => void renew(claim), heartbeatMs);
      heartbeat.unref();
      let repeated = false;
      // A recipient who left may have queued a notice to their manager: take it in one more round.
      let queuedMore = false;
      try {
        for (const [index, row] of rows.entries()) {
          if (options.signal?.aborted) {
            await handBack(rows.slice(index), "not posted yet: the bot was stopping");
            log.info({ rows: rows.length - index }, "stopping: unposted rows handed back to the outbox");
            return;
          }
          if (seen.has(row.id)) repeated = true;
          seen.add(row.id);
          const rowLog = log.child({ outboxId: row.id, workspaceId: row.workspaceId, kind: row.kind, attempt: row.attempts });
          let outcome: Outcome;
          try {
            outcome = await deliverOne(row, claim);
          } catch (error) {
            try {
              outcome = await handleFailure(row, error, rowLog);
              if (outcome === "failed") {
                if (result.failures.length < LISTED_FAILURES) result.failures.push({ kind: row.kind, recipient: row.recipient, error: errorText(error) });
                if (RECIPIENT_GONE.has(platformError(error) ?? "")) queuedMore = true;
              }
            } catch (storeError) {
              // The row stays `sending` under this round's token; the heartbeat renews only the current round, so its
              // lease runs out and a later round takes it over.
              rowLog.error({ err: storeError }, "could not record delivery failure");
              continue;
            }
          }
          if (outcome === "stopped") {
            await handBack(rows.slice(index), "not posted yet: the bot was stopping");
            log.info({ rows: rows.length - index }, "stopping: unposted rows handed back to the outbox");
            return;
          }
          if (outcome === "leaseLost") {
            rowLog.warn("lease ran out before posting; handed back for the next round");
            await handBack([row], "not posted: the claim's lease ran out first");
          } else result[outcome]++;
        }
      } finally {
        clearInterval(heartbeat);
      }
      if ((rows.length < batchSize && !queuedMore) || repeated) return;
    }
  }

  /** What is left in the workspace, and when a settling run should look again (undefined: nothing to wait for). */
  async function takeStock(workspaceId: string, watched: Map<string, { leaseUntil: number; alive: boolean }>): Promise<{ waiting: DeliveryWaiting; wakeAt: number | undefined }> {
    const at = now().getTime();
    const backlog = await store.outbox.backlog(workspaceId, new Date(at));
    const wakeups: number[] = [];
    if (backlog.due > 0) wakeups.push(at + RECHECK_MS);
    if (backlog.nextRetryAt) wakeups.push(backlog.nextRetryAt.getTime());
    let elsewhere = 0;
    for (const held of backlog.held) {
      elsewhere += held.rows;
      // A holder whose lease moved since it was first seen renews it: it is alive, and sending them. One whose lease
      // does not move may have died: look again when it runs out (then the rows are free) or after a heartbeat.
      const key = held.claimedBy ?? "";
      const lease = held.leaseUntil.getTime();
      const seen = watched.get(key);
      if (!seen) watched.set(key, { leaseUntil: lease, alive: false });
      else if (lease > seen.leaseUntil) seen.alive = true;
      if (!watched.get(key)!.alive) wakeups.push(Math.min(lease + RECHECK_MS, at + heartbeatMs + 1000));
    }
    return {
      waiting: { retry: backlog.retry, nextRetryAt: backlog.nextRetryAt, due: backlog.due, elsewhere },
      wakeAt: wakeups.length ? Math.min(...wakeups) : undefined,
    };
  }

  return {
    /**
     * Sends every due row of a workspace, a batch at a time, until none is due; with `settleBy`, also what falls due
     * before then (retries, rows of a deliverer that died). The result says what is left and who is to send it.
     */
    async deliverDue(workspaceId: string, call: DeliverDueOptions = {}): Promise<DeliveryResult> {
      const result: DeliveryResult = { sent: 0, retried: 0, failed: 0, recovered: 0, failures: [], waiting: { retry: 0, nextRetryAt: null, due: 0, elsewhere: 0 } };
      const watched = new Map<string, { leaseUntil: number; alive: boolean }>();
      for (;;) {
        await deliverPass(workspaceId, result);
        const stock = await takeStock(workspaceId, watched);
        result.waiting = stock.waiting;
        const { settleBy } = call;
        if (!settleBy || options.signal?.aborted || stock.wakeAt === undefined || stock.wakeAt > settleBy.getTime()) return result;
        await sleep(Math.max(0, stock.wakeAt - now().getTime()));
        if (options.signal?.aborted) return result;
      }
    },
  };
}
export type Delivery = ReturnType<typeof createDelivery>;
