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

/**
 * When each job fires (cron, UTC). Nudges and digests are checked every 15 minutes because people's mornings fall
 * at different UTC times: each person gets theirs at the first check after the rules' time in their own zone.
 * Risk and rescore run on the rules file's crons.
 */
export function jobSchedules(schedules: Rules["schedules"]): Record<JobName, string> {
  return { nudges: LOCAL_TIME_CHECK, digest: LOCAL_TIME_CHECK, risk: schedules.risk, rescore: schedules.rescore };
}

/** How far back a missed firing is still caught up on start. */
const CATCH_UP_LOOKBACK_MINUTES = 31 * 24 * 60;

/**
 * The latest minute at or before `now` (UTC) that a cron expression fires in, within a month; null when none (a
 * yearly cron, say). The seconds field is left out: a firing's key is its minute.
 */
export function previousFiring(expression: string, now: Date): Date | null {
  const { minute, hour, dayOfMonth, month, dayOfWeek } = cron.parse(expression);
  const numbers = (values: readonly (number | string)[]) => values.filter((v): v is number => typeof v === "number");
  const [days, weekdays] = [numbers(dayOfMonth), numbers(dayOfWeek).map((d) => d % 7)];
  let at = Math.floor(now.getTime() / 60_000) * 60_000;
  for (let step = 0; step <= CATCH_UP_LOOKBACK_MINUTES; step++, at -= 60_000) {
    const d = new Date(at);
    if (
      minute.includes(d.getUTCMinutes()) &&
      hour.includes(d.getUTCHours()) &&
      days.includes(d.getUTCDate()) &&
      month.includes(d.getUTCMonth() + 1) &&
      weekdays.includes(d.getUTCDay())
    ) {
      return d;
    }
  }
  return null;
}

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

  /** One firing of a job across every workspace, as of `at`; one workspace's failure never stops the others. */
  async function fireEach(job: JobName, date: Date, at: Date): Promise<JobOutcome[]> {
    const runner = runners[job];
    if (!runner) return [];
    const outcomes: JobOutcome[] = [];
    for (const workspaceId of await (deps.workspaces ?? (() => store.workspaces.installedIds(WORKSPACE_PAGE)))()) {
      // Stopping: the workspaces not reached yet are left to the next firing or the catch-up on start.
      if (stopping) break;
      outcomes.push(await runJob(deps, job, runner, workspaceId, at, firingKey(date)));
    }
    return outcomes;
  }

  /**
   * Runs the firing scheduled at `date` (its key), as of `at` (default: then); tracked so that `stop()` can let it
   * finish before the store closes.
   */
  function fire(job: JobName, date: Date, at: Date = date): Promise<JobOutcome[]> {
    if (stopping) return Promise.resolve([]);
    const firing = fireEach(job, date, at);
    inFlight.add(firing);
    void firing.finally(() => inFlight.delete(firing)).catch(() => undefined);
    return firing;
  }

  /**
   * Runs each job's latest scheduled firing now, under that firing's key: when a replica (or this bot before it
   * stopped) ran it, the claim fails and nothing happens; when the bot was down then, it runs once, as of now.
   */
  async function catchUp(): Promise<void> {
    const now = deps.now();
    for (const [job, expression] of Object.entries(jobSchedules(deps.schedules)) as [JobName, string][]) {
      const missed = runners[job] ? previousFiring(expression, now) : null;
      if (!missed) continue;
      await fire(job, missed, now).catch((error: unknown) =>
        logger.error({ job, err: error instanceof Error ? error.message : String(error) }, "catch-up failed"),
      );
    }
  }

  return {
    fire,

    /** Starts the crons and catches up once: a firing missed while the bot was down runs now (still once). */
    start(): void {
      for (const [job, expression] of Object.entries(jobSchedules(deps.schedules)) as [JobName, string][]) {
        if (!runners[job]) continue;
        tasks.push(
          cron.schedule(expression, (context) => fire(job, context.date).then(() => undefined), { name: job, timezone: "UTC", noOverlap: true }),
        );
      }
      void catchUp();
    },

    catchUp,

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
