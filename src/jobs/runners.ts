/** Each job's runner, built once from the store, the services and Slack's token: shared by the bot and the CLI. */
import type { Rules } from "../domain/rules.ts";
import type { Logger } from "../logger.ts";
import type { Services } from "../services/index.ts";
import { rescoreService } from "../services/rescore.ts";
import type { Store } from "../store/index.ts";
import { runNudges } from "./nudges.ts";
import type { JobName, JobRunner } from "./run-job.ts";
import { createSlackDelivery, type BotTokenFor } from "./slack-delivery.ts";

export interface RunnerDeps {
  store: Store;
  services: Pick<Services, "followUps">;
  rules: Rules;
  logger: Logger;
  now: () => Date;
  /** Each workspace's bot token; without a lookup the jobs that post (nudges) are not available. */
  slack: { botTokenFor: BotTokenFor | undefined; apiUrl: string | undefined; deliveryRate: number };
}

export function createJobRunners(deps: RunnerDeps, options: { byHand: boolean }): Partial<Record<JobName, JobRunner>> {
  const { store, services, rules, logger, now, slack } = deps;
  const rescore = rescoreService({ store, rules });
  const runners: Partial<Record<JobName, JobRunner>> = {
    rescore: async (workspaceId, at) => ({ ...(await rescore.rescore(workspaceId, at)) }),
  };
  if (slack.botTokenFor) {
    const delivery = createSlackDelivery({ store, botTokenFor: slack.botTokenFor, apiUrl: slack.apiUrl, ratePerSecond: slack.deliveryRate, logger, now });
    runners.nudges = async (workspaceId, at) => ({ ...(await runNudges({ store, followUps: services.followUps, rules, delivery, logger }, workspaceId, at, options.byHand)) });
  }
  return runners;
}
