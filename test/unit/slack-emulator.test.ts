import { LogLevel, WebClient, type WebAPICallResult } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../support/slack-emulator.ts";
import { checkCall, checkResponse, describeMethod, isNotInSpecProblem } from "../support/slack-openapi.ts";

const TOKEN = "xoxb-test-token";
const VIEW = { type: "modal", callback_id: "log_touch", title: { type: "plain_text" as const, text: "Log" }, blocks: [] };

let emu: SlackEmulator;
let client: WebClient;

function webClient(retryConfig: { retries: number; minTimeout?: number; maxTimeout?: number } = { retries: 0 }): WebClient {
  return new WebClient(TOKEN, { slackApiUrl: emu.apiUrl, retryConfig, logLevel: LogLevel.ERROR });
}

async function platformError(call: Promise<WebAPICallResult>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return (error as { data?: { error?: unknown } }).data?.error;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  emu = await SlackEmulator.start({ botToken: TOKEN, teamId: "T0TEST", botUserId: "U0BOT" });
  client = webClient();
});
afterEach(() => emu.reset());
afterAll(async () => emu.stop());

describe("SlackEmulator", () => {
  it("refuses a message or view over Block Kit's limits with invalid_blocks, and keeps a record of it", async () => {
    const section = { type: "section", text: { type: "mrkdwn", text: "x" } };
    const before = emu.blockKitRefusals.length;
    expect(await platformError(client.chat.postMessage({ channel: "C0TEST", text: "many", blocks: Array.from({ length: 51 }, () => section) }))).toBe("invalid_blocks");
    const longTitle = { ...VIEW, type: "modal" as const, title: { type: "plain_text" as const, text: "A title far too long for a modal" } };
    expect(await platformError(client.views.open({ trigger_id: "1.2.3", view: longTitle }))).toBe("invalid_blocks");
    expect(emu.blockKitRefusals.slice(before)).toEqual([
      "chat.postMessage: blocks: 51 blocks, limit 50 per message",
      expect.stringMatching(/^views\.open: title/),
    ]);
    emu.blockKitRefusals.length = before;
  });

  it("records calls with parsed arguments and the bearer token", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "Hi [there]" } }];
    await client.chat.postMessage({ channel: "C0TEST", text: "[not json]", blocks });
    const [call] = emu.callsTo("chat.postMessage");
    expect(call?.token).toBe(TOKEN);
    expect(call?.args.blocks).toEqual(blocks);
    expect(call?.args.text).toBe("[not json]");
    expect(call?.response?.status).toBe(200);
  });

  it("answers every implemented method with the fields Slack's spec requires", async () => {
    const posted = await client.chat.postMessage({ channel: "C0TEST", text: "hello" });
    const ts = posted.ts ?? "";
    const opened = await client.views.open({ trigger_id: "1.2.abc", view: { type: "modal", title: VIEW.title, blocks: [] } });
    emu.setUser("U0ALICE", { tz: "Europe/Paris", name: "alice" });
    const code = emu.authorizeInstall({ teamId: "T0SPEC", userId: "U0ALICE", botToken: "xoxb-spec-install" });
    const exercised: Array<[string, Record<string, unknown>]> = [
      ["auth.test", {}],
      ["oauth.v2.access", { code, client_id: "1.2", client_secret: "s" }],
      ["team.info", {}],
      ["chat.postMessage", { channel: "C0TEST", text: "again", metadata: { event_type: "t", event_payload: { a: 1 } } }],
      ["conversations.history", { channel: "C0TEST", include_all_metadata: true }],
      ["chat.postEphemeral", { channel: "C0TEST", user: "U0ALICE", text: "psst" }],
      ["chat.update", { channel: "C0TEST", ts, text: "edited" }],
      ["chat.getPermalink", { channel: "C0TEST", message_ts: ts }],
      ["chat.delete", { channel: "C0TEST", ts }],
      ["conversations.open", { users: "U0ALICE" }],
      ["views.open", { trigger_id: "1.2.abc", view: VIEW }],
      ["views.push", { trigger_id: "1.2.abc", view: VIEW }],
      ["views.update", { view_id: opened.view?.id, view: VIEW }],
      ["views.publish", { user_id: "U0ALICE", view: { type: "home", blocks: [] } }],
      ["users.info", { user: "U0ALICE", include_locale: true }],
    ];
    expect(exercised.map(([method]) => method).sort()).toEqual(emu.implementedMethods());

    for (const [method, args] of exercised) {
      expect(checkCall(method, args), method).toEqual([]);
      await client.apiCall(method, args);
      const answer = emu.callsTo(method).at(-1)?.response?.body;
      expect(checkResponse(method, answer), method).toEqual([]);
    }
  });

  it("exchanges an install's code once for a bot token that works for that team only", async () => {
    const code = emu.authorizeInstall({ teamId: "T0OAUTH", teamName: "OAuth Co", userId: "U0INSTALLER", botToken: "xoxb-oauth-1", botUserId: "U0BOT2" });
    const noToken = new WebClient(undefined, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    const answer = await noToken.oauth.v2.access({ code, client_id: "1.2", client_secret: "s" });
    expect(answer).toMatchObject({ ok: true, access_token: "xoxb-oauth-1", token_type: "bot", bot_user_id: "U0BOT2", team: { id: "T0OAUTH", name: "OAuth Co" }, authed_user: { id: "U0INSTALLER" } });
    expect(await platformError(noToken.oauth.v2.access({ code, client_id: "1.2", client_secret: "s" }))).toBe("invalid_code");

    const installed = new WebClient("xoxb-oauth-1", { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    expect(await installed.auth.test()).toMatchObject({ team_id: "T0OAUTH", user_id: "U0BOT2" });
    expect(await client.auth.test()).toMatchObject({ team_id: "T0TEST", user_id: "U0BOT" });
    expect(await platformError(new WebClient("xoxb-never-issued", { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR }).auth.test())).toBe("invalid_auth");

    emu.revokeToken("xoxb-oauth-1");
    expect(await platformError(installed.auth.test())).toBe("token_revoked");
  });

  it("checks the app's client id and secret on oauth.v2.access when configured", async () => {
    const strict = await SlackEmulator.start({ oauthClient: { clientId: "111.222", clientSecret: "right" } });
    try {
      const noToken = new WebClient(undefined, { slackApiUrl: strict.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
      const code = strict.authorizeInstall({ teamId: "T0X", userId: "U0X", botToken: "xoxb-x" });
      expect(await platformError(noToken.oauth.v2.access({ code, client_id: "111.222", client_secret: "wrong" }))).toBe("bad_client_secret");
      expect(await platformError(noToken.oauth.v2.access({ code, client_id: "999", client_secret: "right" }))).toBe("invalid_client_id");
      expect((await noToken.oauth.v2.access({ code, client_id: "111.222", client_secret: "right" })).access_token).toBe("xoxb-x");
    } finally {
      await strict.stop();
    }
  });

  it("answers unknown_method with HTTP 200 and JSON for methods it does not implement", async () => {
    const response = await fetch(`${emu.apiUrl}bookmarks.add`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await response.json()).toEqual({ ok: false, error: "unknown_method" });
    expect(await platformError(client.apiCall("no.such.method"))).toBe("unknown_method");
  });

  it("answers invalid_arguments without a required argument and invalid_auth for a wrong token", async () => {
    expect(await platformError(client.apiCall("chat.postMessage", { text: "no channel" }))).toBe("invalid_arguments");
    const stranger = new WebClient("xoxb-wrong", { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } });
    expect(await platformError(stranger.auth.test())).toBe("invalid_auth");
  });

  it("accepts JSON bodies", async () => {
    const response = await fetch(`${emu.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: "C0JSON", text: "json", blocks: [] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: "C0JSON", message: { text: "json", blocks: [] } });
  });

  it("returns posted messages newest first, with metadata only when asked", async () => {
    const metadata = { event_type: "followup_reminder", event_payload: { key: "w1:u1:2024-01" } };
    const first = await client.chat.postMessage({ channel: "C0HIST", text: "one", metadata });
    await client.chat.postMessage({ channel: "C0HIST", text: "two" });
    expect(Number(first.ts)).toBeGreaterThan(1_600_000_000);

    const withMeta = await client.conversations.history({ channel: "C0HIST", include_all_metadata: true });
    expect(withMeta.messages?.map((m) => m.text)).toEqual(["two", "one"]);
    expect(withMeta.messages?.[1]?.metadata).toEqual(metadata);
    expect(withMeta.has_more).toBe(false);

    const without = await client.conversations.history({ channel: "C0HIST" });
    expect(without.messages?.[1]?.metadata).toBeUndefined();

    const newer = await client.conversations.history({ channel: "C0HIST", oldest: first.ts });
    expect(newer.messages?.map((m) => m.text)).toEqual(["two"]);
  });

  it("delivers a post to a user id into that user's DM", async () => {
    const posted = await client.chat.postMessage({ channel: "U0ALICE", text: "dm" });
    const opened = await client.conversations.open({ users: "U0ALICE" });
    expect(posted.channel).toBe("DU0ALICE");
    expect(opened.channel?.id).toBe("DU0ALICE");
    expect(emu.messagesIn("DU0ALICE").map((m) => m.text)).toEqual(["dm"]);
  });

  it("serves users.info from the user table", async () => {
    emu.setUser("U0KOL", { tz: "Asia/Kolkata", locale: "en-IN", name: "priya" });
    const info = await client.users.info({ user: "U0KOL", include_locale: true });
    expect(info.user).toMatchObject({ id: "U0KOL", tz: "Asia/Kolkata", tz_offset: 19800, locale: "en-IN", deleted: false });
    const noLocale = await client.users.info({ user: "U0KOL" });
    expect(noLocale.user?.locale).toBeUndefined();
    expect(await platformError(client.users.info({ user: "U0NOBODY" }))).toBe("user_not_found");
  });

  it("records posts to response URLs", async () => {
    const url = emu.responseUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/response\/\w+$/);
    const waiting = emu.waitForResponse((r) => (r.body as { text?: string }).text === "done");
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "done", response_type: "ephemeral" }),
    });
    expect(await response.json()).toEqual({ ok: true });
    expect((await waiting).body).toEqual({ text: "done", response_type: "ephemeral" });
    expect(emu.responses).toHaveLength(1);
  });

  it("waits for calls, including ones already made, and explains a timeout", async () => {
    await client.auth.test();
    expect((await emu.waitForCall("auth.test")).method).toBe("auth.test");
    const later = emu.waitForCall("chat.postMessage", (c) => c.args.channel === "C0LATER");
    await client.chat.postMessage({ channel: "C0LATER", text: "later" });
    expect((await later).args.text).toBe("later");
    await expect(emu.waitForCall("views.open", undefined, 50)).rejects.toThrow(/no call to views\.open.*\n.*auth\.test/);
  });

  it("retries through an injected server error and a rate limit", async () => {
    const retrying = webClient({ retries: 2, minTimeout: 10, maxTimeout: 20 });
    emu.inject({ method: "chat.postMessage", kind: "server_error", status: 503, times: 1 });
    await expect(retrying.chat.postMessage({ channel: "C0TEST", text: "x" })).resolves.toMatchObject({ ok: true });
    expect(emu.callsTo("chat.postMessage").map((c) => c.response?.status)).toEqual([503, 200]);

    emu.reset();
    emu.inject({ method: "*", kind: "rate_limit", retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    await expect(retrying.chat.postMessage({ channel: "C0TEST", text: "y" })).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(emu.stats()).toEqual({ postMessage: 1, rateLimited: 1 });
  });

  it("injects Slack errors and latency, then goes back to normal", async () => {
    emu.inject({ method: "chat.postMessage", kind: "error", error: "account_inactive", times: 1 });
    expect(await platformError(client.chat.postMessage({ channel: "C0TEST", text: "x" }))).toBe("account_inactive");
    await expect(client.chat.postMessage({ channel: "C0TEST", text: "x" })).resolves.toMatchObject({ ok: true });

    emu.inject({ method: "auth.test", kind: "latency", ms: 150 });
    const started = Date.now();
    await client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("enforces per-channel rate limits on chat.postMessage when asked", async () => {
    emu.enforceRateLimits({ perChannelPerSecond: 1 });
    try {
      await client.chat.postMessage({ channel: "C0RATE", text: "first" });
      const response = await fetch(`${emu.apiUrl}chat.postMessage`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ channel: "C0RATE", text: "second" }).toString(),
      });
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(await response.json()).toEqual({ ok: false, error: "ratelimited" });
      await expect(client.chat.postMessage({ channel: "C0OTHER", text: "elsewhere" })).resolves.toMatchObject({ ok: true });
      expect(emu.stats()).toEqual({ postMessage: 2, rateLimited: 1 });
    } finally {
      emu.enforceRateLimits({});
    }
  });

  it("tells listeners about each answered call and response_url post, until they unsubscribe", async () => {
    const seen: string[] = [];
    const unsubscribe = emu.onRecorded((entry) => seen.push(entry.kind === "call" ? `${entry.call.method}:${String(entry.call.response?.body.ok)}` : `response:${JSON.stringify(entry.response.body)}`));
    await client.chat.postMessage({ channel: "C0TEST", text: "hi" });
    await fetch(emu.responseUrl(), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "later" }) });
    unsubscribe();
    await client.auth.test();
    expect(seen).toEqual(["chat.postMessage:true", 'response:{"text":"later"}']);
  });

  it("can answer without checking arguments against Slack's spec (a checkout without shared/)", async () => {
    const lenient = await SlackEmulator.start({ botToken: TOKEN, checkCallsAgainstSpec: false });
    try {
      const lenientClient = new WebClient(TOKEN, { slackApiUrl: lenient.apiUrl, retryConfig: { retries: 0 } });
      // chat.postMessage without `channel`: refused by the spec check (see above), accepted without it.
      await expect(lenientClient.apiCall("chat.postMessage", { text: "no channel" })).resolves.toMatchObject({ ok: true });
      expect(await platformError(client.apiCall("chat.postMessage", { text: "no channel" }))).toBe("invalid_arguments");
    } finally {
      await lenient.stop();
    }
  });
});

describe("slack-openapi", () => {
  it("describes methods from Slack's spec", () => {
    expect(describeMethod("chat.postMessage")).toMatchObject({
      exists: true,
      httpMethod: "post",
      requiredArgs: ["channel"],
      responseRequired: ["ok", "channel", "ts", "message"],
    });
    expect(describeMethod("views.publish")).toMatchObject({ exists: true, requiredArgs: ["user_id", "view"] });
  });

  it("flags methods missing from the 2020 spec separately from real problems", () => {
    const [problem] = checkCall("files.getUploadURLExternal", { filename: "a.csv" });
    expect(problem).toMatch(/not in Slack's 2020 spec: check the docs/);
    expect(isNotInSpecProblem(problem ?? "")).toBe(true);
    expect(checkCall("files.getUploadURLExternal", {}, { allowNotInSpec: ["files.getUploadURLExternal"] })).toEqual([]);
    expect(checkCall("chat.postEphemeral", { channel: "C1" })).toEqual(['chat.postEphemeral: missing required argument "user"']);
  });

  it("reports missing response fields, nested ones included", () => {
    expect(checkResponse("chat.postMessage", { ok: true, channel: "C1", ts: "1.2" })).toEqual([
      'chat.postMessage: missing required field "message"',
    ]);
    expect(checkResponse("chat.postMessage", { ok: true, channel: "C1", ts: "1.2", message: { type: "message" } })).toEqual([
      'chat.postMessage.message: missing required field "text"',
      'chat.postMessage.message: missing required field "ts"',
    ]);
    expect(checkResponse("auth.test", { ok: false, error: "invalid_auth" })[0]).toMatch(/not a success answer/);
  });
});
