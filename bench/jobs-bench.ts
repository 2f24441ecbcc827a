/**
 * Jobs: every job in JOBS that has a runner (as `npm run job` builds them), each in its own process, against the
 * floor: one SQL aggregate over the same data computing per client the rules' inputs. The data is as the import
 * left it, scored as of now, so few clients change: the realistic nightly state.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { JOBS } from "../src/jobs/run-job.ts";
import { SlackEmulator } from "../test/support/slack-emulator.ts";
import type { Dataset } from "./generate.ts";
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
  jobs: Record<string, WorkerFigures | { error: string }>;
}

async function inWorker(args: string[]): Promise<WorkerFigures> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", worker, ...args], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: "silent" } });
  const last = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as WorkerFigures;
}

export async function measureJobs(dataset: Dataset, database: BenchDatabase, at: Date): Promise<JobsFigures> {
  const emulator = await SlackEmulator.start({ botToken: BOT_TOKEN, teamId: BENCH_TEAM });
  for (const rep of dataset.reps) emulator.setUser(rep, { tz: "UTC" });
  const common = ["--db", database.url, "--team", BENCH_TEAM, "--at", at.toISOString()];
  try {
    const floor = await inWorker([...common, "--floor"]);
    const jobs: JobsFigures["jobs"] = {};
    for (const job of JOBS) {
      try {
        jobs[job] = await inWorker([...common, "--job", job, "--slack-api", emulator.apiUrl, "--token", BOT_TOKEN]);
      } catch (error) {
        const text = `${(error as { stderr?: string }).stderr ?? ""}${(error as Error).message}`;
        jobs[job] = { error: /has no runner/.test(text) ? "no runner" : text.split("\n").find((l) => l.trim()) ?? "failed" };
      }
    }
    return { floor, jobs };
  } finally {
    await emulator.stop();
  }
}
