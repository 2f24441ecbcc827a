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
    // Verify the token in startSlackApp (app.init), where a refusal can be reported, not in a detached promise.
    deferInitialization: true,
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

/** Slack refused the token or could not be reached when the bot started. */
export class SlackUnavailableError extends Error {}

function describeSlackFailure(error: unknown, apiUrl: string | undefined): string {
  const platformError = (error as { data?: { error?: unknown } }).data?.error;
  if (typeof platformError === "string") {
    return `Slack refused SLACK_BOT_TOKEN (auth.test: ${platformError}): check the token (see README "Create the Slack app")`;
  }
  const cause = (error as { original?: { cause?: { code?: unknown } } }).original?.cause?.code;
  const reason = typeof cause === "string" ? cause : (error as Error).message.split("\n")[0];
  return `Slack's Web API is unreachable at ${apiUrl ?? "https://slack.com/api/"} (${reason})`;
}

export async function startSlackApp(app: BoltApp, port: number, apiUrl: string | undefined, host?: string): Promise<Server | undefined> {
  try {
    await app.init();
  } catch (error) {
    throw new SlackUnavailableError(describeSlackFailure(error, apiUrl));
  }
  const started = (await app.start(host ? { port, host } : port)) as unknown;
  return started && typeof (started as Server).address === "function" ? (started as Server) : undefined;
}
