/** Composition: config -> store -> services -> Slack app. Used by the entry point and the end-to-end tests. */
import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import type { AppConfig } from "./config.ts";
import type { Logger } from "./logger.ts";
import { systemClock, type Clock } from "./services/context.ts";
import { createServices, type Services } from "./services/index.ts";
import { createSlackApp, slackProfileFetcher, startSlackApp } from "./slack/app.ts";
import { registerListeners } from "./slack/listeners/index.ts";
import { openStore } from "./store/open.ts";

export interface RunningBot {
  app: App;
  services: Services;
  /** The port the HTTP server listens on (useful when PORT=0). */
  port: number;
  stop(): Promise<void>;
}

export async function startBot(config: AppConfig, logger: Logger, clock: Clock = systemClock): Promise<RunningBot> {
  const store = await openStore(config.database, logger);
  try {
    const { app } = createSlackApp({ config, logger, isHealthy: store.ping });
    const services = createServices({ store, rules: config.rules, clock, fetchProfile: slackProfileFetcher(app), adminUserIds: config.adminUserIds });
    registerListeners(app, services);
    const server = await startSlackApp(app, config.port, config.slack.apiUrl);
    const port = (server?.address() as AddressInfo | null)?.port ?? config.port;
    logger.info({ port, mode: config.slack.appToken ? "socket" : "http", store: config.database.provider, rules: config.rulesSource }, "bot started");
    return {
      app,
      services,
      port,
      async stop() {
        await app.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
