/**
 * The Bolt app: HTTP mode on POST /slack/events by default, Socket Mode when an app token is set; /healthz is
 * served on PORT either way. In multi-workspace mode the receiver also serves the OAuth install flow
 * (/slack/install, /slack/oauth_redirect) and authorizes each request with its workspace's installation.
 */
import type { Server } from "node:http";
import { App, HTTPReceiver, SocketModeReceiver, type App as BoltApp, type CustomRoute, type Receiver } from "@slack/bolt";
import type { InstallationStore } from "@slack/oauth";
import type { AppConfig } from "../config.ts";
import { toSlackLogger, type Logger } from "../logger.ts";
import type { SlackProfile } from "../services/profiles.ts";
import type { BotTokenFor } from "../jobs/slack-delivery.ts";
import { BOT_SCOPES } from "./installation-store.ts";

export const EVENTS_PATH = "/slack/events";
export const INSTALL_PATH = "/slack/install";
export const OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";

export interface SlackAppOptions {
  config: AppConfig;
  logger: Logger;
  isHealthy: () => Promise<boolean>;
  /** Where installations are kept (multi-workspace mode). */
  installationStore?: InstallationStore;
}

const apiUrlOption = (apiUrl: string | undefined) => (apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {});

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

export function createSlackApp({ config, logger, isHealthy, installationStore }: SlackAppOptions): { app: BoltApp; receiver: Receiver } {
  const slackLogger = toSlackLogger(logger);
  const customRoutes = [healthRoute(isHealthy)];
  const { mode } = config.slack;
  const oauth =
    mode.kind === "multi-workspace"
      ? {
          clientId: mode.clientId,
          clientSecret: mode.clientSecret,
          stateSecret: mode.stateSecret,
          scopes: [...BOT_SCOPES],
          ...(installationStore ? { installationStore } : {}),
        }
      : {};
  // The install flow's own Web API calls (oauth.v2.access, auth.test) go where the app's do.
  const installerOptions = { installPath: INSTALL_PATH, redirectUriPath: OAUTH_REDIRECT_PATH, clientOptions: { ...apiUrlOption(config.slack.apiUrl), retryConfig: { retries: 2 } } };
  const receiver: Receiver = config.slack.appToken
    ? new SocketModeReceiver({ appToken: config.slack.appToken, customRoutes, ...oauth, installerOptions: { ...installerOptions, port: config.port }, logger: slackLogger })
    : new HTTPReceiver({ signingSecret: config.slack.signingSecret, endpoints: EVENTS_PATH, customRoutes, ...oauth, installerOptions, logger: slackLogger });
  const app = new App({
    ...(mode.kind === "single-workspace" ? { token: mode.botToken } : {}),
    // Verify the token in startSlackApp (app.init), where a refusal can be reported, not in a detached promise.
    deferInitialization: true,
    // No listener reads `context.conversation`: Bolt's in-memory conversation store would only cost every request.
    convoStore: false,
    receiver,
    logger: slackLogger,
    clientOptions: {
      ...apiUrlOption(config.slack.apiUrl),
      // Interactive calls must not hang on Slack's default 30-minute retry schedule.
      retryConfig: { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    },
  });
  app.error(async (error) => {
    logger.error({ code: error.code }, `unhandled Slack listener error: ${error.message}`);
  });
  return { app, receiver };
}

/** users.info with the workspace's bot token, as the profile service's port. */
export function slackProfileFetcher(app: BoltApp, botTokenFor: BotTokenFor) {
  return async (workspaceId: string, userId: string): Promise<SlackProfile | null> => {
    const token = await botTokenFor(workspaceId);
    if (!token) return null;
    const answer = await app.client.users.info({ token, user: userId, include_locale: true });
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

/**
 * Verifies the bot token (single-workspace mode: auth.test, whose team is returned) and starts serving, on `host`
 * when given (default: every interface).
 */
export async function startSlackApp(
  app: BoltApp,
  port: number,
  apiUrl: string | undefined,
  mode: AppConfig["slack"]["mode"],
  host?: string,
): Promise<{ server: Server | undefined; teamId: string | undefined }> {
  let teamId: string | undefined;
  try {
    await app.init();
    if (mode.kind === "single-workspace") teamId = (await app.client.auth.test({ token: mode.botToken })).team_id;
  } catch (error) {
    throw new SlackUnavailableError(describeSlackFailure(error, apiUrl));
  }
  const started = (await app.start(host ? { port, host } : port)) as unknown;
  return { server: started && typeof (started as Server).address === "function" ? (started as Server) : undefined, teamId };
}
