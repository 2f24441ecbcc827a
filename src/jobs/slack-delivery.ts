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
}

/** Delivers a workspace's due posts with that workspace's token; one deliverer (and pacer) per token. */
export function createSlackDelivery(options: SlackDeliveryOptions): Pick<Delivery, "deliverDue"> {
  const byToken = new Map<string, Delivery>();
  return {
    async deliverDue(workspaceId: string) {
      const token = await options.botTokenFor(workspaceId);
      if (!token) throw new Error(`the app is not installed in workspace ${workspaceId} (no bot token): nothing was sent`);
      let delivery = byToken.get(token);
      if (!delivery) byToken.set(token, (delivery = tokenDelivery(options, token)));
      return delivery.deliverDue(workspaceId);
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
    leaseMs: 10 * 60 * 1000,
    maxAttempts: 8,
    ...(options.signal ? { signal: options.signal } : {}),
    onRecipientGone: (workspaceId, recipient, error) => recordDeparture(store, logger, workspaceId, recipient, error),
  });
}
