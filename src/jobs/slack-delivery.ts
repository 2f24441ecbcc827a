/** The outbox's deliverer, wired to Slack's Web API with the bot token; people who left are marked inactive. */
import { WebClient } from "@slack/web-api";
import { toSlackLogger, type Logger } from "../logger.ts";
import type { Store } from "../store/index.ts";
import { createDelivery, DELIVERY_CLIENT_OPTIONS, type Delivery } from "./delivery.ts";

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
    onRecipientGone: async (workspaceId, recipient, error) => {
      if (/^[UW]/.test(recipient) && (await store.users.markInactive(workspaceId, recipient))) {
        logger.warn({ workspaceId, recipient, error }, "recipient left Slack: marked inactive");
      }
    },
  });
}
