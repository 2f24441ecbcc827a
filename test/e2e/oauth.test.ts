/**
 * Multi-workspace (OAuth) mode end to end, on the store this run is for: two workspaces install the app through
 * /slack/install and /slack/oauth_redirect (the Slack emulator plays Slack's side), each request and each job
 * uses its own workspace's bot token, the installer is an admin, an uninstall deletes the tokens and stops the
 * jobs but keeps the data, and `npm run purge -- --team T…` deletes it. No token reaches the logs.
 */
import { execFile } from "node:child_process";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { importService, type ImportKind } from "../../src/services/imports.ts";
import { BOT_SCOPES } from "../../src/slack/installation-store.ts";
import { allText, asEphemeral } from "../support/block-text.ts";
import { checkCall, isNotInSpecProblem } from "../support/slack-openapi.ts";
import type { SlackRequests } from "../support/slack-requests.ts";
import { startTestBot, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_STATE_SECRET, type TestBot } from "../support/test-bot.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const clock = { now: () => new Date("2026-11-23T10:00:00Z") };

const ALPHA = { teamId: "T0ALPHA", teamName: "Alpha Capital", userId: "U0ALPHAADMIN", botToken: "xoxb-alpha-1111-secret", botUserId: "U0ALPHABOT" };
const BETA = { teamId: "T0BETA", teamName: "Beta Infrastructure", userId: "U0BETAADMIN", botToken: "xoxb-beta-2222-secret", botUserId: "U0BETABOT" };
const [ALPHA_REP, BETA_REP] = ["U0ALPHAREP", "U0BETAREP"];

let t: TestBot;
const logLines: string[] = [];
const as: Record<string, SlackRequests> = {};

