/**
 * `npm run sandbox [-- --port N] [--data FILE] [--keep] [--schedule] [--now ISO-8601] [--rules FILE] [--log-level L]`:
 * the bot, the Slack emulator and the web console on this machine, with demo data; no Slack app, no credentials.
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../config.ts";
import { MigrationError } from "../store/migrate.ts";
import { StoreUnavailableError } from "../store/open.ts";
import { DEFAULT_CONSOLE_PORT, DEFAULT_DATA_FILE, startSandbox, type SandboxOptions } from "./sandbox.ts";

const USAGE = `Usage: npm run sandbox [-- options]
  --port N         the console's port (default ${DEFAULT_CONSOLE_PORT}; 0: any free port)
  --data FILE      the SQLite file (default ${DEFAULT_DATA_FILE}), reseeded with the demo data at each start
  --keep           keep the data from the last run instead of reseeding
  --schedule       fire the jobs on their schedules too (default: run them from the console)
  --now ISO-8601   start the clock at this instant (no offset: UTC), e.g. 2026-11-23T09:00
  --rules FILE     a rules file (YAML or JSON), as RULES_FILE
  --log-level L    the bot's log level (default warn)
`;

const out = (line: string) => process.stdout.write(`${line}\n`);

function options(): SandboxOptions | null {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      data: { type: "string" },
      keep: { type: "boolean" },
      schedule: { type: "boolean" },
      now: { type: "string" },
      rules: { type: "string" },
      "log-level": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return null;
  const result: SandboxOptions = { keep: values.keep ?? false, schedule: values.schedule ?? false };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port: "${values.port}" is not a port number`);
    result.port = port;
  }
  if (values.data) result.dataFile = values.data;
  if (values.now) {
    const text = /(Z|[+-]\d{2}:?\d{2})$/.test(values.now) ? values.now : `${values.now}${values.now.includes("T") ? "" : "T09:00"}Z`;
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw new ConfigError(`--now: "${values.now}" is not an ISO-8601 date or instant`);
    result.startAt = at;
  }
  if (values.rules) result.rulesFile = values.rules;
  if (values["log-level"]) result.logLevel = values["log-level"];
  return result;
}

async function main(): Promise<void> {
  let parsed: SandboxOptions | null;
  try {
    parsed = options();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (!parsed) return void process.stdout.write(USAGE);
  const sandbox = await startSandbox(parsed);
  out(`Sandbox: ${sandbox.clients} demo clients and ${sandbox.people} people in ${sandbox.dataFile} (${sandbox.seeded ? "freshly seeded" : "kept from the last run"}); no Slack needed.`);
  out(`Console: ${sandbox.consoleUrl}`);
  out(`Bot: POST ${sandbox.botEventsUrl}, Web API calls go to the emulator at ${sandbox.emulatorUrl}. Ctrl-C stops.`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  const known = [ConfigError, MigrationError, StoreUnavailableError];
  console.error(known.some((kind) => error instanceof kind) ? (error as Error).message : error);
  process.exit(1);
});
