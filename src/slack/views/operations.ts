/** What admins see of the bot's own work (digest and App Home): delivery failures and job runs. Pure. */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn } from "../../domain/text.ts";
import type { JobRunRow } from "../../store/job-runs.ts";
import type { OutboxFailure } from "../../store/outbox.ts";
import { nameOf } from "../i18n/common.ts";
import type { Messages } from "../i18n/index.ts";
import { mention, section } from "./blocks.ts";

const recipientRef = (id: string) => (/^[CG]/.test(id) ? `<#${id}>` : mention(id));
const ERROR_MAX = 120;

export function operationsSection(
  t: Messages,
  operations: { failures: readonly OutboxFailure[]; jobRuns: readonly JobRunRow[] },
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
      r.startedAt.toISOString().slice(0, 16).replace("T", " "),
      r.error ? escapeMrkdwn(r.error.slice(0, ERROR_MAX)) : null,
    ),
  );
  const noFailures = period === "week" ? o.noFailuresThisWeek : o.noFailures;
  return section([o.heading, failures.length ? `${o.failuresHeading}\n${failures.join("\n")}` : noFailures, runs.length ? `${o.runsHeading}\n${runs.join("\n")}` : o.noRuns].join("\n"));
}