/** What a browser does: open /slack/install, follow "Add to Slack" to Slack (the emulator), come back with a code. */
async function install(who: typeof ALPHA): Promise<Response> {
  const base = `http://127.0.0.1:${t.bot.port}`;
  const page = await fetch(`${base}/slack/install`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const authorizeUrl = new URL((/<a href="([^"]+)"/.exec(html)?.[1] ?? "").replace(/&amp;/g, "&"));
  expect(authorizeUrl.origin + authorizeUrl.pathname).toBe("https://slack.com/oauth/v2/authorize");
  expect(authorizeUrl.searchParams.get("client_id")).toBe(TEST_CLIENT_ID);
  expect(authorizeUrl.searchParams.get("scope")).toBe(BOT_SCOPES.join(","));
  const state = authorizeUrl.searchParams.get("state") ?? "";
  const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  const code = t.emulator.authorizeInstall(who);
  return fetch(`${base}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
}

async function command(team: string, name: string, text: string, userId: string) {
  const reply = await as[team]!.command(name, text, { userId });
  expect(reply.status).toBe(200);
  const body = asEphemeral(reply.json);
  return { ...body, all: allText(body) };
}

async function load(team: string, kind: ImportKind, csv: string) {
  const report = await importService({ store: t.bot.services.store, rules: DEFAULT_RULES, clock }).importCsv(kind, team, Readable.from([csv]), { fileName: `${kind}.csv` });
  expect(report.skipped).toBe(0);
}

const tokensUsed = (method: string, predicate: (args: Record<string, unknown>) => boolean = () => true) =>
  [...new Set(t.emulator.callsTo(method).filter((c) => predicate(c.args)).map((c) => c.token))];

beforeAll(async () => {
  t = await startTestBot({ clock, multiWorkspace: true, env: { LOG_LEVEL: "debug" }, logDestination: { write: (line) => void logLines.push(line) } });
  as[ALPHA.teamId] = t.slackFor(ALPHA.teamId);
  as[BETA.teamId] = t.slackFor(BETA.teamId);
  for (const user of [ALPHA.userId, BETA.userId, ALPHA_REP, BETA_REP]) t.emulator.setUser(user, { tz: "UTC" });
});

afterAll(async () => {
  await t?.stop();
});

describe("multi-workspace install", () => {
  it("installs two workspaces through /slack/install and /slack/oauth_redirect", async () => {
    for (const who of [ALPHA, BETA]) {
      const done = await install(who);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain(`slack://app?team=${who.teamId}`);
    }
    const exchanges = t.emulator.callsTo("oauth.v2.access");
    expect(exchanges).toHaveLength(2);
    expect(exchanges.map((c) => c.args.client_secret)).toEqual([TEST_CLIENT_SECRET, TEST_CLIENT_SECRET]);
    const { store } = t.bot.services;
    expect(await store.installations.workspaceIds()).toEqual([ALPHA.teamId, BETA.teamId]);
    expect(await store.installations.find(ALPHA.teamId)).toMatchObject({ botToken: ALPHA.botToken, botUserId: ALPHA.botUserId, installerId: ALPHA.userId, botScopes: ["commands", "chat:write", "users:read"] });
  });

  it("refuses a redirect without the browser's state cookie, and stores nothing", async () => {
    const code = t.emulator.authorizeInstall({ teamId: "T0FORGED", userId: "U0X", botToken: "xoxb-forged" });
    const forged = await fetch(`http://127.0.0.1:${t.bot.port}/slack/oauth_redirect?code=${code}&state=made-up`);
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await t.bot.services.store.installations.find("T0FORGED")).toBeNull();
  });

  it("makes the installer an admin of their workspace only", async () => {
    const team = await command(ALPHA.teamId, "/team", "", ALPHA.userId);
    expect(team.all).toMatch(new RegExp(`<@${ALPHA.userId}>[^\\n]*admin|admin[^\\n]*<@${ALPHA.userId}>`, "i"));
    const setRole = await command(ALPHA.teamId, "/team", `set <@${ALPHA_REP}> manager`, ALPHA.userId);
    expect(setRole.all).not.toMatch(/only admins/i);
    expect((await t.bot.services.roles.roleOf({ workspaceId: ALPHA.teamId, userId: ALPHA.userId }))).toBe("admin");
    expect((await t.bot.services.roles.roleOf({ workspaceId: BETA.teamId, userId: ALPHA.userId }))).toBe("rep");
    expect((await t.bot.services.roles.roleOf({ workspaceId: BETA.teamId, userId: BETA.userId }))).toBe("admin");
  });

  it("answers each workspace's requests with that workspace's own token and data", async () => {
    t.emulator.reset();
    expect((await command(ALPHA.teamId, "/client", "add Shared Name Holdings", ALPHA_REP)).all).toContain("Added *Shared Name Holdings*");
    expect((await command(BETA.teamId, "/client", "add Shared Name Holdings", BETA_REP)).all).toContain("Added *Shared Name Holdings*");
    await command(ALPHA.teamId, "/log", "Shared Name Holdings call alpha-only pricing", ALPHA_REP);
    expect((await command(BETA.teamId, "/tier", "Shared Name Holdings", BETA_REP)).all).not.toContain("alpha-only pricing");
    expect(tokensUsed("users.info", (a) => a.user === ALPHA_REP)).toEqual([ALPHA.botToken]);
    expect(tokensUsed("users.info", (a) => a.user === BETA_REP)).toEqual([BETA.botToken]);

    await as[BETA.teamId]!.event({ type: "app_home_opened", user: BETA_REP, channel: "D0BETA", tab: "home" });
    const publish = await t.emulator.waitForCall("views.publish");
    expect(publish.token).toBe(BETA.botToken);
  });

  it("acknowledges a request from a workspace that never installed the app, and runs nothing", async () => {
    const stranger = t.slackFor("T0STRANGER");
    const reply = await stranger.command("/client", "add Stranger Co", { userId: "U0STRANGER" });
    expect(reply.status).toBe(200);
    expect(reply.body).not.toContain("Added");
    expect(await t.bot.services.store.workspaces.find("T0STRANGER")).toBeNull();
  });

  it("runs the nudges of every installed workspace, each with its own token", async () => {
    await load(ALPHA.teamId, "clients", `name,owner\nAlpha Overdue Dam,${ALPHA_REP}\n`);
    await load(BETA.teamId, "clients", `name,owner\nBeta Overdue Port,${BETA_REP}\n`);
    await load(ALPHA.teamId, "interactions", `client,rep,type,occurred_at,summary\nAlpha Overdue Dam,${ALPHA_REP},call,2026-08-01T10:00:00Z,a\n`);
    await load(BETA.teamId, "interactions", `client,rep,type,occurred_at,summary\nBeta Overdue Port,${BETA_REP},call,2026-08-01T10:00:00Z,b\n`);
    t.emulator.reset();
    const outcomes = await t.bot.scheduler.fire("nudges", new Date("2026-11-23T10:00:00Z"));
    expect(outcomes.map((o) => o.kind)).toEqual(["done", "done"]);
    expect(tokensUsed("chat.postMessage", (a) => a.channel === `D${ALPHA_REP}`)).toEqual([ALPHA.botToken]);
    expect(tokensUsed("chat.postMessage", (a) => a.channel === `D${BETA_REP}`)).toEqual([BETA.botToken]);
    for (const call of t.emulator.calls) {
      const problems = checkCall(call.method, call.args).filter((p) => !isNotInSpecProblem(p));
      expect(problems, call.method).toEqual([]);
    }
  });
});

