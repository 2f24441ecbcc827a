/**
 * `npm run job -- <job> [--at ISO-8601] [--team T…]`: run one job now, as if the clock read `--at` (an instant with
 * no offset is UTC). Runs by hand are recorded as job runs and are idempotent.
 */
import { runNudges } from "../jobs/nudges.ts";
import { manualFiringKey, runJob, type JobName, type JobRunner } from "../jobs/run-job.ts";
import { createSlackDelivery } from "../jobs/slack-delivery.ts";
import { createServices } from "../services/index.ts";
import { rescoreService } from "../services/rescore.ts";
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
  switch (job) {
    case "rescore": {
      const rescore = rescoreService({ store, rules: config.rules });
      return async (workspaceId, at) => ({ ...(await rescore.rescore(workspaceId, at)) });
    }
    case "nudges": {
      if (!config.slack.botToken) throw new CliError("nudges post to Slack: set SLACK_BOT_TOKEN (and SLACK_API_URL for an emulator)");
      const services = createServices({ store, rules: config.rules, clock, adminUserIds: config.adminUserIds, fetchProfile: async () => null });
      const delivery = createSlackDelivery({ store, botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, ratePerSecond: config.deliveryRate, logger, now: () => clock.now() });
      return async (workspaceId, at) => ({ ...(await runNudges({ store, followUps: services.followUps, rules: config.rules, delivery, logger }, workspaceId, at, true)) });
    }
  }
}
