/**
 * Delivery: N direct messages queued in the outbox and sent by the bot's deliverer (createSlackDelivery, paced to
 * DELIVERY_RATE) through the shared Slack emulator enforcing one message per second per channel and a workspace
 * limit of DELIVERY_RATE per second. Counts what Slack accepted per outbox row: none twice, none missing.
 */
import { createSlackDelivery } from "../src/jobs/slack-delivery.ts";
import { OUTBOX_EVENT_TYPE } from "../src/jobs/delivery.ts";
import { createLogger } from "../src/logger.ts";
import { openStore } from "../src/store/open.ts";
import { SlackEmulator } from "../test/support/slack-emulator.ts";
import { repId } from "./generate.ts";
import { BENCH_TEAM } from "./import-bench.ts";
import type { BenchDatabase } from "./stores.ts";

const BOT_TOKEN = "xoxb-bench-token";

export interface DeliveryFigures {
  messages: number;
  rate: number;
  seconds: number;
  perSecond: number;
  /** perSecond / rate */
  ofRate: number;
  duplicates: number;
  lost: number;
  rateLimited: number;
}

function outboxIdOf(metadata: unknown): string | undefined {
  const parsed = typeof metadata === "string" ? (JSON.parse(metadata) as unknown) : metadata;
  const m = parsed as { event_type?: string; event_payload?: { outbox_id?: string } } | undefined;
  return m?.event_type === OUTBOX_EVENT_TYPE ? m.event_payload?.outbox_id : undefined;
}

export async function measureDelivery(database: BenchDatabase, messages: number, rate: number): Promise<DeliveryFigures> {
  const emulator = await SlackEmulator.start({ botToken: BOT_TOKEN, teamId: BENCH_TEAM });
  emulator.enforceRateLimits({ perChannelPerSecond: 1, workspacePerSecond: rate });
  const logger = createLogger("silent");
  const store = await openStore(database.target, logger);
  try {
    await store.workspaces.ensure(BENCH_TEAM);
    const ids = new Set<string>();
    for (let i = 0; i < messages; i++) {
      const { id } = await store.outbox.enqueue(BENCH_TEAM, { kind: "notice", recipient: repId(10_000 + i), period: "bench", payload: { text: `Benchmark notice ${i}` } });
      ids.add(id);
    }
    const delivery = createSlackDelivery({ store, botTokenFor: async () => BOT_TOKEN, apiUrl: emulator.apiUrl, ratePerSecond: rate, logger, now: () => new Date() });
    const started = performance.now();
    const result = await delivery.deliverDue(BENCH_TEAM);
    const seconds = (performance.now() - started) / 1000;
    const accepted = new Map<string, number>();
    for (const call of emulator.callsTo("chat.postMessage")) {
      if (call.response?.body.ok !== true) continue;
      const id = outboxIdOf(call.args.metadata);
      if (id) accepted.set(id, (accepted.get(id) ?? 0) + 1);
    }
    const duplicates = [...accepted.values()].reduce((n, count) => n + Math.max(0, count - 1), 0);
    const lost = [...ids].filter((id) => !accepted.has(id)).length;
    const perSecond = result.sent / seconds;
    return { messages, rate, seconds, perSecond, ofRate: perSecond / rate, duplicates, lost, rateLimited: emulator.stats().rateLimited };
  } finally {
    await store.close();
    await emulator.stop();
  }
}
