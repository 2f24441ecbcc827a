/** Each job's runner, built once from the store, the services and Slack's token: shared by the bot and the CLI. */
import type { Rules } from "../domain/rules.ts";
import type { Logger } from "../logger.ts";
import type { Services } from "../services/index.ts";
import { rescoreService } from "../services/rescore.ts";
import type { Store } from "../store/index.ts";
import { digestService } from "../services/digest.ts";
import { runDigest } from "./digest.ts";
import { runNudges } from "./nudges.ts";
import { runRisk } from "./risk.ts";
import type { DeliveryResult } from "./delivery.ts";
import type { JobName, JobReport, JobRunner } from "./run-job.ts";
import { createSlackDelivery, type BotTokenFor } from "./slack-delivery.ts";

export interface RunnerDeps {
  store: Store;
  services: Pick<Services, "followUps">;
  rules: Rules;
  logger: Logger;
  now: () => Date;
  adminUserIds: readonly string[];
  /**
   * Each workspace's bot token. Without a lookup the jobs that only post (nudges, digest) are not available, and
   * risk notices wait in the outbox for a run that can post.
   */
  slack: { botTokenFor: BotTokenFor | undefined; apiUrl: string | undefined; deliveryRate: number };
}

export interface RunnerOptions {
  /** Run by hand (`npm run job`, the sandbox): every eligible person now, whatever their local hour. */
  byHand: boolean;
  /**
   * Aborted when the bot is stopping: `risk` and `rescore` end between two clients or pages, and a job's delivery
   * after the post in flight.
   */
  signal?: AbortSignal;
  /**
   * Queue posts in the outbox and leave them for the next run that delivers: the benchmark times each job's own
   * work apart from Slack, whose delivery it measures on its own.
   */
  queueOnly?: boolean;
}

export function createJobRunners(deps: RunnerDeps, options: RunnerOptions): Partial<Record<JobName, JobRunner>> {
  const { store, services, rules, logger, now, slack, adminUserIds } = deps;
  const rescore = rescoreService({ store, rules });
  const delivery =
    slack.botTokenFor && !options.queueOnly
      ? createSlackDelivery({
          store,
          botTokenFor: slack.botTokenFor,
          apiUrl: slack.apiUrl,
          ratePerSecond: slack.deliveryRate,
          logger,
          now,
          byHand: options.byHand,
          ...(options.signal ? { signal: options.signal } : {}),
        })
      : null;
  const runners: Partial<Record<JobName, JobRunner>> = {
    rescore: async (workspaceId, at) => ({ stats: { ...(await rescore.rescore(workspaceId, at, options.signal)) }, delivery: null }),
    risk: async (workspaceId, at) => report(await runRisk({ store, rules, delivery, ...(options.signal ? { signal: options.signal } : {}) }, workspaceId, at)),
  };
  // The jobs that only post need a token, even when this run only queues.
  if (slack.botTokenFor) {
    runners.nudges = async (workspaceId, at) => report(await runNudges({ store, followUps: services.followUps, rules, delivery, logger }, workspaceId, at, options.byHand));
    const digests = digestService({ store, rules });
    runners.digest = async (workspaceId, at) => report(await runDigest({ store, digests, rules, adminUserIds, delivery }, workspaceId, at, options.byHand));
  }
  return runners;
}

/** A job's own counts apart from its delivery's result. */
function report<Stats extends object>({ delivery, ...stats }: Stats & { delivery: DeliveryResult | null }): JobReport {
  return { stats: { ...(stats as Record<string, number>) }, delivery };
}
