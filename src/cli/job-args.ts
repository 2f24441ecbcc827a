/** The command line of `npm run job`: which job, as of when, for which workspace. */
import { parseArgs } from "node:util";
import { JOBS, isJobName, type JobName } from "../jobs/run-job.ts";
import { UsageError } from "./args.ts";

export const JOB_USAGE = `usage: npm run job -- ${JOBS.join("|")} [--at ISO-8601] [--team T…]`;

export interface JobArgs {
  job: JobName;
  at: Date | undefined;
  team: string | undefined;
}

/** ISO 8601 date or date-time; without an offset it is read as UTC, as the contract says. */
export function parseAt(text: string): Date {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(trimmed);
  if (!iso) throw new UsageError(`--at "${text}" is not an ISO 8601 date or date-time, e.g. 2026-11-23 or 2026-11-23T09:00`);
  const [, year, month, day, time, , , offset] = iso;
  // Date would roll 2026-02-30 over into March: check the calendar date itself.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) throw new UsageError(`--at "${text}" is not a real date`);
  const at = new Date(time ? (offset ? trimmed : `${trimmed}Z`) : `${trimmed}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at "${text}" is not a real time`);
  return at;
}

export function parseJobArgs(argv: readonly string[]): JobArgs | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv].filter((a) => a !== "--"),
      options: { at: { type: "string" }, team: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments");
  }
  if (parsed.values.help) return "help";
  const [job, ...rest] = parsed.positionals;
  if (!job) throw new UsageError(`say which job to run (${JOBS.join(", ")})`);
  if (!isJobName(job)) throw new UsageError(`there is no job "${job}": choose ${JOBS.join(", ")}`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const team = parsed.values.team;
  if (team !== undefined && !/^T[A-Z0-9]+$/.test(team)) throw new UsageError(`--team "${team}" is not a Slack team id`);
  return { job, at: parsed.values.at === undefined ? undefined : parseAt(parsed.values.at), team };
}

