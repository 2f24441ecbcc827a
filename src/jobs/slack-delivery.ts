/**
 * The outbox's deliverer, wired to Slack's Web API with each workspace's bot token (one token in single-workspace
 * mode, the installation's in multi-workspace mode); people who left are recorded as gone (departures.ts).
 */
import { WebClient } from "@slack/web-api";
import { toSlackLogger, type Logger } from "../logger.ts";
import type { Store } from "../store/index.ts";
import { recordDeparture } from "./departures.ts";
import { createDelivery, DELIVERY_CLIENT_OPTIONS, type Delivery } from "./delivery.ts";

/** A workspace's bot token; undefined when the app is not installed there. */
export type BotTokenFor = (workspaceId: string) => Promise<string | undefined>;

export interface SlackDeliveryOptions {
  store: Store;
  botTokenFor: BotTokenFor;
  apiUrl: string | undefined;
  ratePerSecond: number;
  logger: Logger;
  now: () => Date;
  /** Aborted when the bot is stopping: delivery ends after the post in flight (see DeliveryOptions.signal). */
  signal?: AbortSignal;
  /**
   * A run by hand: deliver through transient faults within the run (retries after 2 s, doubling to 30 s) for up to
   * BY_HAND_SETTLE_MS, instead of leaving retries to the running bot's next round (after 30 s, doubling to an hour).
   */
  byHand?: boolean;
}

/** How long a run by hand keeps delivering through transient faults and waits for a dead deliverer's rows. */
export const BY_HAND_SETTLE_MS = 2 * 60_000;

/** Attempts before a post that keeps failing transiently is given up (a run by hand makes about 7 of them). */
const MAX_ATTEMPTS = 10;

/** Delivers a workspace's due posts with that workspace's token; one deliverer (and pacer) per token. */
export function createSlackDelivery(options: SlackDeliveryOptions): Pick<Delivery, "deliverDue"> {
  const byToken = new Map<string, Delivery>();
  return {
    async deliverDue(workspaceId: string) {
      const token = await options.botTokenFor(workspaceId);
      if (!token) throw new Error(`the app is not installed in workspace ${workspaceId} (no bot token): nothing was sent`);
      let delivery = byToken.get(token);
      if (!delivery) byToken.set(token, (delivery = tokenDelivery(options, token)));
      return delivery.deliverDue(workspaceId, options.byHand ? { settleBy: new Date(options.now().getTime() + BY_HAND_SETTLE_MS) } : {});
    },
  };
}

function tokenDelivery(options: SlackDeliveryOptions, botToken: string): Delivery {
  const { store, logger } = options;
  const client = new WebClient(botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith("/") ? options.apiUrl : `${options.apiUrl}/` } : {}),
    ...DELIVERY_CLIENT_OPTIONS,
    logger: toSlackLogger(logger),
  });
  return createDelivery({
    store,
    client,
    logger,
    now: options.now,
    ratePerSecond: options.ratePerSecond,
    maxAttempts: MAX_ATTEMPTS,
    ...(options.byHand ? { baseBackoffMs: 2_000, maxBackoffMs: 30_000 } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onRecipientGone: (workspaceId, recipient, error) => recordDeparture(store, logger, workspaceId, recipient, error),
  });
}
