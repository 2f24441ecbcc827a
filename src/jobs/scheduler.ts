/**
 * Runs the jobs on their schedules inside the bot. Every replica runs the same crons; each firing is claimed per
 * workspace by a unique job-run key, so exactly one replica does the work, and the outbox keeps posts to one per
 * recipient and period even when a firing and a catch-up overlap.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/index.ts";
import { runJob, type JobName, type JobOutcome, type JobRunner } from "./run-job.ts";

/**
 * When each job fires (UTC). Nudges are checked every 15 minutes because reps' mornings fall at different UTC
 * times: each rep is nudged at the first check after the rules' nudge time in their own zone.
 */
export const JOB_SCHEDULES: Partial<Record<JobName, string>> = {
  nudges: "*/15 * * * *",
  rescore: "0 1 * * *",
};

const WORKSPACE_PAGE = 1000;

export interface SchedulerDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  runners: Partial<Record<JobName, JobRunner>>;
  /** The workspaces the jobs run for; default: those the app is installed in (not uninstalled). */
  workspaces?: () => Promise<string[]>;
}

/** The key of a firing: its scheduled minute, the same on every replica. */
export const firingKey = (date: Date) => `scheduled:${new Date(Math.floor(date.getTime() / 60_000) * 60_000).toISOString()}`;

export function createScheduler(deps: SchedulerDeps) {
  const { store, logger, runners } = deps;
  const tasks: ScheduledTask[] = [];

  /** One firing of a job across every workspace; one workspace's failure never stops the others. */
  async function fire(job: JobName, date: Date): Promise<JobOutcome[]> {
    const runner = runners[job];
    if (!runner) return [];
    const outcomes: JobOutcome[] = [];
    for (const workspaceId of await (deps.workspaces ?? (() => store.workspaces.installedIds(WORKSPACE_PAGE)))()) {
      outcomes.push(await runJob(deps, job, runner, workspaceId, date, firingKey(date)));
    }
    return outcomes;
  }

  return {
    fire,

    /** Starts the crons and catches up once: a nudge missed while the bot was down goes out now (still once a day). */
    start(): void {
      for (const [job, expression] of Object.entries(JOB_SCHEDULES) as [JobName, string][]) {
        if (!runners[job]) continue;
        tasks.push(
          cron.schedule(expression, (context) => fire(job, context.date).then(() => undefined), { name: job, timezone: "UTC", noOverlap: true }),
        );
      }
      void fire("nudges", new Date(Math.floor(deps.now().getTime() / (15 * 60_000)) * 15 * 60_000)).catch((error: unknown) =>
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "catch-up nudges failed"),
      );
    },

    async stop(): Promise<void> {
      await Promise.all(tasks.map((task) => task.destroy()));
      tasks.length = 0;
    },
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;
