/**
 * Jobs: every job in JOBS that has a runner (as `npm run job` builds them), each in its own process, against the
 * floor: one SQL aggregate over the same data computing per client the rules' inputs. Each job runs queue-only
 * (its posts stay in the outbox; delivery has its own figure), in the realistic nightly state where few clients
 * change: the import scored every client as of now, and one unmeasured `risk` run first opens the risk states
 * that the data already holds, as the previous night's run would have.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { JOBS } from "../src/jobs/run-job.ts";
import { BENCH_TEAM } from "./import-bench.ts";
import type { BenchDatabase } from "./stores.ts";

const run = promisify(execFile);
const worker = fileURLToPath(new URL("./job-worker.ts", import.meta.url));
const BOT_TOKEN = "xoxb-bench-token";

export interface WorkerFigures {
  seconds: number;
  peakRssMb: number;
  baseRssMb: number;
  stats: Record<string, number>;
}

export interface JobsFigures {
  floor: WorkerFigures;
  /** The unmeasured first `risk` run that settles the states (what a first night would do). */
  settle: WorkerFigures | { error: string };
  jobs: Record<string, WorkerFigures | { error: string }>;
}

async function inWorker(args: string[]): Promise<WorkerFigures> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", worker, ...args], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: "silent" } });
  const last = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as WorkerFigures;
}

/**
 * What failed, in one line: the last line of the error's message. Node prints an uncaught error as its location,
 * the source line, then "SomeError: message" and the stack; Prisma's message ends with the database's reason.
 */
const failure = (error: unknown): { error: string } => {
  const text = `${(error as { stderr?: string }).stderr ?? ""}${(error as Error).message}`;
  if (/has no runner/.test(text)) return { error: "no runner" };
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^[A-Za-z]*Error\b/.test(l));
  const end = lines.findIndex((l, i) => i > start && /^\s+at /.test(l));
  const message = start >= 0 ? lines.slice(start, end < 0 ? undefined : end).map((l) => l.trim()).filter(Boolean).pop() : undefined;
  return { error: message ?? lines.find((l) => l.trim()) ?? "failed" };
};

export async function measureJobs(database: BenchDatabase, at: Date, say: (line: string) => void): Promise<JobsFigures> {
  const common = ["--db", database.url, "--team", BENCH_TEAM, "--at", at.toISOString()];
  const runJob = (job: string) => inWorker([...common, "--job", job, "--token", BOT_TOKEN, "--queue-only"]);
  const settle = await runJob("risk").catch(failure);
  say(`  risk states settled: ${JSON.stringify("error" in settle ? settle : { seconds: Number(settle.seconds.toFixed(2)), ...settle.stats })}`);
  const floor = await inWorker([...common, "--floor"]);
  const jobs: JobsFigures["jobs"] = {};
  for (const job of JOBS) jobs[job] = await runJob(job).catch(failure);
  return { floor, settle, jobs };
}
