/**
 * `npm run job -- <job> [--at ISO-8601] [--team T…]`: run one job now, as if the clock read `--at` (an instant with
 * no offset is UTC). Runs by hand are recorded as job runs and are idempotent.
 */
import { manualFiringKey, runJob } from "../jobs/run-job.ts";
import { rescoreService } from "../services/rescore.ts";
import { CliError } from "./args.ts";
import { JOB_USAGE, parseJobArgs, type JobArgs } from "./job-args.ts";
import { runCli } from "./run.ts";

await runCli<JobArgs>({
  usage: JOB_USAGE,
  parse: parseJobArgs,
  async main(ctx, args) {
    const team = await ctx.team(args.team);
    const startedAt = ctx.clock.now();
    const at = args.at ?? startedAt;
    ctx.say(`running ${args.job} for workspace ${team} as of ${at.toISOString()}`);
    const outcome = await runJob(
      { store: ctx.store, rescore: rescoreService({ store: ctx.store, rules: ctx.config.rules }), logger: ctx.logger, now: () => ctx.clock.now() },
      args.job,
      team,
      at,
      manualFiringKey(at, startedAt),
    );
    if (outcome.kind === "failed") throw new CliError(`${args.job} failed: ${outcome.error}`);
    if (outcome.kind === "already-claimed") throw new CliError(`${args.job} is already running for ${team}`);
    ctx.say(`${args.job} done: ${Object.entries(outcome.stats).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  },
});
