/**
 * The real bot on a fresh database, talking to a local Slack emulator, driven by Slack-signed HTTP requests.
 * Shared by the end-to-end tests, and meant for the sandbox and the benchmarks too.
 */
import { Readable } from "node:stream";
import { startBot, type RunningBot } from "../../src/bot.ts";
import { loadAppConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import type { Clock } from "../../src/services/context.ts";
import { importService, type ImportKind } from "../../src/services/imports.ts";
import { expect } from "vitest";
import { blockKitProblems } from "./block-kit-limits.ts";
import { allText } from "./block-text.ts";
import { SlackEmulator } from "./slack-emulator.ts";
import { SlackRequests } from "./slack-requests.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export const TEST_SIGNING_SECRET = "test-signing-secret";
export const TEST_BOT_TOKEN = "xoxb-test-token";
export const TEST_TEAM = "T0TEST";

export interface TestBot {
  emulator: SlackEmulator;
  slack: SlackRequests;
  database: TestDatabase;
  bot: RunningBot;
  /** Signed requests as coming from another workspace (team id). */
  slackFor(teamId: string): SlackRequests;
  /** Stops the bot and starts a new one on the same database (what a deploy or a crash-restart does). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_CLIENT_ID = "1234567890.0987654321";
export const TEST_CLIENT_SECRET = "test-client-secret-value";
export const TEST_STATE_SECRET = "test-state-secret-value";

export interface TestBotOptions {
  clock?: Clock;
  env?: Record<string, string>;
  /** Multi-workspace (OAuth) mode: no bot token; workspaces install through /slack/install and the emulator. */
  multiWorkspace?: boolean;
  /** Where the bot's JSON log lines go (default: standard output, silent unless TEST_LOG_LEVEL says). */
  logDestination?: { write(line: string): void };
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const emulator = await SlackEmulator.start(
    options.multiWorkspace ? { teamId: TEST_TEAM, oauthClient: { clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET } } : { botToken: TEST_BOT_TOKEN, teamId: TEST_TEAM },
  );
  const database = await createTestDatabase();
  const config = loadAppConfig({
    ...(options.multiWorkspace
      ? { SLACK_CLIENT_ID: TEST_CLIENT_ID, SLACK_CLIENT_SECRET: TEST_CLIENT_SECRET, SLACK_STATE_SECRET: TEST_STATE_SECRET }
      : { SLACK_BOT_TOKEN: TEST_BOT_TOKEN }),
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: database.url,
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...options.env,
  });
  const logger = createLogger(config.logLevel, options.logDestination);
  // Jobs run when a test fires them, never on a wall-clock cron in the middle of another test.
  const boot = () => startBot(config, logger, { ...(options.clock ? { clock: options.clock } : {}), schedule: false });
  const requestsFor = (bot: RunningBot, teamId = TEST_TEAM) =>
    new SlackRequests({ appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: TEST_SIGNING_SECRET, emulator, teamId });
  const firstBot = await boot();
  const handle: TestBot = {
    emulator,
    database,
    bot: firstBot,
    slack: requestsFor(firstBot),
    slackFor: (teamId) => requestsFor(handle.bot, teamId),
    async restart() {
      await handle.bot.stop();
      handle.bot = await boot();
      handle.slack = requestsFor(handle.bot);
    },
    async stop() {
      await handle.bot.stop();
      await emulator.stop();
      await database.drop();
      // Slack refuses a payload over its Block Kit limits; so did the emulator, and that is a bug wherever it was.
      if (emulator.blockKitRefusals.length > 0) throw new Error(`Block Kit limits broken:\n${emulator.blockKitRefusals.join("\n")}`);
    },
  };
  return handle;
}

/** Loads test data through the CSV import, as an operator would; a skipped row fails the test that loads it. */
export async function importCsv(t: TestBot, kind: ImportKind, csv: string): Promise<void> {
  const { store, rules, clock } = t.bot.services;
  const report = await importService({ store, rules, clock }).importCsv(kind, TEST_TEAM, Readable.from([csv]), { fileName: `${kind}.csv` });
  if (report.skipped > 0) throw new Error(`${kind}.csv: ${report.skipped} row(s) skipped`);
}

/** The environment for the bot's CLI (`src/cli/*.ts`) run as a separate process against this test bot. */
export function cliEnv(t: TestBot): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    DATABASE_URL: t.database.url,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: t.emulator.apiUrl,
    SLACK_TEAM_ID: TEST_TEAM,
  };
}

/** Opens the Home tab as `user` (Slack's app_home_opened) and returns the view the bot published, checked against Block Kit's limits. */
export async function openHome(t: TestBot, user: string): Promise<{ view: { blocks: unknown[] }; text: string }> {
  t.emulator.reset();
  await t.slack.event({ type: "app_home_opened", user, channel: `D${user}`, tab: "home" });
  const publish = await t.emulator.waitForCall("views.publish", (c) => c.args.user_id === user);
  const view = publish.args.view as { blocks: unknown[] };
  expect(blockKitProblems({ type: "home", blocks: view.blocks as never })).toEqual([]);
  return { view, text: allText(view) };
}
