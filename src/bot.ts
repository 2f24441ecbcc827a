/** Composition: config -> store -> services -> Slack app -> scheduler. Used by the entry point and the end-to-end tests. */
import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import type { AppConfig } from "./config.ts";
import type { Logger } from "./logger.ts";
import { systemClock, type Clock } from "./services/context.ts";
import { createServices, type Services } from "./services/index.ts";
import { createSlackApp, slackProfileFetcher, startSlackApp } from "./slack/app.ts";
import { botTokenLookup, prismaInstallationStore } from "./slack/installation-store.ts";
import { registerListeners } from "./slack/listeners/index.ts";
import { createJobRunners } from "./jobs/runners.ts";
import { createScheduler, type Scheduler } from "./jobs/scheduler.ts";
import { openStore } from "./store/open.ts";

export interface RunningBot {
  app: App;
  services: Services;
  scheduler: Scheduler;
  /** The port the HTTP server listens on (useful when PORT=0). */
  port: number;
  stop(): Promise<void>;
}

export interface BotOptions {
  clock?: Clock;
  /** Run the scheduled jobs (default). Off for a bot whose jobs are driven by hand, as the end-to-end tests do. */
  schedule?: boolean;
  /** The interface the HTTP server listens on (default: all); the sandbox keeps it on 127.0.0.1. */
  host?: string;
}

export async function startBot(config: AppConfig, logger: Logger, options: BotOptions = {}): Promise<RunningBot> {
  const clock = options.clock ?? systemClock;
  const store = await openStore(config.database, logger);
  try {
    const { mode } = config.slack;
    const multiWorkspace = mode.kind === "multi-workspace";
    const installationStore = multiWorkspace ? prismaInstallationStore(store, () => clock.now()) : undefined;
    const { app } = createSlackApp({ config, logger, isHealthy: store.ping, ...(installationStore ? { installationStore } : {}) });
    const botTokenFor = botTokenLookup(mode.kind === "single-workspace" ? mode.botToken : undefined, store);
    const services = createServices({ store, rules: config.rules, clock, fetchProfile: slackProfileFetcher(app, botTokenFor), adminUserIds: config.adminUserIds });
    registerListeners(app, services);
    const { server, teamId } = await startSlackApp(app, config.port, config.slack.apiUrl, mode, options.host);
    // The token works for its workspace: a reinstall after an app_uninstalled resumes its jobs.
    if (teamId) await store.workspaces.markInstalled(teamId);
    const port = (server?.address() as AddressInfo | null)?.port ?? config.port;
    // Aborted by stop(): jobs in flight end after the post they are making, and hand the rest back to the outbox.
    const stopping = new AbortController();
    const scheduler = createScheduler({
      store,
      schedules: config.rules.schedules,
      logger,
      now: () => clock.now(),
      // Multi-workspace: every workspace with an installation, each with its own token.
      ...(multiWorkspace ? { workspaces: () => store.installations.workspaceIds() } : {}),
      runners: createJobRunners(
        {
          store,
          services,
          rules: config.rules,
          logger,
          now: () => clock.now(),
          adminUserIds: config.adminUserIds,
          slack: { botTokenFor, apiUrl: config.slack.apiUrl, deliveryRate: config.deliveryRate },
        },
        { byHand: false, signal: stopping.signal },
      ),
    });
    if (options.schedule ?? true) scheduler.start();
    logger.info({ port, mode: config.slack.appToken ? "socket" : "http", workspaces: mode.kind, store: config.database.provider, rules: config.rulesSource }, "bot started");
    return {
      app,
      services,
      scheduler,
      port,
      /** In-flight jobs finish (see `stopping`) before the HTTP server and then the store close. */
      async stop() {
        stopping.abort();
        try {
          await scheduler.stop();
          await app.stop();
        } finally {
          await store.close();
        }
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
