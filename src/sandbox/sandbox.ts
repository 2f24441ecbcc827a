/**
 * The whole product on one machine, with no Slack app: the real bot on an embedded SQLite file seeded with demo
 * data, the Slack Web API emulator from the test helpers standing in for Slack (SLACK_API_URL points at it), and
 * the web console that plays the Slack client. Nothing listens beyond 127.0.0.1 and nothing leaves the machine.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { SlackEmulator } from "../../test/support/slack-emulator.ts";
import { SlackRequests } from "../../test/support/slack-requests.ts";
import { startBot, type RunningBot } from "../bot.ts";
import { ConfigError, loadAppConfig } from "../config.ts";
import { describeJobRun } from "../cli/job-report.ts";
import { isJobName, JOBS, manualFiringKey, runJob } from "../jobs/run-job.ts";
import { createJobRunners } from "../jobs/runners.ts";
import { createLogger } from "../logger.ts";
import type { Clock } from "../services/context.ts";
import { startConsoleServer, type ConsoleServer, type JobConsole } from "./console-server.ts";
import { buildDemoData, DEMO_KEY_CLIENT, DEMO_PEOPLE, DEMO_TEAM } from "./demo-data.ts";
import { readManifest } from "./manifest.ts";
import { isSeeded, seedDemoData } from "./seed.ts";
import { ConsoleWorkspace, SALES_CHANNEL } from "./workspace.ts";

export const HOST = "127.0.0.1";
export const DEFAULT_CONSOLE_PORT = 3030;
export const DEFAULT_DATA_FILE = "data/sandbox.db";

export interface SandboxOptions {
  /** The console's port; 0 picks a free one. Default 3030, or a free one when 3030 is taken. */
  port?: number;
  /** The SQLite file (default data/sandbox.db). */
  dataFile?: string;
  /** Keep the data from the last run instead of reseeding (seeds only an empty file). */
  keep?: boolean;
  /** Fire the jobs on their schedules, as the deployed bot does (default: only when run from the console). */
  schedule?: boolean;
  /** Start the clock at this instant (it then runs on); default: the real time. */
  startAt?: Date;
  rulesFile?: string;
  logLevel?: string;
}

export interface Sandbox {
  consoleUrl: string;
  botEventsUrl: string;
  emulatorUrl: string;
  dataFile: string;
  /** True when this start loaded the demo data (false: a kept database). */
  seeded: boolean;
  clients: number;
  people: number;
  bot: RunningBot;
  stop(): Promise<void>;
}