describe("uninstall and purge", () => {
  it("deletes a workspace's token on app_uninstalled, once even when Slack retries, and keeps its data", async () => {
    const { id: pendingPost } = await t.bot.services.store.outbox.enqueue(ALPHA.teamId, { kind: "nudge", recipient: ALPHA_REP, period: "2026-11-24", payload: { text: "stale" } });
    const event = { type: "app_uninstalled" };
    const first = await as[ALPHA.teamId]!.event(event, { eventId: "Ev0UNINSTALL" });
    const retry = await as[ALPHA.teamId]!.event(event, { eventId: "Ev0UNINSTALL", retryNum: 1, retryReason: "http_timeout" });
    expect([first.status, retry.status]).toEqual([200, 200]);
    t.emulator.revokeToken(ALPHA.botToken);
    const { store } = t.bot.services;
    await expect.poll(() => store.installations.find(ALPHA.teamId)).toBeNull();
    expect(await store.installations.workspaceIds()).toEqual([BETA.teamId]);
    expect((await store.workspaces.find(ALPHA.teamId))?.uninstalledAt).toBeInstanceOf(Date);
    expect(await store.clients.list(ALPHA.teamId, {}, 100).then((page) => page.items.map((c) => c.name))).toContain("Alpha Overdue Dam");
    const uninstalls = (await store.audit.forEntity(ALPHA.teamId, "workspace", ALPHA.teamId, 10)).filter((a) => a.action === "app.uninstall");
    expect(uninstalls).toHaveLength(1);
    expect(await store.outbox.find(pendingPost)).toMatchObject({ status: "failed", lastError: "app_uninstalled" });
  });

  it("stops the uninstalled workspace's jobs and keeps the others'", async () => {
    t.emulator.reset();
    const outcomes = await t.bot.scheduler.fire("nudges", new Date("2026-11-24T10:00:00Z"));
    expect(outcomes).toHaveLength(1);
    expect(t.emulator.calls.filter((c) => c.token === ALPHA.botToken)).toEqual([]);
    expect(tokensUsed("chat.postMessage")).toEqual([BETA.botToken]);
  });

  it("treats tokens_revoked for the bot like an uninstall", async () => {
    await as[BETA.teamId]!.event({ type: "tokens_revoked", tokens: { oauth: [], bot: [BETA.botUserId] } });
    await expect.poll(() => t.bot.services.store.installations.find(BETA.teamId)).toBeNull();
    expect(await t.bot.scheduler.fire("nudges", new Date("2026-11-25T10:00:00Z"))).toEqual([]);
  });

  it("reinstalls: the token comes back and the installer is an admin again", async () => {
    const done = await install(BETA);
    expect(done.status).toBe(200);
    expect(await t.bot.services.store.installations.workspaceIds()).toEqual([BETA.teamId]);
    expect((await t.bot.services.store.workspaces.find(BETA.teamId))?.uninstalledAt).toBeNull();
  });

  it("runs a job by hand for one workspace picked with --team, with that workspace's installation", async () => {
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: t.database.url, SLACK_API_URL: t.emulator.apiUrl, DOTENV_CONFIG_PATH: "/nonexistent/.env" };
    const job = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli/job.ts", ...args], { cwd: root, env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    const ambiguous = await job("nudges", "--at", "2026-11-26T10:00");
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain("several workspaces");
    const uninstalled = await job("nudges", "--team", ALPHA.teamId, "--at", "2026-11-26T10:00");
    expect(uninstalled.code).toBe(1);
    expect(uninstalled.stderr).toContain(`workspace ${ALPHA.teamId} has no bot token`);
    t.emulator.reset();
    const done = await job("nudges", "--team", BETA.teamId, "--at", "2026-11-26T10:00");
    expect(done.stderr).toContain("nudges done");
    expect(done.code).toBe(0);
    expect(tokensUsed("chat.postMessage")).toEqual([BETA.botToken]);
  }, 60_000);

  it("purges one workspace with npm run purge -- --team, in one go, printing counts; refuses without --team", async () => {
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: t.database.url, DOTENV_CONFIG_PATH: "/nonexistent/.env" };
    const purge = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli/purge.ts", ...args], { cwd: root, env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    const bare = await purge();
    expect(bare.code).toBe(2);
    expect(bare.stderr.trim().split("\n")).toHaveLength(1);
    expect(bare.stderr).toContain("--team");

    const installed = await purge("--team", BETA.teamId);
    expect(installed.code).toBe(1);
    expect(installed.stderr).toContain("still installed");

    const done = await purge("--team", ALPHA.teamId);
    expect(done.code).toBe(0);
    const counts = Object.fromEntries(done.stdout.trim().split("\n").map((line) => line.split(" ")).map(([k, v]) => [k, Number(v)]));
    expect(counts).toMatchObject({ clients: 2, workspaces: 1, installations: 0 });
    expect(counts.interactions).toBeGreaterThanOrEqual(2);
    expect(counts.users).toBeGreaterThanOrEqual(2);
    expect(done.stderr).toContain(`purged workspace ${ALPHA.teamId}`);

    const { store } = t.bot.services;
    expect(await store.workspaces.find(ALPHA.teamId)).toBeNull();
    expect((await store.clients.list(BETA.teamId, {}, 100)).items.map((c) => c.name)).toContain("Beta Overdue Port");
    expect((await purge("--team", ALPHA.teamId)).stderr).toContain("no workspace T0ALPHA");
  }, 60_000);
});

describe("secrets", () => {
  it("never logs a bot token, the client secret or the state secret, even at debug level", () => {
    const logs = logLines.join("");
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [ALPHA.botToken, BETA.botToken, TEST_CLIENT_SECRET, TEST_STATE_SECRET]) expect(logs).not.toContain(secret);
  });
});
