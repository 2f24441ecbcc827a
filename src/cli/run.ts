/**
 * The frame every CLI command runs in: `.env`, the command line, the config, the store. Whatever stops a command
 * is printed as one line on standard error with a non-zero exit code; standard output carries only data.
 */
import { config as loadDotenv } from "dotenv";
import { pino } from "pino";
import { ConfigError, loadStoreConfig, type StoreConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import { systemClock, type Clock } from "../services/context.ts";
import type { Store } from "../store/index.ts";
import { MigrationError } from "../store/migrate.ts";
import { openStore, StoreUnavailableError } from "../store/open.ts";
import { CliError, UsageError, resolveTeam, slackTeamAsker } from "./args.ts";

export interface CliContext {
  config: StoreConfig;
  store: Store;
  logger: Logger;
  clock: Clock;
  /** The workspace to work on (see resolveTeam), its row created if missing. */
  team(flag: string | undefined): Promise<string>;
  /** A line of progress or diagnostics, on standard error. */
  say(line: string): void;
}

export interface CliCommand<A> {
  usage: string;
  parse(argv: readonly string[]): A | "help";
  /** Checks that need no store, so that (say) a missing file fails before a database is created or migrated. */
  precheck?(args: A): Promise<void>;
  /** Resolves to an exit code when the command's outcome is not plain success (see job-report.ts). */
  main(ctx: CliContext, args: A): Promise<number | void>;
}

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

// pino's default destination is standard output, which belongs to the data (an export's CSV). Unless LOG_LEVEL
// asks for more, only errors are logged: a failure is already said in one line, without retry chatter around it.
function cliLogger(config: StoreConfig): Logger {
  const level = process.env.LOG_LEVEL?.trim() ? config.logLevel : "error";
  return pino({ level, base: { app: "followup-bot", cli: true } }, pino.destination({ fd: 2, sync: true }));
}

const KNOWN = [ConfigError, MigrationError, StoreUnavailableError, CliError];

/** One line saying what went wrong: known failures as they are, anything else by its most telling line. */
export function describeFailure(error: unknown, usage: string): string {
  if (error instanceof UsageError) return `${error.message} (${usage})`;
  if (KNOWN.some((k) => error instanceof k)) return (error as Error).message.replace(/\s*\n\s*/g, " ");
  const e = error as { code?: unknown; message?: unknown };
  const lines = String(e.message ?? error).split("\n").map((l) => l.trim()).filter(Boolean);
  // Prisma puts the query first and the reason last.
  if (typeof e.code === "string" && /^P\d{4}$/.test(e.code)) return `database error ${e.code}: ${lines[lines.length - 1] ?? "unknown"}`;
  return `error: ${lines[0] ?? "unknown"}`;
}

export async function runCli<A>(command: CliCommand<A>, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let store: Store | undefined;
  try {
    // dotenv 17 announces itself on standard output unless told to be quiet; an export would carry the banner.
    loadDotenv({ quiet: true });
    const args = command.parse(argv);
    if (args === "help") {
      console.log(command.usage);
      return;
    }
    const config = loadStoreConfig();
    await command.precheck?.(args);
    const logger = cliLogger(config);
    const opened = await openStore(config.database, logger);
    store = opened;
    const code = await command.main(
      {
        config,
        store: opened,
        logger,
        clock: systemClock,
        team: (flag) => resolveTeam({ flag, config, store: opened, askSlack: slackTeamAsker(logger) }),
        say: (line) => process.stderr.write(`${line}\n`),
      },
      args,
    );
    if (code) process.exitCode = code;
  } catch (error) {
    process.exitCode = error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
    console.error(describeFailure(error, command.usage));
    if (/^(debug|trace)$/i.test(process.env.LOG_LEVEL ?? "") && error instanceof Error && error.stack) console.error(error.stack);
  } finally {
    await store?.close().catch(() => undefined);
  }
}
