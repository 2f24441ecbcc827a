/** What admins see of the bot's own work (digest and App Home): delivery failures and job runs. Pure. */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn, plural } from "../../domain/text.ts";
import type { JobRunRow } from "../../store/job-runs.ts";
import type { OutboxFailure } from "../../store/outbox.ts";
import { mention, section } from "./blocks.ts";

const recipientRef = (id: string) => (/^[CG]/.test(id) ? `<#${id}>` : mention(id));
const ERROR_MAX = 120;

export function operationsSection(operations: { failures: readonly OutboxFailure[]; jobRuns: readonly JobRunRow[] }, period: "week" | "recent"): KnownBlock {
  const failures = operations.failures.map(
    (f) => `• ${f.kind} to ${recipientRef(f.recipient)} failed after ${plural(f.attempts, "attempt")}: ${escapeMrkdwn((f.lastError ?? "unknown error").slice(0, ERROR_MAX))}`,
  );
  const runs = operations.jobRuns.map(
    (r) => `• ${r.job} ${r.status} at ${r.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC${r.error ? `: ${escapeMrkdwn(r.error.slice(0, ERROR_MAX))}` : ""}`,
  );
  const noFailures = period === "week" ? "No delivery failures this week." : "No delivery failures.";
  return section(
    [`*Operations* (admins)`, failures.length ? `Delivery failures:\n${failures.join("\n")}` : noFailures, runs.length ? `Recent job runs:\n${runs.join("\n")}` : "No job runs yet."].join("\n"),
  );
}
