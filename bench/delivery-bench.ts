/**
 * Delivery: one run of the `nudges` job by hand (`npm run job -- nudges`, the real runner and its deliverer) for N
 * reps with a follow-up due each, through the shared Slack emulator enforcing one message per second per channel
 * and a workspace limit of DELIVERY_RATE per second. The figure is nudges delivered per second of the whole run
 * (queueing included) against DELIVERY_RATE, and what Slack accepted per outbox row: none twice, none missing.
 */
import { DEFAULT_RULES } from "../src/domain/rules.ts";
import { OUTBOX_EVENT_TYPE } from "../src/jobs/delivery.ts";
import { createJobRunners } from "../src/jobs/runners.ts";
import { createLogger } from "../src/logger.ts";
import { createServices } from "../src/services/index.ts";
import { openStore } from "../src/store/open.ts";
import { insertLargeOrg } from "../test/support/large-org.ts";
import { SlackEmulator } from "../test/support/slack-emulator.ts";
import { BENCH_TEAM } from "./import-bench.ts";
import type { BenchDatabase } from "./stores.ts";

const BOT_TOKEN = "xoxb-bench-token";
/** A Monday: every rep's local business day, and the day their follow-ups are laid out around. */
const MONDAY = "2026-11-23";

export interface DeliveryFigures {
  /** Reps nudged by the run (one DM each). */
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

export async function measureDelivery(database: BenchDatabase, reps: number, rate: number): Promise<DeliveryFigures> {
  const emulator = await SlackEmulator.start({ botToken: BOT_TOKEN, teamId: BENCH_TEAM });
  emulator.enforceRateLimits({ perChannelPerSecond: 1, workspacePerSecond: rate });
  const logger = createLogger("silent");
  const store = await openStore(database.target, logger);
  try {
    await store.workspaces.ensure(BENCH_TEAM);
    // One team of `reps`, one client each, every follow-up overdue.
    await insertLargeOrg(database.target, { workspaceId: BENCH_TEAM, asOf: MONDAY, teams: [reps], admins: 0, clients: reps, client: () => ({ followUpDueOn: "2026-11-16" }) });
    const at = new Date(`${MONDAY}T09:00:00Z`);
    const clock = { now: () => at };
    const services = createServices({ store, rules: DEFAULT_RULES, clock, fetchProfile: async () => null, adminUserIds: [] });
    const runners = createJobRunners(
      {
        store,
        services,
        rules: DEFAULT_RULES,
        logger,
        now: () => new Date(),
        adminUserIds: [],
        slack: { botTokenFor: async () => BOT_TOKEN, apiUrl: emulator.apiUrl, deliveryRate: rate },
      },
      { byHand: true },
    );
    const started = performance.now();
    const report = await runners.nudges!(BENCH_TEAM, at);
    const seconds = (performance.now() - started) / 1000;
    const accepted = new Map<string, number>();
    for (const call of emulator.callsTo("chat.postMessage")) {
      if (call.response?.body.ok !== true) continue;
      const id = outboxIdOf(call.args.metadata);
      if (id) accepted.set(id, (accepted.get(id) ?? 0) + 1);
    }
    const duplicates = [...accepted.values()].reduce((n, count) => n + Math.max(0, count - 1), 0);
    // Every rep was due: each must have got one nudge.
    const lost = reps - accepted.size;
    const perSecond = ((report.delivery?.sent ?? 0) + (report.delivery?.recovered ?? 0)) / seconds;
    return { messages: reps, rate, seconds, perSecond, ofRate: perSecond / rate, duplicates, lost, rateLimited: emulator.stats().rateLimited };
  } finally {
    await store.close();
    await emulator.stop();
  }
}
