/** Command-line arguments of `npm run import` and `npm run export`, and which workspace they work on. */
import { WebClient } from "@slack/web-api";
import type { StoreConfig } from "../config.ts";
import { toSlackLogger, type Logger } from "../logger.ts";
import { EXPORT_KINDS, type ExportKind } from "../services/exports.ts";
import { IMPORT_KINDS, type ImportKind } from "../services/imports.ts";
import type { Store } from "../store/index.ts";

/** A wrong command line: the message is one line, printed with the usage. */
export class UsageError extends Error {}

/** Any other reason the command cannot run, said in one line. */
export class CliError extends Error {}

export const IMPORT_USAGE = "usage: npm run import -- clients|interactions|users FILE.csv [--team T…]";
export const EXPORT_USAGE = "usage: npm run export -- clients|interactions|users|audit [--team T…] > FILE.csv";

export const PURGE_USAGE = "usage: npm run purge -- --team T… [--force]   (deletes every row of that workspace)";

const TEAM_ID = /^T[A-Z0-9]+$/;

interface Parsed {
  positional: string[];
  team: string | undefined;
  help: boolean;
  force: boolean;
}

function parseArgv(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  let team: string | undefined;
  let help = false;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--force") force = true;
    else if (arg === "--team" || arg.startsWith("--team=")) {
      const value = arg === "--team" ? argv[++i] : arg.slice("--team=".length);
      if (!value) throw new UsageError("--team needs a Slack team id, e.g. --team T0123ABCD");
      if (!TEAM_ID.test(value)) throw new UsageError(`--team "${value}" is not a Slack team id (T followed by capitals and digits)`);
      team = value;
    } else if (arg === "--") continue;
    // A lone "-" would mean standard input, which is not supported: better refused than read as a file name.
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, team, help, force };
}

function refuseForce(parsed: Parsed): Parsed {
  if (parsed.force) throw new UsageError("unknown option --force");
  return parsed;
}

export interface PurgeArgs {
  team: string;
  /** Purge even though the app is still installed there (its token goes too). */
  force: boolean;
}

export function parsePurgeArgs(argv: readonly string[]): PurgeArgs | "help" {
  const { positional, team, help, force } = parseArgv(argv);
  if (help) return "help";
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  if (!team) throw new UsageError("say which workspace to purge with --team T…; nothing was deleted");
  return { team, force };
}

export interface ImportArgs {
  kind: ImportKind;
  file: string;
  team: string | undefined;
}

export function parseImportArgs(argv: readonly string[]): ImportArgs | "help" {
  const { positional, team, help } = refuseForce(parseArgv(argv));
  if (help) return "help";
  const [kind, file, ...rest] = positional;
  if (!kind) throw new UsageError(`say what to import (${IMPORT_KINDS.join(", ")})`);
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`cannot import "${kind}": choose ${IMPORT_KINDS.join(", ")}`);
  if (!file) throw new UsageError(`name the CSV file to import ${kind} from`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  return { kind: kind as ImportKind, file, team };
}

export interface ExportArgs {
  kind: ExportKind;
  team: string | undefined;
}

export function parseExportArgs(argv: readonly string[]): ExportArgs | "help" {
  const { positional, team, help } = refuseForce(parseArgv(argv));
  if (help) return "help";
  const [kind, ...rest] = positional;
  if (!kind) throw new UsageError(`say what to export (${EXPORT_KINDS.join(", ")})`);
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`cannot export "${kind}": choose ${EXPORT_KINDS.join(", ")}`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" (the CSV goes to standard output: redirect it with > FILE.csv)`);
  return { kind: kind as ExportKind, team };
}

/** Slack's answer to "which workspace is this token for?" (auth.test); a port so tests need no Slack. */
export type AskSlackForTeam = (botToken: string, apiUrl: string | undefined) => Promise<string>;

export function slackTeamAsker(logger: Logger): AskSlackForTeam {
  return async (botToken, apiUrl) => {
    const client = new WebClient(botToken, {
      ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
      // A command line should fail in seconds, not wait out Slack's default half-hour retry schedule.
      retryConfig: { retries: 1 },
      timeout: 15_000,
      logger: toSlackLogger(logger),
    });
    const answer = await client.auth.test();
    if (!answer.team_id) throw new Error("auth.test gave no team id");
    return answer.team_id;
  };
}

export interface TeamSources {
  flag: string | undefined;
  config: Pick<StoreConfig, "teamId" | "slack">;
  store: { workspaces: Pick<Store["workspaces"], "ids" | "ensure"> };
  askSlack: AskSlackForTeam;
}

const TEAM_HINT = "pass --team T… or set SLACK_TEAM_ID";

/**
 * The workspace to work on: --team, else SLACK_TEAM_ID, else Slack's answer for SLACK_BOT_TOKEN, else the only
 * workspace in the store. Its row is created if missing, as the bot does on a team's first request.
 */
export async function resolveTeam({ flag, config, store, askSlack }: TeamSources): Promise<string> {
  const team = flag ?? config.teamId ?? (await teamFromSlackOrStore(config, store, askSlack));
  await store.workspaces.ensure(team);
  return team;
}

async function teamFromSlackOrStore(config: TeamSources["config"], store: TeamSources["store"], askSlack: AskSlackForTeam): Promise<string> {
  if (config.slack.botToken) {
    try {
      return await askSlack(config.slack.botToken, config.slack.apiUrl);
    } catch (error) {
      // Guessing from the store could write into the wrong workspace: stop and say how to name it.
      const reason = (error as { data?: { error?: unknown } }).data?.error ?? (error as Error).message.split("\n")[0];
      throw new CliError(`cannot ask Slack which workspace SLACK_BOT_TOKEN belongs to (auth.test: ${String(reason)}); ${TEAM_HINT}`);
    }
  }
  const ids = await store.workspaces.ids(2);
  if (ids.length === 1) return ids[0]!;
  throw new CliError(
    ids.length === 0
      ? `no workspace to work on yet: ${TEAM_HINT}`
      : `several workspaces are in the store: ${TEAM_HINT}`,
  );
}
