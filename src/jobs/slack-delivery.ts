/**
 * The outbox's deliverer, wired to Slack's Web API with each workspace's bot token (one token in single-workspace
 * mode, the installation's in multi-workspace mode); people who left are marked inactive.
 */
import { WebClient } from "@slack/web-api";
import { toSlackLogger, type Logger } from "../logger.ts";
import type { Store } from "../store/index.ts";
import { createDelivery, type Delivery } from "./delivery.ts";

/** A workspace's bot token; undefined when the app is not installed there. */
export type BotTokenFor = (workspaceId: string) => Promise<string | undefined>;

export interface SlackDeliveryOptions {
  store: Store;
  botTokenFor: BotTokenFor;
  apiUrl: string | undefined;
  ratePerSecond: number;
  logger: Logger;
  now: () => Date;
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
    // Few, short retries: @slack/web-api waits out 429 Retry-After itself; longer outages go back to the outbox,
    // whose retry first checks Slack for the message (a post Slack accepted but answered 5xx is not resent there).
    retryConfig: { retries: 2, minTimeout: 1000, maxTimeout: 5000 },
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
    onRecipientGone: async (workspaceId, recipient, error) => {
      if (/^[UW]/.test(recipient) && (await store.users.markInactive(workspaceId, recipient))) {
        logger.warn({ workspaceId, recipient, error }, "recipient left Slack: marked inactive");
      }
    },
  });
}
