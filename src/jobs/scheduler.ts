/**
 * Runs the jobs on their schedules inside the bot. Every replica runs the same crons; each firing is claimed per
 * workspace by a unique job-run key, so exactly one replica does the work, and the outbox keeps posts to one per
 * recipient and period even when a firing and a catch-up overlap.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Rules } from "../domain/rules.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/index.ts";
import { runJob, type JobName, type JobOutcome, type JobRunner, type JobRunStore } from "./run-job.ts";

/** How often the jobs that post at a local time look for people whose time has come. */
const LOCAL_TIME_CHECK = "*/15 * * * *";
const LOCAL_TIME_CHECK_MS = 15 * 60_000;

/**
 * When each job fires (cron, UTC). Nudges and digests are checked every 15 minutes because people's mornings fall
 * at different UTC times: each person gets theirs at the first check after the rules' time in their own zone.
 * Risk and rescore run on the rules file's crons.
 */
export function jobSchedules(schedules: Rules["schedules"]): Record<JobName, string> {
  return { nudges: LOCAL_TIME_CHECK, digest: LOCAL_TIME_CHECK, risk: schedules.risk, rescore: schedules.rescore };
}

/** Jobs whose missed firing runs once on start: each still posts at most once per person and period. */
const CATCH_UP: readonly JobName[] = ["nudges", "digest"];

const WORKSPACE_PAGE = 1000;

export interface SchedulerDeps {
  store: JobRunStore & { workspaces: Pick<Store["workspaces"], "installedIds"> };
  schedules: Rules["schedules"];
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
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;

  /** One firing of a job across every workspace; one workspace's failure never stops the others. */
  async function fireEach(job: JobName, date: Date): Promise<JobOutcome[]> {
    const runner = runners[job];
    if (!runner) return [];
    const outcomes: JobOutcome[] = [];
    for (const workspaceId of await (deps.workspaces ?? (() => store.workspaces.installedIds(WORKSPACE_PAGE)))()) {
      // Stopping: the workspaces not reached yet are left to the next firing or the catch-up on start.
      if (stopping) break;
      outcomes.push(await runJob(deps, job, runner, workspaceId, date, firingKey(date)));
    }
    return outcomes;
  }

  /** Runs a firing, tracked so that `stop()` can let it finish before the store closes. */
  function fire(job: JobName, date: Date): Promise<JobOutcome[]> {
    if (stopping) return Promise.resolve([]);
    const firing = fireEach(job, date);
    inFlight.add(firing);
    void firing.finally(() => inFlight.delete(firing)).catch(() => undefined);
    return firing;
  }

  return {
    fire,

    /** Starts the crons and catches up once: a nudge or digest missed while the bot was down goes out now (still once). */
    start(): void {
      for (const [job, expression] of Object.entries(jobSchedules(deps.schedules)) as [JobName, string][]) {
        if (!runners[job]) continue;
        tasks.push(
          cron.schedule(expression, (context) => fire(job, context.date).then(() => undefined), { name: job, timezone: "UTC", noOverlap: true }),
        );
      }
      // The key of the latest 15-minute check, so replicas starting together catch up once.
      const lastCheck = new Date(Math.floor(deps.now().getTime() / LOCAL_TIME_CHECK_MS) * LOCAL_TIME_CHECK_MS);
      void (async () => {
        for (const job of CATCH_UP) {
          await fire(job, lastCheck).catch((error: unknown) =>
            logger.error({ job, err: error instanceof Error ? error.message : String(error) }, "catch-up failed"),
          );
        }
      })();
    },

    /**
     * Starts no new firing and waits for those in flight (the catch-up too): a job stops between workspaces, and
     * its delivery after the post in flight when the runners were given the bot's stop signal.
     */
    async stop(): Promise<void> {
      stopping = true;
      await Promise.all(tasks.map((task) => task.destroy()));
      tasks.length = 0;
      await Promise.allSettled([...inFlight]);
    },
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;
