import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadAppConfig, loadRules, loadStoreConfig } from "../../src/config.ts";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";

const BASE: NodeJS.ProcessEnv = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "s3cret" };

/** The ConfigError a load throws; fails the test when it returns or throws anything else. */
function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError, but loading succeeded");
}

const appError = (env: NodeJS.ProcessEnv) => configError(() => loadAppConfig(env));

function expectOneLine(message: string): void {
  expect(message).not.toMatch(/[\r\n]/);
  expect(message.length).toBeGreaterThan(0);
}

function expectSetupHint(message: string): void {
  expect(message).toContain("README");
  expect(message).toContain("npm run sandbox");
}

const tempDir = mkdtempSync(path.join(tmpdir(), "followups-config-test-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));
let fileCounter = 0;

/** Writes a rules file into the temp directory and returns its path. */
function rulesFile(extension: "yml" | "yaml" | "json", content: string): string {
  fileCounter += 1;
  const file = path.join(tempDir, `rules-${fileCounter}.${extension}`);
  writeFileSync(file, content, "utf8");
  return file;
}

describe("loadAppConfig: Slack credentials", () => {
  it("reports a missing SLACK_BOT_TOKEN on one line, naming it and pointing to the README and the sandbox", () => {
    const { message } = appError({ SLACK_SIGNING_SECRET: "s3cret" });
    expect(message).toContain("SLACK_BOT_TOKEN");
    expectSetupHint(message);
    expectOneLine(message);
  });

  it("reports an empty environment as a missing SLACK_BOT_TOKEN", () => {
    expect(appError({}).message).toMatch(/^Missing SLACK_BOT_TOKEN/);
  });

  it("reports a missing SLACK_SIGNING_SECRET", () => {
    const { message } = appError({ SLACK_BOT_TOKEN: "xoxb-1-2-abc" });
    expect(message).toContain("SLACK_SIGNING_SECRET");
    expect(message).not.toContain("SLACK_BOT_TOKEN");
    expectSetupHint(message);
    expectOneLine(message);
  });

  it.each([["xoxp-user-token"], ["xapp-1-app-token"], ["abc"], ["XOXB-upper"]])("refuses the bot token %j (wrong prefix)", (token) => {
    const { message } = appError({ ...BASE, SLACK_BOT_TOKEN: token });
    expect(message).toContain("SLACK_BOT_TOKEN");
    expect(message).toContain("xoxb-");
    expectSetupHint(message);
    expectOneLine(message);
  });

  it("refuses an app token without the xapp- prefix", () => {
    const { message } = appError({ ...BASE, SLACK_APP_TOKEN: "xoxb-not-an-app-token" });
    expect(message).toContain("SLACK_APP_TOKEN");
    expectOneLine(message);
  });

  it.each([
    ["SLACK_CLIENT_ID alone", { SLACK_CLIENT_ID: "123.456" }, "SLACK_CLIENT_SECRET"],
    ["SLACK_STATE_SECRET alone", { SLACK_STATE_SECRET: "ss" }, "SLACK_CLIENT_ID"],
    ["no state secret", { SLACK_CLIENT_ID: "123.456", SLACK_CLIENT_SECRET: "cs" }, "SLACK_STATE_SECRET"],
  ])("with %s and no bot token, names the missing OAuth variable", (_label, oauth, missing) => {
    const { message } = appError({ SLACK_SIGNING_SECRET: "s3cret", ...oauth });
    expect(message).toMatch(new RegExp(`^Missing ${missing}: multi-workspace \\(OAuth\\) mode needs`));
    expect(message).toContain("SLACK_BOT_TOKEN");
    expectSetupHint(message);
    expectOneLine(message);
  });

  it("runs in multi-workspace mode with the three OAuth variables and no bot token", () => {
    const config = loadAppConfig({ SLACK_SIGNING_SECRET: "s3cret", SLACK_CLIENT_ID: "123.456", SLACK_CLIENT_SECRET: "cs", SLACK_STATE_SECRET: "ss" });
    expect(config.slack.mode).toEqual({ kind: "multi-workspace", clientId: "123.456", clientSecret: "cs", stateSecret: "ss" });
  });

  it("still requires the signing secret in multi-workspace mode", () => {
    const { message } = appError({ SLACK_CLIENT_ID: "123.456", SLACK_CLIENT_SECRET: "cs", SLACK_STATE_SECRET: "ss" });
    expect(message).toMatch(/^Missing SLACK_SIGNING_SECRET/);
    expectOneLine(message);
  });

  it("prefers the bot token when both a bot token and OAuth variables are set", () => {
    const config = loadAppConfig({ ...BASE, SLACK_CLIENT_ID: "123.456" });
    expect(config.slack.mode).toEqual({ kind: "single-workspace", botToken: "xoxb-1-2-abc" });
  });

  it("reads Socket Mode's app token and trims surrounding spaces", () => {
    const config = loadAppConfig({ ...BASE, SLACK_BOT_TOKEN: "  xoxb-1-2-abc  ", SLACK_APP_TOKEN: "xapp-1-A-1" });
    expect(config.slack).toEqual({
      mode: { kind: "single-workspace", botToken: "xoxb-1-2-abc" },
      signingSecret: "s3cret",
      appToken: "xapp-1-A-1",
      apiUrl: undefined,
    });
  });
});

describe("loadAppConfig: defaults", () => {
  const config = loadAppConfig(BASE);

  it("listens on port 3000", () => expect(config.port).toBe(3000));
  it("delivers 20 scheduled posts per second", () => expect(config.deliveryRate).toBe(20));
  it("uses the bundled rules", () => {
    expect(config.rules).toEqual(DEFAULT_RULES);
    expect(config.rulesSource).toBe("bundled defaults");
  });
  it("has no admins from the environment", () => expect(config.adminUserIds).toEqual([]));
  it("uses Slack's own API and no Socket Mode", () => {
    expect(config.slack.apiUrl).toBeUndefined();
    expect(config.slack.appToken).toBeUndefined();
  });
  it("stores in SQLite at file:./data/followups.db, resolved to an absolute path", () => {
    const expected = path.resolve(process.cwd(), "data/followups.db");
    expect(config.database).toEqual({ provider: "sqlite", filePath: expected, url: `file:${expected}` });
    if (config.database.provider !== "sqlite") throw new Error("unreachable");
    expect(path.isAbsolute(config.database.filePath)).toBe(true);
  });
});

describe("loadAppConfig: blank strings count as unset", () => {
  it("falls back to every default when the optional variables are blank", () => {
    const config = loadAppConfig({
      ...BASE,
      PORT: "",
      DELIVERY_RATE: "   ",
      DATABASE_URL: " ",
      RULES_FILE: "",
      ADMIN_USER_IDS: "  ",
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: " ",
      SLACK_TEAM_ID: "",
      LOG_LEVEL: "",
    });
    expect(config.port).toBe(3000);
    expect(config.deliveryRate).toBe(20);
    expect(config.database).toEqual(loadAppConfig(BASE).database);
    expect(config.rules).toEqual(DEFAULT_RULES);
    expect(config.adminUserIds).toEqual([]);
    expect(config.slack.appToken).toBeUndefined();
    expect(config.slack.apiUrl).toBeUndefined();
    expect(config.teamId).toBeUndefined();
    expect(config.logLevel).toBe("info");
  });

  it.each([[""], ["   "], ["\t"]])("treats a bot token of %j as missing", (blank) => {
    expect(appError({ ...BASE, SLACK_BOT_TOKEN: blank }).message).toMatch(/^Missing SLACK_BOT_TOKEN/);
  });

  it("treats a blank signing secret as missing", () => {
    expect(appError({ ...BASE, SLACK_SIGNING_SECRET: "  " }).message).toMatch(/^Missing SLACK_SIGNING_SECRET/);
  });
});

describe("loadAppConfig: values", () => {
  it.each([
    ["8080", 8080],
    [" 4000 ", 4000],
    ["0", 0],
    ["65535", 65535],
  ])("accepts PORT %j", (port, expected) => {
    expect(loadAppConfig({ ...BASE, PORT: port }).port).toBe(expected);
  });

  it.each([["abc"], ["-1"], ["65536"], ["3000.5"], ["80 80"]])("refuses PORT %j, naming it", (port) => {
    const { message } = appError({ ...BASE, PORT: port });
    expect(message).toMatch(/^Invalid PORT\b/);
    expect(message).not.toContain("npm run sandbox"); // the Slack hint is for the Slack variables only
    expectOneLine(message);
  });

  it.each([
    ["5", 5],
    ["0.5", 0.5],
  ])("accepts DELIVERY_RATE %j", (rate, expected) => {
    expect(loadAppConfig({ ...BASE, DELIVERY_RATE: rate }).deliveryRate).toBe(expected);
  });

  it.each([["0"], ["-3"], ["fast"], ["1001"]])("refuses DELIVERY_RATE %j, naming it", (rate) => {
    const { message } = appError({ ...BASE, DELIVERY_RATE: rate });
    expect(message).toMatch(/^Invalid DELIVERY_RATE\b/);
    expectOneLine(message);
  });

  it("reads ADMIN_USER_IDS as a trimmed, comma-separated list of U… and W… ids", () => {
    const config = loadAppConfig({ ...BASE, ADMIN_USER_IDS: " U0123ABCD, W0456EFGH ,,U999 " });
    expect(config.adminUserIds).toEqual(["U0123ABCD", "W0456EFGH", "U999"]);
  });

  it.each([
    ["U0123ABCD,bob", "bob"],
    ["<@U0123ABCD>", "<@U0123ABCD>"],
    ["u0123abcd", "u0123abcd"],
    ["U0123ABCD, C0123ABCD", "C0123ABCD"],
  ])("refuses ADMIN_USER_IDS %j, naming the bad id %j", (ids, bad) => {
    const { message } = appError({ ...BASE, ADMIN_USER_IDS: ids });
    expect(message).toMatch(/^Invalid ADMIN_USER_IDS\b/);
    expect(message).toContain(`"${bad}"`);
    expectOneLine(message);
  });

  it.each([
    ["postgres://u:p@localhost:5432/followups", "postgresql"],
    ["postgresql://u:p@db/followups", "postgresql"],
    ["file:/var/lib/followups/store.db", "sqlite"],
  ])("accepts DATABASE_URL %j", (url, provider) => {
    expect(loadAppConfig({ ...BASE, DATABASE_URL: url }).database.provider).toBe(provider);
  });

  it("resolves a relative file: DATABASE_URL to an absolute path", () => {
    const { database } = loadAppConfig({ ...BASE, DATABASE_URL: "file:./tmp/x.db" });
    expect(database).toMatchObject({ provider: "sqlite", filePath: path.resolve(process.cwd(), "tmp/x.db") });
  });

  it.each([["mysql://u:p@localhost/followups"], ["sqlite:./data.db"], ["file:"], ["./data/followups.db"]])(
    "refuses DATABASE_URL %j, naming it",
    (url) => {
      const { message } = appError({ ...BASE, DATABASE_URL: url });
      expect(message).toContain("DATABASE_URL");
      expectOneLine(message);
    },
  );

  it.each([["http://localhost:3001/api/"], ["https://slack.com/api/"]])("accepts SLACK_API_URL %j", (url) => {
    expect(loadAppConfig({ ...BASE, SLACK_API_URL: url }).slack.apiUrl).toBe(url);
  });

  it.each([["not a url"], ["ftp://example.com/api/"], ["localhost:3001"]])("refuses SLACK_API_URL %j, naming it", (url) => {
    const { message } = appError({ ...BASE, SLACK_API_URL: url });
    expect(message).toMatch(/^Invalid SLACK_API_URL\b/);
    expectSetupHint(message);
    expectOneLine(message);
  });

  it("refuses a SLACK_TEAM_ID that is not a team id", () => {
    const { message } = appError({ ...BASE, SLACK_TEAM_ID: "U0123" });
    expect(message).toMatch(/^Invalid SLACK_TEAM_ID\b/);
    expectOneLine(message);
  });

  it("refuses an unknown LOG_LEVEL", () => {
    const { message } = appError({ ...BASE, LOG_LEVEL: "loud" });
    expect(message).toMatch(/^Invalid LOG_LEVEL\b/);
    expectOneLine(message);
  });

  it("ignores variables it does not know", () => {
    expect(() => loadAppConfig({ ...BASE, PATH: "/usr/bin", HOME: "/root" })).not.toThrow();
  });
});

describe("loadStoreConfig (the CLI's configuration)", () => {
  it("needs no Slack credentials", () => {
    const config = loadStoreConfig({});
    expect(config.slack).toEqual({ apiUrl: undefined, botToken: undefined });
    expect(config.rules).toEqual(DEFAULT_RULES);
    expect(config.deliveryRate).toBe(20);
    expect(config.database.provider).toBe("sqlite");
  });

  it("passes a bot token and team id through when present", () => {
    const config = loadStoreConfig({ SLACK_BOT_TOKEN: "xoxb-9", SLACK_TEAM_ID: "T0123ABCD" });
    expect(config.slack.botToken).toBe("xoxb-9");
    expect(config.teamId).toBe("T0123ABCD");
  });

  it.each([
    [{ DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL"],
    [{ SLACK_BOT_TOKEN: "xoxp-1" }, "SLACK_BOT_TOKEN"],
    [{ ADMIN_USER_IDS: "alice" }, "alice"],
    [{ DELIVERY_RATE: "-1" }, "DELIVERY_RATE"],
  ])("still refuses bad values: %j", (env, named) => {
    const { message } = configError(() => loadStoreConfig(env));
    expect(message).toContain(named);
    expectOneLine(message);
  });
});

describe("loadRules", () => {
  it("returns the defaults without a file", () => {
    expect(loadRules(undefined)).toBe(DEFAULT_RULES);
    expect(loadRules("")).toBe(DEFAULT_RULES);
  });

  it("keeps the other sections' defaults for a valid partial YAML file", () => {
    const file = rulesFile("yml", "currency: EUR\ntiers:\n  A: 80\n  B: 55\n");
    const rules = loadRules(file);
    expect(rules.currency).toBe("EUR");
    expect(rules.tiers).toEqual({ A: 80, B: 55 });
    expect(rules.scoring).toEqual(DEFAULT_RULES.scoring);
    expect(rules.cadence).toEqual(DEFAULT_RULES.cadence);
    expect(rules.keyClient).toEqual(DEFAULT_RULES.keyClient);
    expect(rules.risk).toEqual(DEFAULT_RULES.risk);
    expect(rules.schedules).toEqual(DEFAULT_RULES.schedules);
    expect(rules.alerts).toEqual(DEFAULT_RULES.alerts);
  });

  it("keeps the other scoring dimensions' defaults when one dimension is given", () => {
    const file = rulesFile("yaml", "scoring:\n  strategicFit:\n    points: 5\n    industries: [mining]\n    regions: [Asia]\n");
    const rules = loadRules(file);
    expect(rules.scoring.strategicFit).toEqual({ points: 5, industries: ["mining"], regions: ["Asia"] });
    expect(rules.scoring.contribution).toEqual(DEFAULT_RULES.scoring.contribution);
    expect(rules.scoring.satisfaction).toEqual(DEFAULT_RULES.scoring.satisfaction);
  });

  it("reads a valid partial JSON file", () => {
    const file = rulesFile("json", JSON.stringify({ cadence: { byTier: { A: 7, B: 21, C: 60 }, byRelationshipType: { "partnership-trust": 10 } } }));
    const rules = loadRules(file);
    expect(rules.cadence).toEqual({ byTier: { A: 7, B: 21, C: 60 }, byRelationshipType: { "partnership-trust": 10 } });
    expect(rules.tiers).toEqual(DEFAULT_RULES.tiers);
    expect(rules.currency).toBe("CNY");
  });

  it("reads an empty YAML file as all defaults", () => {
    expect(loadRules(rulesFile("yml", ""))).toEqual(DEFAULT_RULES);
  });

  it.each([
    ["yml", "scoring:\n  bogus: 1\n", "scoring.bogus"],
    ["json", JSON.stringify({ scoring: { bogus: 1 } }), "scoring.bogus"],
    ["yml", "bogus: true\n", ": bogus: unknown key"],
    ["yml", "scoring:\n  riskLevel:\n    low: 15\n    medium: 8\n    high: 0\n    extreme: 0\n", "scoring.riskLevel.extreme"],
  ] as const)("refuses an unknown key (%s), naming its path %j", (extension, content, where) => {
    const file = rulesFile(extension, content);
    const { message } = configError(() => loadRules(file));
    expect(message).toContain("RULES_FILE");
    expect(message).toContain(file);
    expect(message).toContain(where);
    expectOneLine(message);
  });

  it.each([
    ["yml", "tiers:\n  A: high\n  B: 50\n", "tiers.A"],
    ["json", JSON.stringify({ tiers: { A: "high", B: 50 } }), "tiers.A"],
    ["yml", "tiers:\n  A: 120\n  B: 50\n", "tiers.A"],
    ["yml", "currency: yuan\n", "currency"],
    ["yml", "cadence:\n  byTier: { A: 0, B: 30, C: 90 }\n  byRelationshipType: {}\n", "cadence.byTier.A"],
    ["yml", "scoring:\n  contribution:\n    thresholds: [{ min: 10, points: -1 }]\n", "scoring.contribution.thresholds.0.points"],
    ["yml", "schedules:\n  nudgeTime: '25:00'\n  digestTime: '09:00'\n  businessDays: [mon]\n  holidays: []\n", "schedules.nudgeTime"],
    ["yml", "alerts:\n  channel: general\n", "alerts.channel"],
    ["yml", "schedules:\n  nudgeTime: '09:00'\n  digestTime: '09:00'\n  businessDays: [mon]\n  holidays: []\n  risk: 'every hour'\n", "schedules.risk"],
    ["yml", "schedules:\n  nudgeTime: '09:00'\n  digestTime: '09:00'\n  businessDays: [mon]\n  holidays: []\n  digestDay: monday\n", "schedules.digestDay"],
  ] as const)("refuses a wrong value (%s), naming its path %j", (extension, content, where) => {
    const file = rulesFile(extension, content);
    const { message } = configError(() => loadRules(file));
    expect(message).toContain(file);
    expect(message).toContain(where);
    expectOneLine(message);
  });

  it("names every problem at once: a missing field and a misspelt section", () => {
    const file = rulesFile("json", JSON.stringify({ tiers: {}, cadense: {} }));
    const { message } = configError(() => loadRules(file));
    expect(message).toContain("RULES_FILE");
    expect(message).toContain("tiers.A: missing");
    expect(message).toContain("tiers.B: missing");
    expect(message).toContain("cadense: unknown key (did you mean cadence?)");
    expectOneLine(message);
  });

  it("names two wrong values at different depths", () => {
    const file = rulesFile("yml", "currency: yuan\nscoring:\n  contribution:\n    thresholds: [{ min: 10, points: -1 }]\n");
    const { message } = configError(() => loadRules(file));
    expect(message).toContain("currency: a three-letter ISO 4217 code");
    expect(message).toContain("scoring.contribution.thresholds.0.points");
    expectOneLine(message);
  });

  it("names a nested misspelt key with its hint beside a wrong value elsewhere", () => {
    const file = rulesFile("yml", "scoring:\n  riskLevel: { low: 15, medium: 8, hihg: 0 }\nalerts:\n  channel: general\n");
    const { message } = configError(() => loadRules(file));
    expect(message).toContain("scoring.riskLevel.high: missing");
    expect(message).toContain("scoring.riskLevel.hihg: unknown key (did you mean high?)");
    expect(message).toContain("alerts.channel");
    expectOneLine(message);
  });

  it("offers no hint for an unknown key like no known one", () => {
    const { message } = configError(() => loadRules(rulesFile("yml", "bogus: true\n")));
    expect(message).toContain("bogus: unknown key");
    expect(message).not.toContain("did you mean");
  });

  it.each([
    ["A below B", "tiers:\n  A: 40\n  B: 60\n"],
    ["A equal to B", "tiers:\n  A: 60\n  B: 60\n"],
  ])("refuses tier thresholds with %s", (_label, content) => {
    const file = rulesFile("yml", content);
    const { message } = configError(() => loadRules(file));
    expect(message).toContain("tiers");
    expect(message).toMatch(/tier A's threshold must be above tier B's/);
    expectOneLine(message);
  });

  it("refuses invalid YAML in one line", () => {
    const file = rulesFile("yml", "tiers:\n  A: [75\n  B: 50\n");
    const { message } = configError(() => loadRules(file));
    expect(message).toContain("RULES_FILE");
    expect(message).toContain(file);
    expect(message).toContain("not valid YAML");
    expectOneLine(message);
  });

  it("refuses invalid JSON in one line", () => {
    const file = rulesFile("json", "{ \"tiers\": { \"A\": 75, }");
    const { message } = configError(() => loadRules(file));
    expect(message).toContain("not valid JSON");
    expectOneLine(message);
  });

  it("refuses a file that is not a mapping", () => {
    const file = rulesFile("yml", "- A\n- B\n");
    const { message } = configError(() => loadRules(file));
    expect(message).toContain(file);
    expectOneLine(message);
  });

  it("refuses a missing file, naming it", () => {
    const file = path.join(tempDir, "does-not-exist.yml");
    const { message } = configError(() => loadRules(file));
    expect(message).toContain("RULES_FILE");
    expect(message).toContain(file);
    expectOneLine(message);
  });

  it("is what loadAppConfig uses for RULES_FILE, and the source is reported", () => {
    const file = rulesFile("yml", "tiers: { A: 90, B: 60 }\n");
    const config = loadAppConfig({ ...BASE, RULES_FILE: file });
    expect(config.rules.tiers).toEqual({ A: 90, B: 60 });
    expect(config.rulesSource).toBe(file);
  });

  it("stops loadAppConfig when RULES_FILE is invalid", () => {
    const file = rulesFile("yml", "tiers: { A: high, B: 50 }\n");
    const { message } = appError({ ...BASE, RULES_FILE: file });
    expect(message).toContain("tiers.A");
    expectOneLine(message);
  });
});
