/** The outbox's deliverer, wired to Slack's Web API with the bot token; people who left are recorded as gone. */
import { WebClient } from "@slack/web-api";
import { toSlackLogger, type Logger } from "../logger.ts";
import type { Store } from "../store/index.ts";
import { recordDeparture } from "./departures.ts";
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
    onRecipientGone: (workspaceId, recipient, error) => recordDeparture(store, logger, workspaceId, recipient, error),
  });
}
