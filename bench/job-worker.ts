/**
 * One measurement in its own process, so that its peak memory is its own: a job's runner (as the bot and
 * `npm run job` build it) or the floor, one hand-written SQL aggregate computing per client what the rules read.
 * Prints one JSON line: { seconds, peakRssMb, baseRssMb, stats }.
 *
 *   tsx bench/job-worker.ts --db URL --team T --at ISO (--job NAME --slack-api URL [--queue-only] | --floor)
 *
 * `--queue-only` leaves the job's posts in the outbox: its figure is then the job's own work (selection, rules,
 * writes), which is what the floor computes; Slack delivery has a figure of its own.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { loadRules } from "../src/config.ts";
import { createJobRunners } from "../src/jobs/runners.ts";
import { isJobName } from "../src/jobs/run-job.ts";
import { createLogger } from "../src/logger.ts";
import { createServices } from "../src/services/index.ts";
import { parseDatabaseUrl } from "../src/store/database-url.ts";
import { openStore } from "../src/store/open.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const target = parseDatabaseUrl(flag("db"));
const team = flag("team") ?? "T0BENCH";
const at = new Date(flag("at") ?? Date.now());
const mb = (kb: number) => Math.round(kb / 1024);

/** Per client: last touch, last meeting or visit, and negative touches in the last 30 days. */
const FLOOR_SQL = `SELECT c."id", MAX(i."occurredAt") AS "lastTouch",
    MAX(CASE WHEN i."type" IN ('meeting', 'visit') THEN i."occurredAt" END) AS "lastMeeting",
    SUM(CASE WHEN i."sentiment" = 'negative' AND i."occurredAt" >= $2 THEN 1 ELSE 0 END) AS "negatives"
  FROM "Client" c LEFT JOIN "Interaction" i ON i."workspaceId" = c."workspaceId" AND i."clientId" = c."id" AND i."deletedAt" IS NULL
  WHERE c."workspaceId" = $1 AND c."archivedAt" IS NULL
  GROUP BY c."id"`;

async function floor(): Promise<Record<string, number>> {
  const since = new Date(at.getTime() - 30 * 86_400_000);
  let clients = 0;
  let negatives = 0;
  if (target.provider === "sqlite") {
    const db = new Database(target.filePath, { readonly: true });
    try {
      // Positional "?" bind in order of appearance: the cut-off ($2) comes before the workspace ($1).
      const statement = db.prepare(FLOOR_SQL.replace("$1", "?").replace("$2", "?"));
      for (const row of statement.iterate(since.toISOString().replace("Z", "+00:00"), team) as Iterable<{ negatives: number | null }>) {
        clients++;
        negatives += row.negatives ?? 0;
      }
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      const result = await client.query<{ negatives: string | null }>(FLOOR_SQL.replace("$2", "$2::timestamp(3)"), [team, since.toISOString()]);
      for (const row of result.rows) {
        clients++;
        negatives += Number(row.negatives ?? 0);
      }
    } finally {
      await client.end();
    }
  }
  return { clients, negatives };
}

async function job(name: string): Promise<Record<string, number>> {
  if (!isJobName(name)) throw new Error(`no such job: ${name}`);
  const logger = createLogger("silent");
  const store = await openStore(target, logger);
  try {
    const rules = loadRules(undefined);
    const clock = { now: () => at };
    const services = createServices({ store, rules, clock, fetchProfile: async () => null, adminUserIds: [] });
    const runners = createJobRunners(
      {
        store,
        services,
        rules,
        logger,
        now: () => new Date(),
        adminUserIds: [],
        slack: { botTokenFor: async () => flag("token") ?? "xoxb-bench-token", apiUrl: flag("slack-api"), deliveryRate: Number(flag("rate") ?? 1000) },
      },
      { byHand: true, queueOnly: args.includes("--queue-only") },
    );
    const runner = runners[name];
    if (!runner) throw new Error(`the job ${name} has no runner`);
    return (await runner(team, at)).stats;
  } finally {
    await store.close();
  }
}

const base = process.resourceUsage().maxRSS;
const started = performance.now();
const stats = flag("floor") !== undefined || args.includes("--floor") ? await floor() : await job(flag("job") ?? "");
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, peakRssMb: mb(process.resourceUsage().maxRSS), baseRssMb: mb(base), stats }));
