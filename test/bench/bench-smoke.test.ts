/**
 * `npm run bench` at the tiny size on SQLite, with 3,000 reps (and 3,000 clients, so that more than 999 reps are due
 * a nudge and told of risks: a list of them in one statement passed SQLite's bound values, issue 14): it runs to the
 * end and its JSON line holds every figure beside its floor, with the delivery neither duplicating nor losing a
 * message. Timings are printed, never asserted here.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));

interface Percentiles {
  p50: number;
  p99: number;
  n: number;
}

describe("npm run bench -- --size tiny --reps 3000 --clients 3000", () => {
  it("measures every figure beside its floor and delivers each DM exactly once", async () => {
    const args = ["--size", "tiny", "--reps", "3000", "--clients", "3000", "--stores", "sqlite", "--samples", "20", "--deliveries", "60", "--rate", "60"];
    const { stdout } = await run(process.execPath, ["--import", "tsx", "bench/run.ts", ...args], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    const lines = stdout.trim().split("\n");
    expect(lines[1]).toMatch(/^\| figure/);
    const result = JSON.parse(lines[lines.length - 1]!) as {
      size: { clients: number; interactions: number; reps: number };
      importFloor: { rows: number };
      stores: { sqlite: { import: { rows: number; clients: { imported: number }; interactions: { imported: number } }; jobs: { floor: { stats: { clients: number } }; settle: { stats?: Record<string, number>; error?: string }; jobs: Record<string, { stats?: Record<string, number>; error?: string }> }; latency: Record<"tier" | "log" | "floor", Percentiles> } };
      delivery: { messages: number; duplicates: number; lost: number };
      targets: Record<string, boolean>;
    };
    const sqlite = result.stores.sqlite;
    expect(result.size).toMatchObject({ clients: 3000, reps: 3000 });
    // Every job ran to its end for 3,000 reps (a failure is reported in place of its figures).
    expect(sqlite.jobs.settle.error).toBeUndefined();
    expect(Object.entries(sqlite.jobs.jobs).filter(([, figures]) => figures.error !== undefined)).toEqual([]);
    expect(sqlite.import.clients.imported).toBe(result.size.clients);
    expect(sqlite.import.interactions.imported).toBe(result.size.interactions);
    expect(result.importFloor.rows).toBe(result.size.clients + result.size.interactions);
    expect(sqlite.jobs.floor.stats.clients).toBe(result.size.clients);
    expect(sqlite.jobs.jobs.rescore?.stats?.checked).toBe(result.size.clients);
    // Jobs run queue-only (delivery has its own figure): the nudges and digests are queued, not sent.
    expect(sqlite.jobs.jobs.nudges?.stats?.queued).toBeGreaterThan(0);
    expect(sqlite.jobs.jobs.nudges?.stats?.sent).toBe(0);
    expect(sqlite.jobs.jobs.digest?.stats?.queued).toBeGreaterThan(0);
    // The states the data holds were opened by the settling run: the measured run is the nightly one.
    expect(sqlite.jobs.settle.stats?.entered).toBeGreaterThan(0);
    expect(sqlite.jobs.jobs.risk?.stats?.entered).toBeLessThan(sqlite.jobs.settle.stats!.entered!);
    for (const figure of ["tier", "log", "floor"] as const) {
      expect(sqlite.latency[figure].n).toBeGreaterThanOrEqual(20);
      expect(sqlite.latency[figure].p99).toBeGreaterThanOrEqual(sqlite.latency[figure].p50);
    }
    expect(result.delivery).toMatchObject({ messages: 60, duplicates: 0, lost: 0 });
    expect(Object.keys(result.targets)).toEqual(expect.arrayContaining(["/tier p50", "/tier p99", "/log p50", "/log p99", "job rescore", "import (rows/s)", "delivery: 60 reps nudged (DMs/s)"]));
  });
});
