/**
 * Uninstall in single-workspace mode (SLACK_BOT_TOKEN): app_uninstalled stops the workspace's jobs and keeps its
 * data; revoking only user tokens changes nothing; a restart with a working token resumes the jobs.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { importService, type ImportKind } from "../../src/services/imports.ts";
import { startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
const REP = "U0UNREP";
let t: TestBot;

async function load(kind: ImportKind, csv: string) {
  const report = await importService({ store: t.bot.services.store, rules: DEFAULT_RULES, clock }).importCsv(kind, TEST_TEAM, Readable.from([csv]), { fileName: `${kind}.csv` });
  expect(report.skipped).toBe(0);
}

beforeAll(async () => {
  t = await startTestBot({ clock });
  await load("clients", `name,owner\nUninstall Utilities,${REP}\n`);
  await load("interactions", `client,rep,type,occurred_at,summary\nUninstall Utilities,${REP},call,2026-08-01T10:00:00Z,long ago\n`);
});

afterAll(async () => {
  await t?.stop();
});

describe("single-workspace uninstall", () => {
  it("runs the jobs while installed", async () => {
    expect((await t.bot.scheduler.fire("nudges", new Date("2026-11-23T10:00:00Z"))).map((o) => o.kind)).toEqual(["done"]);
  });

  it("ignores tokens_revoked for user tokens only", async () => {
    await t.slack.event({ type: "tokens_revoked", tokens: { oauth: ["U0SOMEONE"], bot: [] } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await t.bot.services.store.workspaces.find(TEST_TEAM))?.uninstalledAt).toBeNull();
  });

  it("stops the workspace's jobs on app_uninstalled and keeps its data", async () => {
    await t.slack.event({ type: "app_uninstalled" });
    await expect.poll(async () => (await t.bot.services.store.workspaces.find(TEST_TEAM))?.uninstalledAt ?? null).toBeInstanceOf(Date);
    expect(await t.bot.scheduler.fire("nudges", new Date("2026-11-24T10:00:00Z"))).toEqual([]);
    expect(await t.bot.scheduler.fire("rescore", new Date("2026-11-24T10:00:00Z"))).toEqual([]);
    expect((await t.bot.services.store.clients.list(TEST_TEAM, {}, 10)).items.map((c) => c.name)).toEqual(["Uninstall Utilities"]);
  });

  it("resumes them when the bot starts again with a working token (a reinstall)", async () => {
    await t.restart();
    expect((await t.bot.services.store.workspaces.find(TEST_TEAM))?.uninstalledAt).toBeNull();
    expect((await t.bot.scheduler.fire("nudges", new Date("2026-11-25T10:00:00Z"))).map((o) => o.kind)).toEqual(["done"]);
  });
});
