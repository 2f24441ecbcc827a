/** Entry point: read `.env`, parse config, start the bot, stop cleanly on SIGTERM/SIGINT. */
import "dotenv/config";
import { startBot } from "./bot.ts";
import { ConfigError, loadAppConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { SlackUnavailableError } from "./slack/app.ts";
import { MigrationError } from "./store/migrate.ts";
import { StoreUnavailableError } from "./store/open.ts";

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadAppConfig();
  const logger = createLogger(config.logLevel);
  // Listening before start-up: a signal that comes while the bot starts stops it as soon as it is up.
  const started = startBot(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    started
      .then((bot) => bot.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "error while shutting down");
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  await started;
}

main().catch((error: unknown) => {
  // Known start-up problems are one line for the operator; anything else keeps its stack for the developer.
  const known = [ConfigError, MigrationError, StoreUnavailableError, SlackUnavailableError];
  if (known.some((kind) => error instanceof kind)) {
    console.error((error as Error).message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
