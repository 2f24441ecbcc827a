/**
 * Configuration, parsed once at start-up from the environment (and `.env`) and the rules file.
 * A missing or bad value throws ConfigError with one line that names it; the entry points print it and exit.
 */
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import { closestNames, nameSimilarity } from "./domain/closest-names.ts";
import { DEFAULT_RULES, rulesSchema, type Rules } from "./domain/rules.ts";
import { clientNameKey } from "./domain/text.ts";
import { DatabaseUrlError, parseDatabaseUrl, type DatabaseTarget } from "./store/database-url.ts";

export class ConfigError extends Error {}

const SETUP_HINT = "see README \"Create the Slack app\" (manifest.yml), or try `npm run sandbox` without Slack";

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const slackId = /^[UW][A-Z0-9]{2,}$/;

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xoxb-"), "must start with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), "must start with xapp-"),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  SLACK_TEAM_ID: optionalText.refine((v) => v === undefined || /^T[A-Z0-9]+$/.test(v), "must look like T0123ABCD"),
  DATABASE_URL: optionalText,
  PORT: z.preprocess(blankAsMissing, z.coerce.number().int().min(0).max(65535).default(3000)),
  RULES_FILE: optionalText,
  ADMIN_USER_IDS: optionalText.transform((v, ctx) => {
    const ids = (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const bad = ids.find((id) => !slackId.test(id));
    if (bad) ctx.addIssue({ code: "custom", message: `"${bad}" is not a Slack user id (U… or W…)` });
    return ids;
  }),
  DELIVERY_RATE: z.preprocess(blankAsMissing, z.coerce.number().positive().max(1000).default(20)),
  LOG_LEVEL: optionalText.pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
});

export type SlackMode =
  | { kind: "single-workspace"; botToken: string }
  /** OAuth: workspaces install the app at /slack/install; each one's bot token is kept in the store. */
  | { kind: "multi-workspace"; clientId: string; clientSecret: string; stateSecret: string };

const OAUTH_VARIABLES = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

export interface AppConfig {
  slack: {
    mode: SlackMode;
    signingSecret: string;
    appToken: string | undefined;
    apiUrl: string | undefined;
  };
  teamId: string | undefined;
  database: DatabaseTarget;
  port: number;
  rules: Rules;
  rulesSource: string;
  adminUserIds: readonly string[];
  deliveryRate: number;
  logLevel: string;
}

export type StoreConfig = Pick<AppConfig, "database" | "rules" | "rulesSource" | "teamId" | "adminUserIds" | "logLevel" | "deliveryRate"> & {
  slack: Pick<AppConfig["slack"], "apiUrl"> & { botToken: string | undefined };
};

/** The object schema the rules file has at `path` (through defaults, optionals and arrays), if any. */
function objectAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.ZodObject | undefined {
  let current: z.core.$ZodType | undefined = schema;
  for (let i = 0; ; i++) {
    while (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.core.$ZodType;
    }
    if (i === path.length) return current instanceof z.ZodObject ? current : undefined;
    const key = path[i]!;
    if (current instanceof z.ZodObject) current = (current.shape as Record<PropertyKey, z.core.$ZodType>)[key];
    else if (current instanceof z.ZodArray) current = current.element as z.core.$ZodType;
    else return undefined;
    if (current === undefined) return undefined;
  }
}

// Above the client-name floor, since a wrong "did you mean" is worse than none ("bogus" would get "schedules"),
// yet low enough for a swapped pair in a short key ("hihg" is 0.5 from "high").
const KEY_HINT_SIMILARITY = 0.5;

function keyHint(schema: z.core.$ZodType, path: readonly PropertyKey[], key: string): string {
  const known = Object.keys(objectAt(schema, path)?.shape ?? {});
  const best = closestNames(key, known, 1)[0];
  return best !== undefined && nameSimilarity(clientNameKey(key), clientNameKey(best)) >= KEY_HINT_SIMILARITY ? ` (did you mean ${best}?)` : "";
}

