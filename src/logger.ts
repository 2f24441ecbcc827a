/** pino logging, with every field that could carry a token or secret redacted. */
import { pino, type Logger } from "pino";
import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";

export type { Logger };

const REDACT = [
  "token", "*.token", "botToken", "*.botToken", "appToken", "*.appToken", "signingSecret", "*.signingSecret",
  "clientSecret", "*.clientSecret", "stateSecret", "*.stateSecret", "headers.authorization", "*.headers.authorization",
  "config.headers.Authorization", "DATABASE_URL", "*.url",
];

/** JSON logs on standard output, or on `destination` (tests read what would be logged). */
export function createLogger(level = "info", destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: "[redacted]" }, base: { app: "followup-bot" } };
  return destination ? pino(options, destination) : pino(options);
}

const SECRET_PATTERN = /\b(xox[abprs]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)/g;
// @slack/web-api's debug log of a request body redacts token fields, not OAuth's client secret or code.
const OAUTH_FIELD_PATTERN = /("?(?:client_secret|code|refresh_token)"?\s*[:=]\s*)"[^"]*"/g;

/** Slack's SDKs log free text; scrub token-shaped strings from it before it reaches pino. */
function scrub(args: unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(" ").replace(SECRET_PATTERN, "[redacted]").replace(OAUTH_FIELD_PATTERN, '$1"[redacted]"');
}

/** Bolt and @slack/web-api take their own Logger interface; this one forwards to pino. */
export function toSlackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: "slack" });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...args) => child.debug(scrub(args)),
    info: (...args) => child.info(scrub(args)),
    warn: (...args) => child.warn(scrub(args)),
    error: (...args) => child.error(scrub(args)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
