import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../support/slack-emulator.ts";
import { SlackRequests, slackSignature } from "../support/slack-requests.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe("slack signature", () => {
  it("matches Slack's documented example and an independent HMAC", () => {
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
      "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
      "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const independent = `v0=${createHmac("sha256", SECRET).update(`v0:1531420618:${body}`).digest("hex")}`;
    expect(independent).toBe("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    expect(slackSignature(SECRET, body, 1531420618)).toBe(independent);
    expect(new SlackRequests({ appUrl: "http://unused", signingSecret: SECRET }).sign(body, 1531420618)).toBe(independent);
  });
});

describe("SlackRequests against a bare HTTP server", () => {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" }).end('{"seen":true}');
    });
  });
  let emu: SlackEmulator;
  let requests: SlackRequests;

  beforeAll(async () => {
    emu = await SlackEmulator.start();
    const now = (): number => 1_700_000_000_000;
    requests = new SlackRequests({ appUrl: await listen(server), signingSecret: SECRET, emulator: emu, now });
  });
  afterAll(async () => {
    await close(server);
    await emu.stop();
  });

  it("sends every slash command field, signed", async () => {
    const reply = await requests.command("/followup", "log AT&amp;T &lt;call&gt;", { userId: "U0ALICE", channelId: "C0SALES" });
    const last = received.at(-1);
    const fields = Object.fromEntries(new URLSearchParams(last?.body));
    expect(Object.keys(fields).sort()).toEqual(
      [
        "api_app_id", "channel_id", "channel_name", "command", "is_enterprise_install", "response_url", "team_domain",
        "team_id", "text", "token", "trigger_id", "user_id", "user_name",
      ].sort(),
    );
    expect(fields).toMatchObject({
      command: "/followup",
      text: "log AT&amp;T &lt;call&gt;",
      user_id: "U0ALICE",
      channel_id: "C0SALES",
      team_id: "T0TEST",
      is_enterprise_install: "false",
      response_url: reply.responseUrl,
    });
    expect(fields.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(reply.responseUrl.startsWith(emu.apiUrl.replace("/api/", "/response/"))).toBe(true);
    expect(last?.headers["x-slack-request-timestamp"]).toBe("1700000000");
    const expected = `v0=${createHmac("sha256", SECRET).update(`v0:1700000000:${last?.body}`).digest("hex")}`;
    expect(last?.headers["x-slack-signature"]).toBe(expected);
    expect(reply).toMatchObject({ status: 200, json: { seen: true } });
  });

  it("leaves out trigger_id when asked and adds enterprise fields", async () => {
    await requests.command("/followup", "", { triggerId: null, enterpriseId: "E0ORG" });
    const fields = Object.fromEntries(new URLSearchParams(received.at(-1)?.body));
    expect(fields.trigger_id).toBeUndefined();
    expect(fields.enterprise_id).toBe("E0ORG");
  });

  it("sends interactions as a payload form field and events as JSON with retry headers", async () => {
    await requests.blockAction({ actionId: "mark_done", value: "42" });
    const payload: unknown = JSON.parse(new URLSearchParams(received.at(-1)?.body).get("payload") ?? "null");
    expect(payload).toMatchObject({ type: "block_actions", actions: [{ action_id: "mark_done", value: "42" }] });

    await requests.event({ type: "app_mention", user: "U0ALICE", text: "hi", channel: "C0TEST" }, { retryNum: 1, retryReason: "http_timeout" });
    const last = received.at(-1);
    expect(last?.headers["content-type"]).toBe("application/json");
    expect(last?.headers["x-slack-retry-num"]).toBe("1");
    expect(last?.headers["x-slack-retry-reason"]).toBe("http_timeout");
    expect(JSON.parse(last?.body ?? "{}")).toMatchObject({ type: "event_callback", event: { type: "app_mention" } });
  });

  it("sends raw bodies with the given timestamp and signature", async () => {
    await requests.raw({ body: "a=b", contentType: "application/x-www-form-urlencoded", timestamp: 1, signature: "v0=bad" });
    expect(received.at(-1)?.headers).toMatchObject({ "x-slack-request-timestamp": "1", "x-slack-signature": "v0=bad" });
  });
});

describe("SlackRequests and SlackEmulator with a real Bolt app", () => {
  const TOKEN = "xoxb-bolt-test";
  let emu: SlackEmulator;
  let app: App;
  let requests: SlackRequests;
  let retryNums: Array<number | undefined>;

  beforeAll(async () => {
    emu = await SlackEmulator.start({ botToken: TOKEN });
    retryNums = [];
    app = new App({
      token: TOKEN,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command("/followup", async ({ ack, respond, command }) => {
      await ack();
      await respond({ text: `got ${command.text}` });
    });
    app.action("mark_done", async ({ ack, client, body }) => {
      await ack();
      await client.chat.postMessage({ channel: body.user.id, text: "done" });
    });
    app.view("log_touch", async ({ ack }) => {
      await ack({ response_action: "errors", errors: { note: "too short" } });
    });
    app.options("client_pick", async ({ ack }) => {
      await ack({ options: [{ text: { type: "plain_text", text: "Acme" }, value: "acme" }] });
    });
    app.event("app_mention", async ({ context }) => {
      retryNums.push(context.retryNum);
    });
    const server = await app.start(0);
    const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    requests = new SlackRequests({ appUrl, signingSecret: SECRET, emulator: emu });
  });
  afterAll(async () => {
    await app.stop();
    await emu.stop();
  });

  it("runs a command through ack and respond()", async () => {
    const reply = await requests.command("/followup", "AT&amp;T");
    expect(reply.status).toBe(200);
    const response = await emu.waitForResponse();
    expect(response.body).toMatchObject({ text: "got AT&amp;T" });
    expect(reply.responseUrl.endsWith(response.id)).toBe(true);
  });

  it("handles a block action that calls the Web API", async () => {
    await requests.blockAction({ actionId: "mark_done", userId: "U0ALICE" });
    const call = await emu.waitForCall("chat.postMessage", (c) => c.args.channel === "U0ALICE");
    expect(call.token).toBe(TOKEN);
    expect(emu.messagesIn("DU0ALICE").map((m) => m.text)).toEqual(["done"]);
  });

  it("returns view submission and options acks as JSON", async () => {
    const submitted = await requests.viewSubmission({ callbackId: "log_touch", values: { note: { input: { type: "plain_text_input", value: "x" } } } });
    expect(submitted.json).toEqual({ response_action: "errors", errors: { note: "too short" } });
    const options = await requests.options({ actionId: "client_pick", value: "ac" });
    expect(options.json).toEqual({ options: [{ text: { type: "plain_text", text: "Acme" }, value: "acme" }] });
  });

  it("passes event retries and URL verification", async () => {
    await requests.event({ type: "app_mention", user: "U0ALICE", text: "hi", channel: "C0TEST" }, { retryNum: 2, retryReason: "http_error" });
    expect(retryNums).toEqual([2]);
    expect((await requests.urlVerification("abc123")).json).toEqual({ challenge: "abc123" });
  });

  it("is refused with a bad signature or a stale timestamp", async () => {
    const body = "payload=%7B%7D";
    const contentType = "application/x-www-form-urlencoded";
    expect((await requests.raw({ body, contentType, signature: "v0=deadbeef" })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await requests.raw({ body, contentType, timestamp: stale })).status).toBe(401);
  });
});