/** `path.to.key: problem`; an unknown key is named by its own full path (`scoring.bogus: unknown key`). */
function formatIssues(schema: z.core.$ZodType, issue: z.core.$ZodIssue): string[] {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `${[...path, key].join(".")}: unknown key${keyHint(schema, issue.path, key)}`);
  }
  return [`${path.length ? path.join(".") : "top level"}: ${issue.message}`];
}

// Said as what to write rather than zod's "Invalid input: expected number, received undefined".
const namingMissing: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined ? `missing (${issue.expected})` : undefined;

function parseEnv(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const hint = name.startsWith("SLACK_") ? ` (${SETUP_HINT})` : "";
    throw new ConfigError(`Invalid ${name}: ${issue.message}${hint}`);
  }
  return parsed.data;
}

export function loadRules(file: string | undefined): Rules {
  if (!file) return DEFAULT_RULES;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(`RULES_FILE: cannot read ${file}`);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new ConfigError(`RULES_FILE: ${file} is not valid ${/\.json$/i.test(file) ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = rulesSchema.safeParse(data ?? {}, { error: namingMissing });
  if (!parsed.success) {
    // Every problem at once: fixing a file one start-up failure at a time hides a misspelt section behind the rest.
    const problems = parsed.error.issues.flatMap((issue) => formatIssues(rulesSchema, issue));
    throw new ConfigError(`RULES_FILE ${file}: ${problems.join("; ")}`);
  }
  return parsed.data;
}

function parseDatabase(url: string | undefined): DatabaseTarget {
  try {
    return parseDatabaseUrl(url);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigError(error.message);
    throw error;
  }
}

/** What the CLI needs: the store and the rules, Slack credentials only when present. */
export function loadStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const e = parseEnv(env);
  return {
    database: parseDatabase(e.DATABASE_URL),
    rules: loadRules(e.RULES_FILE),
    rulesSource: e.RULES_FILE ?? "bundled defaults",
    teamId: e.SLACK_TEAM_ID,
    adminUserIds: e.ADMIN_USER_IDS,
    logLevel: e.LOG_LEVEL,
    deliveryRate: e.DELIVERY_RATE,
    slack: { apiUrl: e.SLACK_API_URL, botToken: e.SLACK_BOT_TOKEN },
  };
}

/** Everything the bot needs to run; Slack credentials are required. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = parseEnv(env);
  let mode: SlackMode;
  if (e.SLACK_BOT_TOKEN) {
    mode = { kind: "single-workspace", botToken: e.SLACK_BOT_TOKEN };
  } else if (OAUTH_VARIABLES.some((k) => e[k])) {
    // Multi-workspace mode needs all three; name the first one missing.
    const missing = OAUTH_VARIABLES.find((k) => !e[k]);
    if (missing) {
      throw new ConfigError(`Missing ${missing}: multi-workspace (OAuth) mode needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (or set SLACK_BOT_TOKEN for one workspace) (${SETUP_HINT})`);
    }
    mode = { kind: "multi-workspace", clientId: e.SLACK_CLIENT_ID!, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET! };
  } else {
    throw new ConfigError(`Missing SLACK_BOT_TOKEN: set it and SLACK_SIGNING_SECRET, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for several workspaces (${SETUP_HINT})`);
  }
  if (!e.SLACK_SIGNING_SECRET) throw new ConfigError(`Missing SLACK_SIGNING_SECRET (${SETUP_HINT})`);
  return {
    slack: { mode, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL },
    teamId: e.SLACK_TEAM_ID,
    database: parseDatabase(e.DATABASE_URL),
    port: e.PORT,
    rules: loadRules(e.RULES_FILE),
    rulesSource: e.RULES_FILE ?? "bundled defaults",
    adminUserIds: e.ADMIN_USER_IDS,
    deliveryRate: e.DELIVERY_RATE,
    logLevel: e.LOG_LEVEL,
  };
}
