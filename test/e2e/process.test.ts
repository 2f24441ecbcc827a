/**
 * The real entry point as an operator runs it (`npm start` runs `tsx src/index.ts`): start-up failures are one
 * line, /healthz answers, logs carry no secrets, and SIGTERM exits 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../support/slack-emulator.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SECRET = "xoxb-secret-token-value-123";

function startEntryPoint(env: Record<string, string>): ChildProcessWithoutNullStreams {
  // A clean environment: only what the test gives, plus PATH and HOME for node and npm internals.
  return spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DOTENV_CONFIG_PATH: "/nonexistent/.env", ...env },
  });
}

/** Logs (JSON, standard output) and the operator's one-line errors (standard error), kept apart. */
function collect(child: ChildProcessWithoutNullStreams): { output: () => string; errorLines: () => string[]; exited: Promise<number | null> } {
  let output = "";
  let errors = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { output: () => output + errors, errorLines: () => errors.trim().split("\n"), exited };
}

async function waitForHealth(port: number, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/healthz`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe("entry point", () => {
  let emulator: SlackEmulator;
  let database: TestDatabase;
  beforeAll(async () => {
    emulator = await SlackEmulator.start({ botToken: SECRET });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await emulator?.stop();
    await database?.drop();
  });

  it("stops with one line naming SLACK_BOT_TOKEN when credentials are missing", async () => {
    const run = collect(startEntryPoint({ DATABASE_URL: database.url }));
    expect(await run.exited).toBe(1);
    const lines = run.errorLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Missing SLACK_BOT_TOKEN: .*README.*manifest\.yml.*npm run sandbox/);
  });

  it("stops with one line when the database is unreachable", async () => {
    const run = collect(
      startEntryPoint({ SLACK_BOT_TOKEN: SECRET, SLACK_SIGNING_SECRET: "x", SLACK_API_URL: emulator.apiUrl, DATABASE_URL: "postgresql://nobody@127.0.0.1:9/none" }),
    );
    expect(await run.exited).toBe(1);
    const lines = run.errorLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^The database could not be migrated \(postgresql\)/);
  }, 60_000);

  it("stops with one line when Slack refuses the bot token", async () => {
    const run = collect(
      startEntryPoint({ SLACK_BOT_TOKEN: "xoxb-wrong", SLACK_SIGNING_SECRET: "x", SLACK_API_URL: emulator.apiUrl, DATABASE_URL: database.url, PORT: "0" }),
    );
    expect(await run.exited).toBe(1);
    expect(run.errorLines()).toEqual(['Slack refused SLACK_BOT_TOKEN (auth.test: invalid_auth): check the token (see README "Create the Slack app")']);
  }, 60_000);

  it("starts, serves /healthz, keeps secrets out of its logs, and exits 0 on SIGTERM", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = startEntryPoint({
      SLACK_BOT_TOKEN: SECRET,
      SLACK_SIGNING_SECRET: "signing-secret-value-456",
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: database.url,
      PORT: String(port),
      LOG_LEVEL: "debug",
    });
    const run = collect(child);
    const health = await waitForHealth(port);
    expect(health.status).toBe(200);
    child.kill("SIGTERM");
    // The bot's own log says why, should it ever not exit 0.
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain('"msg":"bot started"');
    expect(run.output()).not.toContain(SECRET);
    expect(run.output()).not.toContain("signing-secret-value-456");
  }, 60_000);
});
