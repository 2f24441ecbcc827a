/** What admins see of the bot's own work (digest and App Home): delivery failures, waiting posts and job runs. Pure. */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn } from "../../domain/text.ts";
import type { Operations } from "../../services/operations.ts";
import { nameOf } from "../i18n/common.ts";
import type { Messages } from "../i18n/index.ts";
import { mention, section } from "./blocks.ts";

const recipientRef = (id: string) => (/^[CG]/.test(id) ? `<#${id}>` : mention(id));
const ERROR_MAX = 120;
const utcMinute = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ");

export function operationsSection(
  t: Messages,
  operations: Operations,
  period: "week" | "recent",
): KnownBlock {
  const o = t.operations;
  const failures = operations.failures.map((f) =>
    o.failure(f.kind, recipientRef(f.recipient), f.attempts, f.lastError === null ? o.unknownError : escapeMrkdwn(f.lastError.slice(0, ERROR_MAX))),
  );
  const runs = operations.jobRuns.map((r) =>
    o.run(
      r.job,
      nameOf(o.runStatus, r.status),
      utcMinute(r.startedAt),
      r.error ? escapeMrkdwn(r.error.slice(0, ERROR_MAX)) : null,
    ),
  );
  const noFailures = period === "week" ? o.noFailuresThisWeek : o.noFailures;
  const { waiting } = operations;
  const waitingLines = [
    ...(waiting.retry > 0 && waiting.nextRetryAt ? [o.waitingRetry(waiting.retry, utcMinute(waiting.nextRetryAt))] : []),
    ...(waiting.due > 0 ? [o.waitingDue(waiting.due)] : []),
    ...(waiting.sending > 0 ? [o.waitingSending(waiting.sending)] : []),
  ];
  return section(
    [
      o.heading,
      failures.length ? `${o.failuresHeading}\n${failures.join("\n")}` : noFailures,
      ...(waitingLines.length ? [`${o.waitingHeading}\n${waitingLines.join("\n")}`] : []),
      runs.length ? `${o.runsHeading}\n${runs.join("\n")}` : o.noRuns,
    ].join("\n"),
  );
}
