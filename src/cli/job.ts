/**
 * `npm run job -- <job> [--at ISO-8601] [--team T…]`: run one job now, as if the clock read `--at` (an instant with
 * no offset is UTC). Runs by hand are recorded as job runs and are idempotent.
 */
import { manualFiringKey, runJob, type JobName, type JobRunner } from "../jobs/run-job.ts";
import { createJobRunners } from "../jobs/runners.ts";
import { createServices } from "../services/index.ts";
import { CliError } from "./args.ts";
import { JOB_USAGE, parseJobArgs, type JobArgs } from "./job-args.ts";
import { runCli, type CliContext } from "./run.ts";

await runCli<JobArgs>({
  usage: JOB_USAGE,
  parse: parseJobArgs,
  async main(ctx, args) {
    const team = await ctx.team(args.team);
    const startedAt = ctx.clock.now();
    const at = args.at ?? startedAt;
    const runner = jobRunner(ctx, args.job);
    ctx.say(`running ${args.job} for workspace ${team} as of ${at.toISOString()}`);
    const outcome = await runJob({ store: ctx.store, logger: ctx.logger, now: () => ctx.clock.now() }, args.job, runner, team, at, manualFiringKey(at, startedAt));
    if (outcome.kind === "failed") throw new CliError(`${args.job} failed: ${outcome.error}`);
    if (outcome.kind === "already-claimed") throw new CliError(`${args.job} is already running for ${team}`);
    ctx.say(`${args.job} done: ${Object.entries(outcome.stats).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  },
});

function jobRunner(ctx: CliContext, job: JobName): JobRunner {
  const { store, config, logger, clock } = ctx;
  const services = createServices({ store, rules: config.rules, clock, adminUserIds: config.adminUserIds, fetchProfile: async () => null });
  const runners = createJobRunners(
    { store, services, rules: config.rules, logger, now: () => clock.now(), adminUserIds: config.adminUserIds, slack: { botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, deliveryRate: config.deliveryRate } },
    { byHand: true },
  );
  const runner = runners[job];
  if (!runner) throw new CliError(`${job} posts to Slack: set SLACK_BOT_TOKEN (and SLACK_API_URL for an emulator)`);
  return runner;
}
