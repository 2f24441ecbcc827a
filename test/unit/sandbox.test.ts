/** The sandbox's pure parts: the demo data, what Slack does to typed text, the console page's mrkdwn parser. */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../../src/domain/cadence.ts";
import { INTERACTION_TYPES } from "../../src/domain/interaction.ts";
import { DEFAULT_RULES, LIFECYCLE_STAGES, RELATIONSHIP_TYPES } from "../../src/domain/rules.ts";
import { parseAsOf } from "../../src/sandbox/console-server.ts";
import { buildDemoData, DEMO_PEOPLE } from "../../src/sandbox/demo-data.ts";
import { decodeEntities, formatSlackDate, parseMrkdwn } from "../../src/sandbox/public/mrkdwn.js";
import { parseManifest, readManifest } from "../../src/sandbox/manifest.ts";
import { commandTextAsSlackSends, parseSlashCommand, unknownCommandText } from "../../src/sandbox/slack-text.ts";
import { COMMANDS } from "../../src/slack/ids.ts";
import { englishLeft } from "../support/english-left.ts";

const TODAY = "2026-11-23";

describe("demo data", () => {
  const data = buildDemoData(TODAY, DEFAULT_RULES);

  it("is deterministic for a given day, and moves with the day", () => {
    expect(buildDemoData(TODAY, DEFAULT_RULES)).toEqual(data);
    const later = buildDemoData("2027-03-01", DEFAULT_RULES);
    expect(later.csv.interactions).not.toEqual(data.csv.interactions);
  });

  it("has a manager, reps and an admin, and a few dozen clients across tiers, types, stages and follow-up states", () => {
    expect(new Set(DEMO_PEOPLE.map((p) => p.role))).toEqual(new Set(["rep", "manager", "admin"]));
    expect(data.clients.length).toBeGreaterThanOrEqual(30);
    const count = (key: (c: (typeof data.clients)[number]) => string) => new Set(data.clients.map(key)).size;
    expect(count((c) => c.tier)).toBe(3);
    expect(count((c) => c.type)).toBe(RELATIONSHIP_TYPES.length);
    expect(count((c) => c.lifecycle)).toBe(LIFECYCLE_STAGES.length);
    for (const tier of ["A", "B", "C"]) expect(data.clients.filter((c) => c.tier === tier).length).toBeGreaterThanOrEqual(4);
    // Every client is owned by someone who exists; every rep has clients.
    expect(data.clients.every((c) => DEMO_PEOPLE.some((p) => p.id === c.owner))).toBe(true);
    for (const rep of DEMO_PEOPLE.filter((p) => p.role === "rep")) expect(data.clients.some((c) => c.owner === rep.id)).toBe(true);
  });

  it("has months of touches, none in the future, and the follow-up states it promises", () => {
    const dates = data.touches.map((t) => t.occurredAt.slice(0, 10)).sort();
    expect(data.touches.length).toBeGreaterThan(150);
    expect(dates.at(-1)! < TODAY).toBe(true);
    expect(daysBetween(dates[0]!, TODAY)).toBeGreaterThan(150);
    expect(new Set(data.touches.map((t) => t.type))).toEqual(new Set(INTERACTION_TYPES));
    const lastTouch = (name: string) => data.touches.filter((t) => t.client === name).map((t) => t.occurredAt.slice(0, 10)).sort().at(-1)!;
    for (const client of data.clients) {
      const due = addDays(lastTouch(client.name), client.cadence);
      if (client.state === "overdue") expect(due < TODAY).toBe(true);
      if (client.state === "due-today") expect(due).toBe(TODAY);
      if (client.state === "silent") expect(daysBetween(lastTouch(client.name), TODAY)).toBeGreaterThan(2 * client.cadence);
    }
    expect(data.touches.some((t) => t.sentiment === "negative")).toBe(true);
    expect(data.touches.filter((t) => t.nextFollowUp !== null).every((t) => t.nextFollowUp! > TODAY)).toBe(true);
  });

  it.each([TODAY, "2026-06-15", "2027-02-28"])("has 王芳 (Slack in Chinese) write her touches in Chinese, none twice (as of %s)", (day) => {
    const wang = DEMO_PEOPLE.find((p) => p.locale.startsWith("zh"))!;
    const hers = buildDemoData(day, DEFAULT_RULES).touches.filter((t) => t.rep === wang.id);
    expect(hers.length).toBeGreaterThan(10);
    expect(hers.flatMap((t) => englishLeft(t.summary))).toEqual([]);
    expect(new Set(hers.map((t) => t.summary)).size).toBe(hers.length);
    expect(hers.some((t) => t.sentiment === "negative")).toBe(true);
    // Everyone else keeps writing in English.
    expect(data.touches.filter((t) => t.rep !== wang.id).every((t) => /^[\x20-\x7e]+$/.test(t.summary))).toBe(true);
  });

  it("writes import files with the CLI's columns that parse back to the same rows", () => {
    expect(data.csv.clients.split("\n")[0]).toBe("name,owner,annual_revenue,relationship_since,relationship_type,lifecycle_stage,risk_level,industry,region,satisfaction,cadence_days");
    expect(data.csv.interactions.split("\n")[0]).toBe("client,rep,type,occurred_at,summary,sentiment,next_follow_up");
    expect(data.csv.users).toContain("U0SBREP01,rep,U0SBMGR01");
    const rows = parse(data.csv.interactions, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(data.touches.length);
    expect(rows[0]).toEqual({ ...data.touches[0], occurred_at: data.touches[0]!.occurredAt, next_follow_up: data.touches[0]!.nextFollowUp ?? "", occurredAt: undefined, nextFollowUp: undefined });
  });
});

describe("text as Slack sends it", () => {
  const people = [{ id: "U0SBREP01", handle: "mei" }];

  it("escapes &, < and > and turns @handles of known people into mentions", () => {
    expect(commandTextAsSlackSends("AT&T <b> @mei @nobody mail@mei.example", people)).toBe("AT&amp;T &lt;b&gt; <@U0SBREP01|mei> @nobody mail@mei.example");
    expect(commandTextAsSlackSends("assign Gulf @Mei", people)).toBe("assign Gulf <@U0SBREP01|mei>");
  });

  it("splits a slash command from its text; plain text is not a command", () => {
    expect(parseSlashCommand("/tier  Yangtze River ")).toEqual({ command: "/tier", text: "Yangtze River" });
    expect(parseSlashCommand("/LOG")).toEqual({ command: "/log", text: "" });
    expect(parseSlashCommand("hello /tier")).toBeNull();
  });

  it("answers a command no app declares as Slack does, listing the app's commands from its manifest", () => {
    const app = { name: "Client <Follow-ups>", commands: [{ command: "/tier", description: "A client's tier & score", usageHint: "<client name>" }, { command: "/team", description: "Who is who", usageHint: "" }] };
    expect(unknownCommandText("/foo", app)).toBe(
      [
        '`/foo` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.',
        "*Client &lt;Follow-ups&gt;* has these commands:",
        "• `/tier &lt;client name&gt;`: A client's tier &amp; score",
        "• `/team`: Who is who",
      ].join("\n"),
    );
  });

  it("reads from manifest.yml what the console plays: the bot's commands and its read-only Messages tab", () => {
    const app = readManifest();
    expect(app.commands.map((c) => c.command).sort()).toEqual(Object.values(COMMANDS).sort());
    expect(app.commands.every((c) => c.description.length > 0)).toBe(true);
    expect(app.messagesTab).toEqual({ enabled: true, readOnly: true });
    expect(parseManifest("display_information: {name: X}\n")).toEqual({ name: "X", commands: [], messagesTab: { enabled: false, readOnly: false } });
  });

  it("reads a job's as-of as the CLI does: no offset is UTC, a bare date is 09:00 UTC", () => {
    expect(parseAsOf("2026-11-23T07:30").toISOString()).toBe("2026-11-23T07:30:00.000Z");
    expect(parseAsOf("2026-11-23").toISOString()).toBe("2026-11-23T09:00:00.000Z");
    expect(parseAsOf("2026-11-23T09:00+08:00").toISOString()).toBe("2026-11-23T01:00:00.000Z");
    expect(() => parseAsOf("next tuesday")).toThrow(/not a date/);
  });
});

describe("the console's mrkdwn parser", () => {
  it("reads styles, code, mentions, links and dates, and decodes entities only once", () => {
    expect(parseMrkdwn("*Tier* _A_ ~old~ `code` &lt;@U1&gt;")).toEqual([
      { type: "bold", children: [{ type: "text", text: "Tier" }] },
      { type: "text", text: " " },
      { type: "italic", children: [{ type: "text", text: "A" }] },
      { type: "text", text: " " },
      { type: "strike", children: [{ type: "text", text: "old" }] },
      { type: "text", text: " " },
      { type: "code", text: "code" },
      { type: "text", text: " <@U1>" },
    ]);
    expect(parseMrkdwn("<@U0SBREP01> <@U2|mei> <#C1|sales> <https://example.com|site> <!here>")).toEqual([
      { type: "user", id: "U0SBREP01", label: undefined },
      { type: "text", text: " " },
      { type: "user", id: "U2", label: "mei" },
      { type: "text", text: " " },
      { type: "channel", id: "C1", label: "sales" },
      { type: "text", text: " " },
      { type: "link", url: "https://example.com", label: "site" },
      { type: "text", text: " " },
      { type: "special", name: "here", label: undefined },
    ]);
    expect(decodeEntities("AT&amp;amp;T")).toBe("AT&amp;T");
  });

  it("keeps snake_case and arithmetic as text, and reads quotes, code blocks and line breaks", () => {
    expect(parseMrkdwn("snake_case_name 2*3*4")).toEqual([{ type: "text", text: "snake_case_name 2*3*4" }]);
    expect(parseMrkdwn("&gt; quoted\nplain")).toEqual([{ type: "quote", children: [{ type: "text", text: "quoted" }] }, { type: "text", text: "plain" }]);
    expect(parseMrkdwn("a\n```x *y*```")).toEqual([{ type: "text", text: "a" }, { type: "br" }, { type: "pre", text: "x *y*" }]);
  });

  it("formats <!date^…> in the reader's timezone, with the fallback for a bad timestamp", () => {
    const [token] = parseMrkdwn("<!date^1795424400^{date_short} at {time}|23 Nov>");
    expect(token).toEqual({ type: "date", ts: 1795424400, format: "{date_short} at {time}", link: undefined, fallback: "23 Nov" });
    expect(formatSlackDate(1795424400, "{date_short} at {time}", "Asia/Shanghai", "en-US")).toBe("Nov 23, 2026 at 5:00 PM");
    expect(formatSlackDate(Number.NaN, "{date}", "UTC")).toBeNull();
  });
});
