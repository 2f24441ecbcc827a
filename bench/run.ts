/**
 * `npm run bench -- [--size tiny|small|medium|full] [--clients N] [--interactions N] [--reps N]
 * [--stores sqlite,postgres] [--samples N] [--deliveries N] [--rate N] [--work DIR]`: every figure beside its floor measured in the same run, a table on standard output,
 * then one machine-readable JSON line. Progress goes to standard error.
 */
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateDataset, SIZES, type SizeName } from "./generate.ts";
import { importDataset, parseAlone, rawBulkInsert, type ImportFigures } from "./import-bench.ts";
import { measureLatency, type LatencyFigures } from "./latency.ts";
import { measureJobs, type JobsFigures } from "./jobs-bench.ts";
import { measureDelivery, type DeliveryFigures } from "./delivery-bench.ts";
import { DEFAULT_RULES } from "../src/domain/rules.ts";
import { isBusinessDay } from "../src/domain/schedule.ts";
import { benchStores, type BenchStore } from "./stores.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizeName = (flag("size") ?? "full") as SizeName;
if (!(sizeName in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(", ")}`);
const full = sizeName === "full";
const size = {
  clients: Number(flag("clients") ?? SIZES[sizeName].clients),
  interactions: Number(flag("interactions") ?? SIZES[sizeName].interactions),
  reps: Number(flag("reps") ?? SIZES[sizeName].reps),
};
const stores = (flag("stores") ?? "sqlite,postgres").split(",").map((s) => s.trim()).filter((s) => s === "sqlite" || s === "postgres") as BenchStore[];
const samples = Number(flag("samples") ?? (full ? 500 : 100));
const deliveries = Number(flag("deliveries") ?? (full ? 5000 : 200));
const rate = Number(flag("rate") ?? (full ? 50 : 100));
const workDir = path.resolve(flag("work") ?? path.join(os.tmpdir(), `followups-bench-${process.pid}`));

const say = (line: string) => process.stderr.write(`${line}\n`);
const since = performance.now();
const step = (line: string) => say(`[${((performance.now() - since) / 1000).toFixed(0).padStart(4)} s] ${line}`);

interface StoreFigures {
  import: ImportFigures;
  jobs: JobsFigures;
  latency: LatencyFigures;
}

const results: {
  size: typeof size;
  sizeName: string;
  machine: { cores: number; memoryGb: number; node: string };
  importFloor?: { seconds: number; rows: number; rowsPerSecond: number };
  /** The CSV files through csv-parse alone: a share of both the import and its floor. */
  parseAlone?: { seconds: number; rows: number };
  stores: Partial<Record<BenchStore, StoreFigures>>;
  delivery?: DeliveryFigures;
} = {
  size,
  sizeName,
  machine: { cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  stores: {},
};

mkdirSync(workDir, { recursive: true });
/**
 * The jobs run as of now, moved a day at a time to the next business day (default rules, UTC) when now is not one:
 * on a weekend the nudges would have no one to nudge, and the benchmark would measure an empty run.
 */
function jobsInstant(now: Date): Date {
  let at = now;
  while (!isBusinessDay(at.toISOString().slice(0, 10), DEFAULT_RULES.schedules)) at = new Date(at.getTime() + 86_400_000);
  return at;
}

const databases = benchStores(path.join(workDir, "db"));
try {
  step(`generating ${size.clients} clients, ${size.interactions} touches, ${size.reps} reps`);
  const dataset = await generateDataset(path.join(workDir, "data"), size);
  for (const store of stores) {
    if (store === "sqlite") {
      step("sqlite: the files parsed alone, then the floor: the same rows inserted plain in one transaction");
      results.parseAlone = await parseAlone(dataset);
      const floorFile = path.join(workDir, "floor.db");
      const floor = await rawBulkInsert(dataset, floorFile);
      results.importFloor = { ...floor, rowsPerSecond: floor.rows / floor.seconds };
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${floorFile}${suffix}`, { force: true });
    }
    step(`${store}: import through the import service`);
    const database = await databases.create(store, "data");
    const imported = await importDataset(dataset, database, say);
    step(`${store}: jobs and their floor`);
    const jobs = await measureJobs(database, jobsInstant(new Date()), say);
    step(`${store}: /tier and /log latency, ${samples} samples each, interleaved with the floor app`);
    const latency = await measureLatency(dataset, database, samples);
    results.stores[store] = { import: imported, jobs, latency };
    await database.drop();
  }
  if (deliveries > 0) {
    step(`delivery: one nudges run for ${deliveries} reps at DELIVERY_RATE ${rate}`);
    const deliveryDb = await databases.create("sqlite", "delivery");
    results.delivery = await measureDelivery(deliveryDb, deliveries, rate);
    await deliveryDb.drop();
  }
  step("done");
} finally {
  databases.cleanup();
  if (!flag("work")) rmSync(workDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Report.

const ms = (n: number) => `${n.toFixed(1)} ms`;
const s = (n: number) => `${n.toFixed(2)} s`;
const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const rows: string[][] = [["figure", "store", "measured", "floor", "ratio", "target", "met"]];
const targets: Record<string, boolean> = {};
const add = (name: string, store: string, measured: string, floor: string, ratio: string, target: string, met: boolean | null) => {
  rows.push([name, store, measured, floor, ratio, target, met === null ? "-" : met ? "yes" : "NO"]);
  if (met !== null && store === "sqlite") targets[`${name}`] = met;
};
for (const [store, f] of Object.entries(results.stores) as [BenchStore, StoreFigures][]) {
  const gated = store === "sqlite";
  for (const command of ["tier", "log"] as const) {
    for (const q of ["p50", "p99"] as const) {
      const ratio = f.latency[command][q] / f.latency.floor[q];
      add(`/${command} ${q}`, store, ms(f.latency[command][q]), ms(f.latency.floor[q]), x(f.latency[command][q], f.latency.floor[q]), "<= 1.5x", gated ? ratio <= 1.5 : null);
    }
  }
  for (const [job, figures] of Object.entries(f.jobs.jobs)) {
    if ("error" in figures) {
      rows.push([`job ${job}`, store, figures.error, s(f.jobs.floor.seconds), "-", "<= 2x", "-"]);
      continue;
    }
    const ratio = figures.seconds / f.jobs.floor.seconds;
    add(`job ${job}`, store, s(figures.seconds), s(f.jobs.floor.seconds), x(figures.seconds, f.jobs.floor.seconds), "<= 2x", gated ? ratio <= 2 : null);
    add(`job ${job} peak RSS`, store, `${figures.peakRssMb} MB`, `${f.jobs.floor.peakRssMb} MB`, "-", "< 300 MB", gated ? figures.peakRssMb < 300 : null);
  }
  const floor = results.importFloor;
  const importRatio = floor ? f.import.seconds / floor.seconds : Number.NaN;
  add(
    "import (rows/s)",
    store,
    `${s(f.import.seconds)} (${Math.round(f.import.rowsPerSecond)}/s)`,
    floor ? `${s(floor.seconds)} (${Math.round(floor.rowsPerSecond)}/s)` : "-",
    floor ? x(f.import.seconds, floor.seconds) : "-",
    "<= 5x",
    gated && floor ? importRatio <= 5 : null,
  );
  if (results.parseAlone) add("import: the CSV parse alone (in both)", store, s(results.parseAlone.seconds), "-", "-", "-", null);
}
if (results.delivery) {
  const d = results.delivery;
  add(`delivery: ${d.messages} reps nudged (DMs/s)`, "sqlite", `${d.perSecond.toFixed(1)}/s`, `${d.rate}/s`, `${(d.ofRate * 100).toFixed(0)}%`, ">= 90%", d.ofRate >= 0.9);
  add("delivery duplicates, lost", "sqlite", `${d.duplicates}, ${d.lost}`, "0, 0", "-", "0, 0", d.duplicates === 0 && d.lost === 0);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(`benchmark ${sizeName}: ${size.clients} clients, ${size.interactions} touches, ${size.reps} reps; ${results.machine.cores} cores, ${results.machine.memoryGb} GB, Node ${results.machine.node}`);
console.log(line(rows[0]!));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log(JSON.stringify({ bench: "followups", ...results, targets, allTargetsMet: Object.keys(targets).length > 0 && Object.values(targets).every(Boolean) }));
