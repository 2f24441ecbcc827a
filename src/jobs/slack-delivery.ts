/** The outbox's deliverer, wired to Slack's Web API with the bot token; people who left are marked inactive. */
import { WebClient } from "@slack/web-api";
import { toSlackLogger, type Logger } from "../logger.ts";
import type { Store } from "../store/index.ts";
import { createDelivery, type Delivery } from "./delivery.ts";

export interface SlackDeliveryOptions {
  store: Store;
  botToken: string;
  apiUrl: string | undefined;
  ratePerSecond: number;
  logger: Logger;
  now: () => Date;
}

export function createSlackDelivery(options: SlackDeliveryOptions): Delivery {
  const { store, logger } = options;
  const client = new WebClient(options.botToken, {
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