/** A clock that starts at `startAt` and runs at the wall clock's pace. */
export function shiftedClock(startAt: Date): Clock {
  const offset = startAt.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataFile = path.resolve(options.dataFile ?? DEFAULT_DATA_FILE);
  if (!options.keep) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${dataFile}${suffix}`, { force: true });
  const clock: Clock = options.startAt ? shiftedClock(options.startAt) : { now: () => new Date() };
  const botToken = `xoxb-sandbox-${randomBytes(6).toString("hex")}`;
  const signingSecret = randomBytes(16).toString("hex");
  // Slack goes by the app's manifest: which commands exist, whether its Messages tab takes messages.
  const app = readManifest();

  const emulator = await SlackEmulator.start({
    botToken,
    teamId: DEMO_TEAM.id,
    teamName: DEMO_TEAM.name,
    teamDomain: DEMO_TEAM.domain,
    botUserId: "U0SBBOT",
    botId: "B0SBBOT",
    appId: "A0SBAPP",
  });
  for (const p of DEMO_PEOPLE) emulator.setUser(p.id, { tz: p.tz, locale: p.locale, name: p.handle, realName: p.name });
  const workspace = new ConsoleWorkspace(emulator);

  // Built from explicit values, never from the environment or .env: the sandbox must not reach a real Slack or database.
  const loaded = loadAppConfig({
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    SLACK_TEAM_ID: DEMO_TEAM.id,
    DATABASE_URL: `file:${dataFile}`,
    PORT: "0",
    LOG_LEVEL: options.logLevel ?? "warn",
    ...(options.rulesFile ? { RULES_FILE: options.rulesFile } : {}),
  });
  // Risk alerts go to the alert channel when one is set: in the sandbox, #sales-team unless the rules name another.
  // Without a rules file, the demo book's key-client rule (DEMO_KEY_CLIENT): a handful of key clients, not most.
  const keyClient = options.rulesFile ? loaded.rules.keyClient : { ...loaded.rules.keyClient, ...DEMO_KEY_CLIENT };
  const config = { ...loaded, rules: { ...loaded.rules, keyClient, alerts: { channel: loaded.rules.alerts.channel ?? SALES_CHANNEL.id } } };
  const logger = createLogger(config.logLevel);
  let bot: RunningBot;
  try {
    bot = await startBot(config, logger, { clock, schedule: options.schedule ?? false, host: HOST });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  let consoleServer: ConsoleServer | undefined;
  try {
    const { store } = bot.services;
    const seeded = !(options.keep && (await isSeeded(store, DEMO_TEAM.id)));
    const today = clock.now().toISOString().slice(0, 10);
    const demo = buildDemoData(today, config.rules);
    if (seeded) await seedDemoData({ store, rules: config.rules, clock }, DEMO_TEAM.id, demo);
    const { total: clients } = await store.clients.list(DEMO_TEAM.id, {}, 1);

    const botEventsUrl = `http://${HOST}:${bot.port}/slack/events`;
    const slack = new SlackRequests({ appUrl: botEventsUrl, signingSecret, emulator, teamId: DEMO_TEAM.id });
    // The same runners as `npm run job`; adminUserIds is for the runners that tell admins (the digest's, on main).
    const runnerDeps = {
      store,
      services: bot.services,
      rules: config.rules,
      logger,
      now: () => clock.now(),
      adminUserIds: config.adminUserIds,
      slack: { botTokenFor: async () => botToken, apiUrl: emulator.apiUrl, deliveryRate: config.deliveryRate },
    };
    const runners = createJobRunners(runnerDeps, { byHand: true });
    const jobs: JobConsole = {
      list: () => JOBS.map((name) => (runners[name] ? { name, available: true } : { name, available: false, reason: "no runner for this job" })),
      async run(name, at) {
        const runner = isJobName(name) ? runners[name] : undefined;
        if (!isJobName(name) || !runner) return { kind: "failed", error: `no runner for ${name}` };
        const outcome = await runJob({ store, logger, now: () => clock.now() }, name, runner, DEMO_TEAM.id, at, manualFiringKey(at, clock.now()));
        if (outcome.kind !== "done") return outcome;
        const { delivery: _delivery, ...done } = outcome;
        return { ...done, summary: describeJobRun(name, outcome.stats, outcome.delivery, new Date()) };
      },
    };
    const serve = (port: number) =>
      startConsoleServer({ workspace, emulator, slack: () => slack, people: DEMO_PEOPLE, team: { id: DEMO_TEAM.id, name: DEMO_TEAM.name }, app, jobs, now: () => clock.now(), host: HOST, port });
    consoleServer = await serve(options.port ?? DEFAULT_CONSOLE_PORT).catch((error: NodeJS.ErrnoException) => {
      // 3030 taken by something else: any free port will do, the start-up line says which.
      if (error.code === "EADDRINUSE" && options.port === undefined) return serve(0);
      if (error.code === "EADDRINUSE") throw new ConfigError(`--port ${options.port}: the port is in use; pick another, or 0 for any free one`);
      throw error;
    });
    const server = consoleServer;
    return {
      consoleUrl: server.url,
      botEventsUrl,
      emulatorUrl: emulator.apiUrl,
      dataFile,
      seeded,
      clients,
      people: DEMO_PEOPLE.length,
      bot,
      async stop() {
        await server.stop();
        await bot.stop();
        await emulator.stop();
      },
    };
  } catch (error) {
    await consoleServer?.stop();
    await bot.stop();
    await emulator.stop();
    throw error;
  }
}
