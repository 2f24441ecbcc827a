/**
 * The Bolt app: HTTP mode on POST /slack/events by default, Socket Mode when an app token is set; /healthz is
 * served on PORT either way.
 */
import type { Server } from "node:http";
import { App, HTTPReceiver, SocketModeReceiver, type App as BoltApp, type CustomRoute, type Receiver } from "@slack/bolt";
import type { AppConfig } from "../config.ts";
import { toSlackLogger, type Logger } from "../logger.ts";
import type { SlackProfile } from "../services/profiles.ts";

export const EVENTS_PATH = "/slack/events";

export interface SlackAppOptions {
  config: AppConfig;
  logger: Logger;
  isHealthy: () => Promise<boolean>;
}

function healthRoute(isHealthy: () => Promise<boolean>): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_req, res) => {
      void isHealthy().then((ok) => {
        res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify(ok ? { ok: true } : { ok: false, error: "store unreachable" }));
      });
    },
  };
}

export function createSlackApp({ config, logger, isHealthy }: SlackAppOptions): { app: BoltApp; receiver: Receiver } {
  const slackLogger = toSlackLogger(logger);
  const customRoutes = [healthRoute(isHealthy)];
  const receiver: Receiver = config.slack.appToken
    ? new SocketModeReceiver({ appToken: config.slack.appToken, customRoutes, installerOptions: { port: config.port }, logger: slackLogger })
    : new HTTPReceiver({ signingSecret: config.slack.signingSecret, endpoints: EVENTS_PATH, customRoutes, logger: slackLogger });
  const app = new App({
    token: config.slack.mode.botToken,
    receiver,
    logger: slackLogger,
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl.endsWith("/") ? config.slack.apiUrl : `${config.slack.apiUrl}/` } : {}),
      // Interactive calls must not hang on Slack's default 30-minute retry schedule.
      retryConfig: { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    },
  });
  app.error(async (error) => {
    logger.error({ code: error.code }, `unhandled Slack listener error: ${error.message}`);
  });
  return { app, receiver };
}

/** users.info, as the profile service's port. */
export function slackProfileFetcher(app: BoltApp) {
  return async (_workspaceId: string, userId: string): Promise<SlackProfile | null> => {
    const answer = await app.client.users.info({ user: userId, include_locale: true });
    if (!answer.ok || !answer.user) return null;
    return { timezone: answer.user.tz ?? null, locale: answer.user.locale ?? null };
  };
}

export async function startSlackApp(app: BoltApp, port: number): Promise<Server | undefined> {
  const started = (await app.start(port)) as unknown;
  return started && typeof (started as Server).address === "function" ? (started as Server) : undefined;
}
