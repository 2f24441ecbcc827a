/**
 * The scheduler's stop: a firing in flight (the catch-up on start, or a cron firing) finishes before `stop()`
 * returns, so the store is never closed under a running job, and nothing new starts once stopping.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import type { JobRunner } from "../../src/jobs/run-job.ts";
import { createScheduler, type SchedulerDeps } from "../../src/jobs/scheduler.ts";
import { createLogger } from "../../src/logger.ts";

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
    return { sent: 1 };
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
    expect(await firing).toEqual([{ kind: "done", stats: { sent: 1 } }]);
    expect(held.ran).toEqual(["T1"]);
    expect(await scheduler.fire("risk", new Date("2026-11-23T11:00:00Z"))).toEqual([]);
  });
});
