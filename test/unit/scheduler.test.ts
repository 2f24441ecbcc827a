/**
 * The scheduler without its crons: `stop()` lets a firing in flight (the catch-up on start, or a cron firing) finish
 * before it returns, so the store is never closed under a running job; the catch-up on start runs each job's latest
 * missed firing once, under that firing's key, across replicas.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import type { JobRunner } from "../../src/jobs/run-job.ts";
import { createScheduler, previousFiring, type SchedulerDeps } from "../../src/jobs/scheduler.ts";
import { createLogger } from "../../src/logger.ts";
import { Interrupted } from "../../src/services/context.ts";

/** The part of the store the scheduler uses, in memory: every claim succeeds once per key. */
function memoryStore(): SchedulerDeps["store"] {
  const claimed = new Set<string>();
  return {
    workspaces: { ensure: async () => undefined, installedIds: async () => [] },
    jobRuns: {
      claim: async (workspaceId: string, job: string, key: string) => {
        const id = `${workspaceId}:${job}:${key}`;
        if (claimed.has(id)) return null;
        claimed.add(id);
        return id;
      },
      finish: async () => undefined,
      fail: async () => undefined,
      release: async (id: string) => void claimed.delete(id),
    },
  };
}

/** A runner that stays in flight until released, recording which workspaces it ran for. */
function heldRunner() {
  const ran: string[] = [];
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const runner: JobRunner = async (workspaceId) => {
    ran.push(workspaceId);
    await released;
    return { stats: { sent: 1 }, delivery: null };
  };
  return { runner, ran, release };
}

function schedulerWith(runner: JobRunner, workspaces: string[]) {
  return createScheduler({
    store: memoryStore(),
    schedules: DEFAULT_RULES.schedules,
    logger: createLogger("silent"),
    now: () => new Date("2026-11-23T10:00:00Z"),
    runners: { risk: runner },
    workspaces: async () => workspaces,
  });
}

describe("scheduler.stop", () => {
  it("waits for the firing in flight, which reaches no further workspace, and fires nothing afterwards", async () => {
    const held = heldRunner();
    const scheduler = schedulerWith(held.runner, ["T1", "T2"]);
    const firing = scheduler.fire("risk", new Date("2026-11-23T10:00:00Z"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.ran).toEqual(["T1"]);

    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);

    held.release();
    await stopping;
    expect(await firing).toEqual([{ kind: "done", stats: { sent: 1 }, delivery: null }]);
    expect(held.ran).toEqual(["T1"]);
    expect(await scheduler.fire("risk", new Date("2026-11-23T11:00:00Z"))).toEqual([]);
  });
});

describe("a job stopped by shutdown between two pages", () => {
  it("is recorded as interrupted and gives its claim back, so the same firing runs again on the next start", async () => {
    let calls = 0;
    const runner: JobRunner = async () => {
      calls += 1;
      if (calls === 1) throw new Interrupted("stopped after 500 clients");
      return { stats: { checked: 1000 }, delivery: null };
    };
    const scheduler = schedulerWith(runner, ["T1"]);
    const slot = new Date("2026-11-23T02:00:00Z");
    expect(await scheduler.fire("risk", slot)).toEqual([{ kind: "interrupted" }]);
    expect(await scheduler.fire("risk", slot)).toEqual([{ kind: "done", stats: { checked: 1000 }, delivery: null }]);
    expect(await scheduler.fire("risk", slot)).toEqual([{ kind: "already-claimed" }]);
  });
});

describe("previousFiring", () => {
  it.each([
    ["30 * * * *", "2026-11-23T10:45:10Z", "2026-11-23T10:30:00.000Z"],
    ["30 * * * *", "2026-11-23T10:30:59Z", "2026-11-23T10:30:00.000Z"],
    ["0 1 * * *", "2026-11-23T00:59:00Z", "2026-11-22T01:00:00.000Z"],
    ["*/15 * * * *", "2026-11-23T10:14:00Z", "2026-11-23T10:00:00.000Z"],
    // Weekdays only: on a Sunday, the Friday before.
    ["0 6 * * 1-5", "2026-11-29T12:00:00Z", "2026-11-27T06:00:00.000Z"],
    // Sunday as 0 or 7.
    ["0 6 * * 7", "2026-11-30T12:00:00Z", "2026-11-29T06:00:00.000Z"],
  ])("%s at %s fired last at %s", (expression, now, expected) => {
    expect(previousFiring(expression, new Date(now))?.toISOString()).toBe(expected);
  });

  it("gives up beyond a month", () => {
    expect(previousFiring("0 0 1 1 *", new Date("2026-11-23T10:00:00Z"))).toBeNull();
  });
});

describe("scheduler.catchUp", () => {
  it("runs each job's missed firing once, as of now, and nothing when that firing already ran", async () => {
    const now = new Date("2026-11-23T10:47:00Z");
    const store = memoryStore();
    const seen: { job: string; at: string }[] = [];
    const runner = (job: string): JobRunner => async (_workspaceId, at) => {
      seen.push({ job, at: at.toISOString() });
      return { stats: {}, delivery: null };
    };
    const replica = () =>
      createScheduler({
        store,
        schedules: DEFAULT_RULES.schedules,
        logger: createLogger("silent"),
        now: () => now,
        runners: { risk: runner("risk"), rescore: runner("rescore"), nudges: runner("nudges") },
        workspaces: async () => ["T1"],
      });
    // The risk firing at 10:30 already ran on another replica.
    expect(await replica().fire("risk", new Date("2026-11-23T10:30:00Z"))).toHaveLength(1);
    seen.length = 0;

    await replica().catchUp();
    expect(seen).toEqual([
      { job: "nudges", at: now.toISOString() },
      { job: "rescore", at: now.toISOString() },
    ]);
    // A second replica starting now finds every firing taken.
    seen.length = 0;
    await replica().catchUp();
    expect(seen).toEqual([]);
  });
});
