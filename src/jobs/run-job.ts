/**
 * Runs one job for one workspace as of an instant, recorded as a job run. A scheduled firing is claimed by its
 * key so that, with several replicas, exactly one runs it; a run by hand always runs (jobs are idempotent).
 */
import { randomBytes } from "node:crypto";
import type { Logger } from "../logger.ts";
import { leftUndelivered, type DeliveryResult } from "./delivery.ts";
import { Interrupted } from "../services/context.ts";
import type { Store } from "../store/index.ts";

export const JOBS = ["nudges", "risk", "digest", "rescore"] as const;
export type JobName = (typeof JOBS)[number];

export const isJobName = (value: string): value is JobName => (JOBS as readonly string[]).includes(value);

/** What a job did: its own counts, and what became of its posts (null: it posts nothing, or only queued). */
export interface JobReport {
  stats: Record<string, number>;
  delivery: DeliveryResult | null;
}

/** What a job does for one workspace as of an instant; its counts are recorded with the run. */
export type JobRunner = (workspaceId: string, at: Date) => Promise<JobReport>;

/** The figures recorded with a run and logged: the job's counts, then its posts' fate. */
export function runFigures({ stats, delivery }: JobReport): Record<string, number | string> {
  if (!delivery) return stats;
  const { waiting } = delivery;
  return {
    ...stats,
    recovered: delivery.recovered,
    waitingRetry: waiting.retry,
    ...(waiting.nextRetryAt ? { nextRetryAt: waiting.nextRetryAt.toISOString() } : {}),
    waitingUnclaimed: waiting.due,
    sendingElsewhere: waiting.elsewhere,
  };
}

/** What recording a job run needs of the store. */
export interface JobRunStore {
  workspaces: Pick<Store["workspaces"], "ensure">;
  jobRuns: Pick<Store["jobRuns"], "claim" | "finish" | "fail" | "release">;
}

export interface JobDeps {
  store: JobRunStore;
  logger: Logger;
  now: () => Date;
}

export type JobOutcome =
  | { kind: "done"; stats: Record<string, number>; delivery: DeliveryResult | null }
  | { kind: "already-claimed" }
  | { kind: "interrupted" }
  | { kind: "failed"; error: string };

export async function runJob(deps: JobDeps, job: JobName, runner: JobRunner, workspaceId: string, at: Date, firingKey: string): Promise<JobOutcome> {
  await deps.store.workspaces.ensure(workspaceId);
  const runId = await deps.store.jobRuns.claim(workspaceId, job, firingKey);
  if (!runId) return { kind: "already-claimed" };
  const log = deps.logger.child({ job, workspaceId, at: at.toISOString() });
  try {
    const report = await runner(workspaceId, at);
    const figures = runFigures(report);
    await deps.store.jobRuns.finish(runId, figures, deps.now());
    const failures = report.delivery?.failures ?? [];
    if (report.delivery && leftUndelivered(report.delivery)) log.warn({ stats: figures, failures }, "job done; posts left undelivered");
    else log.info({ stats: figures }, "job done");
    return { kind: "done", stats: report.stats, delivery: report.delivery };
  } catch (error) {
    // Stopped by shutdown between two steps (see Interrupted): the claim is given back for the next start's catch-up.
    if (error instanceof Interrupted) {
      await deps.store.jobRuns.release(runId).catch(() => undefined);
      log.warn({ reason: error.message }, "job stopped by shutdown; the next start runs it again");
      return { kind: "interrupted" };
    }
    const message = error instanceof Error ? error.message : String(error);
    await deps.store.jobRuns.fail(runId, message, deps.now()).catch(() => undefined);
    log.error({ err: message }, "job failed");
    return { kind: "failed", error: message };
  }
}

/**
 * A run by hand gets its own key: it is recorded, and never blocks or is blocked by a scheduled firing. Random bits
 * keep two runs started in the same millisecond (two operators, a cron and a person) from refusing each other.
 */
export const manualFiringKey = (at: Date, startedAt: Date) => `manual:${at.toISOString()}:${startedAt.getTime().toString(36)}:${randomBytes(3).toString("hex")}`;
