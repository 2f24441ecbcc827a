/**
 * `npm run job -- <job> [--at ISO-8601] [--team T…]`: run one job now, as if the clock read `--at` (an instant with
 * no offset is UTC). Runs by hand are recorded as job runs and are idempotent. The closing line tells every post's
 * fate; the exit code is 3 when posts are left failed or waiting with no live deliverer (EXIT_UNDELIVERED).
 */
import { manualFiringKey, runJob, type JobName, type JobRunner } from "../jobs/run-job.ts";
import { createJobRunners } from "../jobs/runners.ts";
import { createServices } from "../services/index.ts";
import { botTokenLookup } from "../slack/installation-store.ts";
import { CliError } from "./args.ts";
import { describeJobRun, exitCodeOf } from "./job-report.ts";
import { JOB_USAGE, parseJobArgs, type JobArgs } from "./job-args.ts";
import { runCli, type CliContext } from "./run.ts";

await runCli<JobArgs>({
  usage: JOB_USAGE,
  parse: parseJobArgs,
  async main(ctx, args) {
    const team = await ctx.team(args.team);
    const startedAt = ctx.clock.now();
    const at = args.at ?? startedAt;
    const runner = await jobRunner(ctx, args.job, team);
    ctx.say(`running ${args.job} for workspace ${team} as of ${at.toISOString()}`);
    const outcome = await runJob({ store: ctx.store, logger: ctx.logger, now: () => ctx.clock.now() }, args.job, runner, team, at, manualFiringKey(at, startedAt));
    if (outcome.kind === "failed") throw new CliError(`${args.job} failed: ${outcome.error}`);
    if (outcome.kind === "already-claimed") throw new CliError(`${args.job} is already running for ${team}`);
    if (outcome.kind === "interrupted") throw new CliError(`${args.job} stopped before it finished: run it again`);
    ctx.say(describeJobRun(args.job, outcome.stats, outcome.delivery, ctx.clock.now()));
    return exitCodeOf(outcome.delivery);
  },
});

/** The job's runner; a job that posts needs the workspace's bot token (SLACK_BOT_TOKEN, or its installation). */
async function jobRunner(ctx: CliContext, job: JobName, team: string): Promise<JobRunner> {
  const { store, config, logger, clock } = ctx;
  const services = createServices({ store, rules: config.rules, clock, adminUserIds: config.adminUserIds, fetchProfile: async () => null });
  const botTokenFor = botTokenLookup(config.slack.botToken, store);
  const build = (withSlack: boolean) =>
    createJobRunners(
      {
        store,
        services,
        rules: config.rules,
        logger,
        now: () => clock.now(),
        adminUserIds: config.adminUserIds,
        slack: { botTokenFor: withSlack ? botTokenFor : undefined, apiUrl: config.slack.apiUrl, deliveryRate: config.deliveryRate },
      },
      { byHand: true },
    );
  const postsToSlack = !build(false)[job];
  if (postsToSlack && !(await botTokenFor(team))) {
    throw new CliError(`${job} posts to Slack and workspace ${team} has no bot token: set SLACK_BOT_TOKEN, or install the app there (multi-workspace mode) (and SLACK_API_URL for an emulator)`);
  }
  const runner = build(true)[job];
  if (!runner) throw new CliError(`there is no runner for ${job}`);
  return runner;
}
