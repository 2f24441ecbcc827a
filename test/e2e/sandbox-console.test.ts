/**
 * The sandbox console's API without a browser: commands, buttons, the log modal (options and submission), the
 * nudges job and the App Home, all through the real bot and the emulator. The sandbox is SQLite-only, so this
 * runs in the sqlite project alone; test/browser drives the same flows through the page in Chromium.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PEOPLE } from "../../src/sandbox/demo-data.ts";
import { startSandbox, type Sandbox } from "../../src/sandbox/sandbox.ts";
import { SALES_CHANNEL, type ConsoleMessage } from "../../src/sandbox/workspace.ts";
import { allText } from "../support/block-text.ts";
import { testStore } from "../support/test-database.ts";

const MEI = "U0SBREP01";
const LUCAS = "U0SBREP02";
const WANG = "U0SBREP05";
let sandbox: Sandbox;
let scratch: string;

interface State {
  messages: ConsoleMessage[];
  modal: { id: string; title: { text: string }; blocks: { block_id?: string; element?: { action_id: string } }[] } | null;
  home: { blocks: unknown[] } | null;
  dmCount: number;
}

async function call<T = Record<string, unknown>>(method: "GET" | "POST", route: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(route, sandbox.consoleUrl), {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const state = (user: string, channel = `D${user}`) => call<State>("GET", `/api/state?user=${user}&channel=${channel}`);

/** The lines of the section whose text starts with `heading`. */
const sectionLines = (blocks: unknown, heading: string): string[] =>
  ((blocks ?? []) as { type: string; text?: { text?: string } }[])
    .find((b) => b.type === "section" && b.text?.text?.startsWith(heading) === true)
    ?.text?.text?.split("\n")
    .slice(1) ?? [];

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(testStore() === "postgres")("sandbox console API (SQLite only)", () => {
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), "followups-sandbox-api-"));
    sandbox = await startSandbox({ port: 0, dataFile: path.join(scratch, "sandbox.db"), startAt: new Date("2026-11-23T09:00:00Z"), logLevel: "silent" });
  });

  afterAll(async () => {
    await sandbox?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("serves the page on 127.0.0.1 with a composer labelled for commands", async () => {
    expect(sandbox.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(sandbox.seeded).toBe(true);
    const html = await (await fetch(sandbox.consoleUrl)).text();
    expect(html).toContain('aria-label="Message or /command"');
    // Its icon is inline: a browser asks for no /favicon.ico, which would be a 404.
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
    const boot = await call<{ jobs: { name: string; available: boolean }[]; people: unknown[] }>("GET", "/api/bootstrap");
    expect(boot.jobs.map((j) => j.name)).toEqual(expect.arrayContaining(["nudges", "rescore"]));
    expect(boot.jobs.every((j) => j.available)).toBe(true);
    expect(boot.people).toHaveLength(DEMO_PEOPLE.length);
  });

  it("answers Wang Fang, whose Slack is in Chinese, in Chinese", async () => {
    await call("POST", "/api/message", { user: WANG, channel: SALES_CHANNEL.id, text: "/tier 江南" });
    const card = (await state(WANG, SALES_CHANNEL.id)).messages.find((m) => allText(m.blocks).includes("江南城市水务集团"));
    expect(allText(card?.blocks)).toContain("评分依据：");
    expect(allText(card?.blocks)).toMatch(/已逾期 \d+ 天/);
  });

  it("answers /tier with the card, visible only to the person who asked", async () => {
    await call("POST", "/api/message", { user: MEI, channel: SALES_CHANNEL.id, text: "/tier Yangtze" });
    const mine = await state(MEI, SALES_CHANNEL.id);
    const card = mine.messages.find((m) => allText(m.blocks).includes("Yangtze River Water Holdings"));
    expect(card?.visibleTo).toBe(MEI);
    expect(allText(card?.blocks)).toMatch(/overdue by \d+ days/);
    expect(mine.messages.find((m) => m.command)?.text).toBe("/tier Yangtze");
    expect((await state(LUCAS, SALES_CHANNEL.id)).messages).toEqual([]);
  });

  it("seeds a living key list: a handful of key clients, one that left it days ago, and one client the book depends on", async () => {
    const ask = async (text: string) => {
      await call("POST", "/api/message", { user: MEI, channel: SALES_CHANNEL.id, text });
      const shown = (await state(MEI, SALES_CHANNEL.id)).messages.filter((m) => m.visibleTo === MEI && !m.command);
      return allText(shown[shown.length - 1]?.blocks);
    };
    const key = await ask("/client list key");
    const count = Number(/Key clients \((\d+)\)/.exec(key)?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(8);
    expect(await ask("/tier Huaneng Coastal Wind")).toMatch(/left the key list on .* \(annual revenue 12,000,000 CNY, below 15,000,000 CNY\)/);
    expect(await ask("/tier Mekong Hydro Consortium")).toMatch(/Revenue concentration\*: \d+% of the workspace's revenue, above 30%/);
  });

  it("shows on Mei's first App Home the risk states her card shows for Yangtze River Water Holdings", async () => {
    const yangtze = "Yangtze River Water Holdings";
    await call("POST", "/api/message", { user: MEI, channel: SALES_CHANNEL.id, text: `/tier ${yangtze}` });
    const card = (await state(MEI, SALES_CHANNEL.id)).messages.filter((m) => allText(m.blocks).includes(yangtze)).at(-1);
    // The card's states, each "• *Rule*: reason", and the same states on Home, each "• *Client*: rule, reason".
    const cardStates = sectionLines(card?.blocks, ":warning: *Risks*").map((line) => {
      const [, rule, reason] = /^• \*(.+?)\*: (.+)$/.exec(line) ?? [];
      return `${rule?.toLowerCase()}, ${reason}`;
    });
    expect(cardStates.length).toBeGreaterThanOrEqual(2);
    expect(cardStates).toContainEqual(expect.stringMatching(/^follow-up overdue, follow-up overdue by \d+ days/));
    await call("POST", "/api/home", { user: MEI });
    const { home } = await until(() => state(MEI), (s) => s.home !== null, "Mei's App Home");
    const homeStates = sectionLines(home?.blocks, "*Risks on your clients*")
      .filter((line) => line.startsWith(`• *${yangtze}*: `))
      .map((line) => line.slice(`• *${yangtze}*: `.length));
    expect(homeStates).toEqual(cardStates);
  });

  it("logs a touch through the log modal: client search, field errors, then a DM confirmation", async () => {
    await call("POST", "/api/message", { user: MEI, channel: SALES_CHANNEL.id, text: "/log" });
    const { modal } = await until(() => state(MEI), (s) => s.modal !== null, "the log modal");
    expect(modal?.title.text).toBe("Log a touch");
    const found = await call<{ options: { text: { text: string }; value: string }[] }>("POST", "/api/options", { user: MEI, viewId: modal!.id, actionId: "client_pick", blockId: "client", value: "gulf" });
    const gulf = found.options.find((o) => o.text.text === "Gulf Desalination Partners")!;
    const values = (summary: string) => ({
      client: { client_pick: { type: "external_select", selected_option: gulf } },
      type: { type: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Meeting" }, value: "meeting" } } },
      date: { date: { type: "datepicker", selected_date: "2026-11-23" } },
      sentiment: { sentiment: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "Positive" }, value: "positive" } } },
      summary: { summary: { type: "plain_text_input", value: summary } },
      next: { next: { type: "datepicker", selected_date: null } },
    });
    const refused = await call<{ ok: boolean; errors?: Record<string, string> }>("POST", "/api/submit", { user: MEI, viewId: modal!.id, values: values("") });
    expect(refused).toEqual({ ok: false, errors: { summary: "Write a short summary." } });
    expect((await state(MEI)).modal?.id).toBe(modal!.id);
    await call("POST", "/api/submit", { user: MEI, viewId: modal!.id, values: values("Walked the plant with the CFO") });
    const after = await until(() => state(MEI), (s) => s.messages.some((m) => m.text.includes("Logged a meeting with *Gulf Desalination Partners*")), "the confirmation DM");
    expect(after.modal).toBeNull();
  });

  it("runs the nudges job as of a Monday; Done on the nudge redraws it in place", async () => {
    const run = await call<{ kind: string; stats: Record<string, number> }>("POST", "/api/jobs", { job: "nudges", at: "2026-11-23T09:00" });
    expect(run.kind).toBe("done");
    expect(run.stats.sent).toBeGreaterThanOrEqual(4);
    const nudge = (await until(() => state(MEI), (s) => s.messages.some((m) => m.text.startsWith("Good morning!")), "Mei's nudge")).messages.find((m) => m.text.startsWith("Good morning!"))!;
    const done = (nudge.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === "followup_done")!;
    await call("POST", "/api/action", { user: MEI, messageId: nudge.id, action: { type: "button", action_id: done.action_id, value: done.value, block_id: "b" } });
    const redrawn = await until(() => state(MEI), (s) => s.messages.some((m) => m.id === nudge.id && m.edited === true), "the redrawn nudge");
    expect(allText(redrawn.messages.find((m) => m.id === nudge.id)?.blocks)).toMatch(/Done with \*.+\*: next follow-up/);
    // Nudges are one per rep per day: Lucas has his own, and a second run sends nothing more.
    expect((await state(LUCAS)).messages.some((m) => m.text.startsWith("Good morning!"))).toBe(true);
    const again = await call<{ stats: Record<string, number> }>("POST", "/api/jobs", { job: "nudges", at: "2026-11-23T10:00" });
    expect(again.stats.queued).toBe(0);
  });

  it("keeps the bot's Messages tab read-only, as manifest.yml says: no message and no command is taken there", async () => {
    const boot = await call<{ app: { messagesTab: { readOnly: boolean }; commands: string[] } }>("GET", "/api/bootstrap");
    expect(boot.app.messagesTab.readOnly).toBe(true);
    const before = (await state(LUCAS)).messages.length;
    for (const text of ["hello bot", "/followups"]) {
      await expect(call("POST", "/api/message", { user: LUCAS, channel: `D${LUCAS}`, text })).rejects.toThrow(/403 .*Sending messages to this app has been turned off/);
    }
    expect((await state(LUCAS)).messages).toHaveLength(before);
  });

  it("answers a command no app declares as Slack does, only to the person, listing the bot's commands", async () => {
    await call("POST", "/api/message", { user: MEI, channel: SALES_CHANNEL.id, text: "/foo bar" });
    const mine = (await state(MEI, SALES_CHANNEL.id)).messages;
    const answer = mine.at(-1)!;
    expect(mine.at(-2)).toMatchObject({ text: "/foo bar", command: true });
    expect(answer).toMatchObject({ author: "USLACKBOT", visibleTo: MEI });
    expect(answer.text).toContain("`/foo` is not a valid command.");
    for (const command of ["/tier", "/log", "/client", "/followups", "/team"]) expect(answer.text).toContain(`\`${command}`);
    expect((await state(LUCAS, SALES_CHANNEL.id)).messages.some((m) => m.text.includes("/foo"))).toBe(false);
  });

  it("opens the App Home the bot publishes", async () => {
    await call("POST", "/api/home", { user: LUCAS });
    const { home } = await until(() => state(LUCAS), (s) => s.home !== null, "the App Home");
    expect(allText(home?.blocks)).toContain("Client follow-ups");
  });

  it("lists a channel the bot posts in (a risk alert channel, say) for everyone", async () => {
    await sandbox.bot.app.client.chat.postMessage({ channel: "C0ALERTS", text: "*Lagos Light Rail* entered a risk state" });
    const seen = await until(() => call<State & { channels: { id: string }[] }>("GET", "/api/state?user=U0SBMGR01&channel=C0ALERTS"), (s) => s.messages.length > 0, "the alert");
    expect(seen.channels.map((c) => c.id)).toEqual([SALES_CHANNEL.id, "C0ALERTS"]);
    expect(seen.messages[0]?.text).toContain("Lagos Light Rail");
  });

  it("refuses other hosts (DNS rebinding) and form posts (cross-site requests)", async () => {
    const { port } = new URL(sandbox.consoleUrl);
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path: "/api/jobs", method: "POST", headers }, (res) => resolve(res.statusCode ?? 0));
        req.on("error", reject);
        req.end("job=nudges");
      });
    expect(await status({ host: "evil.example", "content-type": "application/json" })).toBe(403);
    expect(await status({ host: `127.0.0.1:${port}`, "content-type": "application/x-www-form-urlencoded" })).toBe(415);
  });
});
