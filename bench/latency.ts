/**
 * Slash-command latency: `/tier` and `/log` sent as Slack-signed HTTP requests to the real bot on the benchmark
 * data, timed to the reply the user sees (both commands answer in the ack body), interleaved request by request
 * with a bare Bolt app on the same receiver that only acks with a text: the floor for this framework.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver } from "@slack/bolt";
import { startBot } from "../src/bot.ts";
import { loadAppConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { SlackEmulator } from "../test/support/slack-emulator.ts";
import { SlackRequests, type SlackReply } from "../test/support/slack-requests.ts";
import { seededRandom, type Dataset } from "./generate.ts";
import { BENCH_TEAM } from "./import-bench.ts";
import type { BenchDatabase } from "./stores.ts";

const SIGNING_SECRET = "bench-signing-secret";
const BOT_TOKEN = "xoxb-bench-token";

export interface Percentiles {
  p50: number;
  p99: number;
  n: number;
}

export interface LatencyFigures {
  tier: Percentiles;
  log: Percentiles;
  floor: Percentiles;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), n: sorted.length };
}

/** The same receiver, token and Web API base as the bot (Bolt checks the token with auth.test, as for the bot). */
async function startFloorApp(apiUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: "/slack/events" });
  const app = new App({ receiver, token: BOT_TOKEN, deferInitialization: true, clientOptions: { slackApiUrl: apiUrl } });
  await app.init();
  app.command(/.*/, async ({ ack }) => {
    await ack({ response_type: "ephemeral", text: "ok" });
  });
  const server = (await app.start(0)) as Server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: () => app.stop().then(() => undefined) };
}

const TYPES = ["call", "email", "meeting", "note"] as const;

export async function measureLatency(dataset: Dataset, database: BenchDatabase, samples: number): Promise<LatencyFigures> {
  const emulator = await SlackEmulator.start({ botToken: BOT_TOKEN, teamId: BENCH_TEAM });
  for (const rep of dataset.reps) emulator.setUser(rep, { tz: "Europe/London" });
  const config = loadAppConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: database.url,
    PORT: "0",
    LOG_LEVEL: "silent",
  });
  const bot = await startBot(config, createLogger("silent"), { schedule: false });
  const floor = await startFloorApp(emulator.apiUrl);
  const botRequests = new SlackRequests({ appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, emulator, teamId: BENCH_TEAM });
  const floorRequests = new SlackRequests({ appUrl: floor.url, signingSecret: SIGNING_SECRET, emulator, teamId: BENCH_TEAM });
  const random = seededRandom(11);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const times = { tier: [] as number[], log: [] as number[], floor: [] as number[] };
  const timed = async (send: () => Promise<SlackReply>, expect: (reply: SlackReply) => boolean): Promise<number> => {
    const started = performance.now();
    const reply = await send();
    const ms = performance.now() - started;
    if (reply.status !== 200 || !expect(reply)) throw new Error(`unexpected reply (${reply.status}): ${reply.body.slice(0, 300)}`);
    return ms;
  };
  const shows = (name: string) => (reply: SlackReply) => reply.body.includes(name.replaceAll("&", "&amp;"));
  // Who sends which sample, drawn first: the warm-up needs to know whose profiles to read.
  const plan = Array.from({ length: samples }, () => ({ user: pick(dataset.reps), name: pick(dataset.sampleNames) }));
  const sampled = [...new Set(plan.map((p) => p.user))];
  try {
    // Warm up both apps, and the profile of every rep who sends a sample (read from Slack once a day: a rep's first
    // command of the day also asks Slack who they are, which is not what this figure measures), before measuring.
    // Only those reps: with thousands of reps, warming everyone cost more than the measurement.
    for (let i = 0; i < Math.max(50, sampled.length); i++) {
      const user = sampled[i % sampled.length]!;
      await botRequests.command("/tier", pick(dataset.sampleNames), { userId: user });
      await floorRequests.command("/tier", "x", { userId: user });
    }
    let stamp = 0;
    for (const { user, name } of plan) {
      // Interleaved: floor, /tier, floor, /log, so load on the machine falls on both alike.
      times.floor.push(await timed(() => floorRequests.command("/tier", name, { userId: user }), (r) => r.body.includes("ok")));
      times.tier.push(await timed(() => botRequests.command("/tier", name, { userId: user }), shows(name)));
      times.floor.push(await timed(() => floorRequests.command("/log", name, { userId: user }), (r) => r.body.includes("ok")));
      const text = `${name} ${pick(TYPES)} bench touch ${++stamp} with the usual questions next:2w`;
      times.log.push(await timed(() => botRequests.command("/log", text, { userId: user }), shows(name)));
    }
  } finally {
    await floor.stop();
    await bot.stop();
    await emulator.stop();
  }
  return { tier: percentiles(times.tier), log: percentiles(times.log), floor: percentiles(times.floor) };
}
