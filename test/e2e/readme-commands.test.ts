/**
 * The README's command blocks run as written, in a shell, on a fresh store: the imports with the example files, the
 * export, every job, and the purge. Slack is the emulator, given as a `.env` would give a token. Blocks that install,
 * start a server or run this suite (`npm ci`, `npm start`, `npm test`, the sandbox, Docker) are listed and left out:
 * CI runs those itself.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../support/slack-emulator.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const TOKEN = "xoxb-readme-test";
/** The workspace the README's examples name. */
const TEAM = "T0123ABCD";

/** Every ```sh block of the README, in order. */
const blocks = [...README.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((match) => match[1]!);
const NOT_RUN_HERE = /\bnpm ci\b|\bnpm test\b|\bnpm start\b|\bnpm run sandbox\b|\bdocker\b/;
const runnable = blocks.filter((block) => !NOT_RUN_HERE.test(block));
const byCommand = (word: string) => runnable.filter((block) => block.includes(`npm run ${word}`));

let database: TestDatabase;
let emulator: SlackEmulator;
let workDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  emulator = await SlackEmulator.start({ botToken: TOKEN, teamId: TEAM });
  mkdirSync(path.join(ROOT, "test-results"), { recursive: true });
  // Inside the project, so `npm run` finds it; what a block writes (an export) lands here.
  workDir = mkdtempSync(path.join(ROOT, "test-results", "readme-"));
});

afterAll(async () => {
  await emulator?.stop();
  await database?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** One block as a shell script, stopping at the first command that fails. */
async function runBlock(block: string) {
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    DATABASE_URL: database.url,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: "readme-test-secret",
    SLACK_API_URL: emulator.apiUrl,
    LOG_LEVEL: "silent",
    npm_config_update_notifier: "false",
  };
  return promisify(execFile)("bash", ["-euo", "pipefail", "-c", block], { cwd: workDir, env, maxBuffer: 16 * 1024 * 1024 });
}

describe("the README's commands", () => {
  it("has the blocks this test runs, and leaves out only those that install, serve or test", () => {
    expect(blocks.length - runnable.length).toBe(blocks.filter((block) => NOT_RUN_HERE.test(block)).length);
    expect(byCommand("import")).toHaveLength(1);
    expect(byCommand("job")).toHaveLength(1);
    expect(byCommand("purge")).toHaveLength(1);
  });

  it("import, export, every job and the purge work as written, on a fresh store", async () => {
    // The import block sets the workspace for the blocks after it, as it would in the reader's shell.
    const [imports] = byCommand("import");
    const [jobs] = byCommand("job");
    const [purge] = byCommand("purge");
    const setup = imports!.split("\n").filter((line) => line.startsWith("export ")).join("\n");

    const imported = await runBlock(imports!);
    expect(imported.stderr).toMatch(/imported 4, skipped 0/);
    expect(imported.stderr).toMatch(/imported 5, skipped 0/);
    const exported = readFileSync(path.join(workDir, "clients-export.csv"), "utf8");
    expect(exported.split("\n")[0]).toMatch(/^name,owner,annual_revenue,/);
    expect(exported).toContain("Mekong Hydro Consortium");

    const ran = await runBlock(`${setup}\n${jobs!}`);
    for (const job of ["rescore", "nudges", "risk", "digest"]) expect(ran.stderr).toMatch(new RegExp(`^${job} done: `, "m"));
    expect(ran.stderr).not.toMatch(/failed \(/);
    // The example team gets its posts: a rep's nudge, the manager's digest.
    expect(emulator.messagesIn("DU0EXREP1").length).toBeGreaterThan(0);
    expect(emulator.messagesIn("DU0EXMGR").length).toBeGreaterThan(0);

    const purged = await runBlock(purge!);
    expect(purged.stdout).toMatch(/^clients 5$/m);
  }, 240_000);
});
