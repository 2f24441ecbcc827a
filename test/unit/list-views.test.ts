import { describe, expect, it } from "vitest";
import type { RiskFlag } from "../../src/domain/risk.ts";
import type { FollowUpItem } from "../../src/services/follow-ups.ts";
import { ACTIONS, overflowOptionValue, parseFollowUpButtonValue, parseOverflowOptionValue } from "../../src/slack/ids.ts";
import { buildClientList } from "../../src/slack/views/client-list.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildFollowUpList, dueText, followUpNotice } from "../../src/slack/views/follow-ups.ts";
import { buildTeam } from "../../src/slack/views/team.ts";
import { historyReply } from "../../src/slack/views/client-records.ts";
import type { ClientRow } from "../../src/store/clients.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";

const OWNER = "U0OWNER01";
const FOLLOW_UPS_EN = messagesFor("en");

function item(i: number, overrides: Partial<FollowUpItem> = {}): FollowUpItem {
  return { clientId: `client${i}`, clientName: `Client ${i}`, tier: "B", dueOn: "2026-11-20", daysLate: 3, ...overrides };
}

describe("buildFollowUpList", () => {
  it("stays within Slack's limits with a full page of hostile names and says how many more there are", () => {
    const items = Array.from({ length: 20 }, (_, i) => item(i, { clientName: `<!channel> ${"名".repeat(190)} &amp; <@U999>` }));
    const reply = buildFollowUpList(FOLLOW_UPS_EN, { kind: "list", ownerId: OWNER, isSelf: true, today: "2026-11-23", items, more: 7 }, "A notice");
    expect(blockKitProblems(reply)).toEqual([]);
    expect(mentionProblems(reply, [OWNER])).toEqual([]);
    expect(JSON.stringify(reply.blocks)).toContain("…and 7 more");
  });

  it("puts the client, the due date it showed and the list's owner in each button", () => {
    const reply = buildFollowUpList(FOLLOW_UPS_EN, { kind: "list", ownerId: OWNER, isSelf: false, today: "2026-11-23", items: [item(1)], more: 0 });
    const values = [...JSON.stringify(reply.blocks).matchAll(/"value":"(?:[a-z0-9_]+:)?(client1\|[^"]+)"/g)].map((m) => m[1]);
    // Done and Snooze 1 day as buttons, Snooze 1 week and Snooze until… in the overflow menu.
    expect(values).toEqual(Array.from({ length: 4 }, () => "client1|2026-11-20|U0OWNER01"));
    expect(parseFollowUpButtonValue("client1|2026-11-20|U0OWNER01")).toEqual({ clientId: "client1", dueOn: "2026-11-20", listOwnerId: OWNER });
    expect(parseFollowUpButtonValue("client1|not-a-date|U0OWNER01")).toBeNull();
  });

  it("names in each overflow option the button it stands for and that button's value, within Slack's 150 characters", () => {
    const longest = { clientId: "c".repeat(64), tier: "B", clientName: "x", dueOn: "2026-11-20", daysLate: 3 };
    const reply = buildFollowUpList(FOLLOW_UPS_EN, { kind: "list", ownerId: "W0123456789ABCDEFGHIJ", isSelf: false, today: "2026-11-23", items: [longest], more: 0 });
    expect(blockKitProblems(reply)).toEqual([]);
    const menu = reply.blocks.flatMap((b) => (b.type === "actions" ? b.elements : [])).find((e) => e.type === "overflow");
    expect(menu && "options" in menu ? menu.options.map((o) => parseOverflowOptionValue(o.value)?.actionId) : []).toEqual([ACTIONS.followUpSnoozeWeek, ACTIONS.followUpSnoozeUntil, ACTIONS.openLogModal]);
    expect(parseOverflowOptionValue(overflowOptionValue(ACTIONS.followUpDone, "c1|2026-11-20|U0A"))).toEqual({ actionId: ACTIONS.followUpDone, value: "c1|2026-11-20|U0A" });
    expect(parseOverflowOptionValue("no colon")).toBeNull();
  });

  it.each(["\u0000", "c\u0000", "'; DROP TABLE x; --", "🚀", "c".repeat(65)])("reads no client from a value whose client id %j is no record id", (clientId) => {
    expect(parseFollowUpButtonValue(`${clientId}|2026-11-20|${OWNER}`)).toBeNull();
  });

  it("says plainly when nothing is due", () => {
    const reply = buildFollowUpList(FOLLOW_UPS_EN, { kind: "list", ownerId: OWNER, isSelf: true, today: "2026-11-23", items: [], more: 0 });
    expect(reply.text).toContain("nothing due in the next 7 days");
  });

  it.each([
    [true, "Your follow-ups", "1 overdue, 0 due this week."],
    [false, "Follow-ups", `<@${OWNER}>: 1 overdue, 0 due this week.`],
  ])("says whose list it is once, in the header (own list: %s)", (isSelf, heading, counts) => {
    const reply = buildFollowUpList(FOLLOW_UPS_EN, { kind: "list", ownerId: OWNER, isSelf, today: "2026-11-23", items: [item(1)], more: 0 });
    const texts = reply.blocks.flatMap((b) => (b.type === "header" || b.type === "section" ? [b.text?.text ?? ""] : []));
    expect(texts.slice(0, 2)).toEqual([heading, counts]);
    expect(texts.filter((text) => text.includes("follow-ups") || text.includes("Follow-ups"))).toEqual([heading]);
  });
});

describe("dueText and followUpNotice", () => {
  it.each([
    [{ dueOn: "2026-11-20", daysLate: 3 }, "*overdue by 3 days* (due Fri 20 Nov 2026)"],
    [{ dueOn: "2026-11-22", daysLate: 1 }, "*overdue by 1 day* (due Sun 22 Nov 2026)"],
    [{ dueOn: "2026-11-23", daysLate: 0 }, "*due today* (Mon 23 Nov 2026)"],
    [{ dueOn: "2026-11-26", daysLate: -3 }, "due in 3 days (Thu 26 Nov 2026)"],
  ])("%j reads %s", (due, text) => {
    expect(dueText(FOLLOW_UPS_EN, due)).toBe(text);
  });

  it("escapes the client name in notices", () => {
    expect(followUpNotice(FOLLOW_UPS_EN, { kind: "done", clientName: "<!here> Co", nextDueOn: "2027-02-21" })).toContain("&lt;!here&gt; Co");
  });
});

function clientRowFor(name: string): ClientRow {
  return { ...sampleClient(0), name, nameKey: name.toLowerCase() };
}

function sampleClient(i: number): ClientRow {
  return {
    id: `c${i}`,
    name: `<!here> ${"長".repeat(195)} ${i}`,
    nameKey: `client ${i}`,
    ownerSlackId: OWNER,
    annualRevenue: null,
    relationshipSince: null,
    relationshipType: null,
    lifecycleStage: null,
    riskLevel: null,
    industry: null,
    region: null,
    satisfaction: null,
    cadenceDays: null,
    score: 10,
    tier: "C",
    tierOverride: null,
    tierOverrideReason: null,
    lastTouchAt: i % 2 ? new Date("2026-11-20T10:00:00Z") : null,
    archivedAt: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
  };
}

describe("buildClientList", () => {
  const client = sampleClient;

  it("keeps a full page of long, hostile names within Slack's limits and counts the rest", () => {
    const reply = buildClientList(messagesFor("en"), "C", Array.from({ length: 40 }, (_, i) => client(i)), 95);
    expect(blockKitProblems(reply)).toEqual([]);
    expect(mentionProblems(reply, [OWNER])).toEqual([]);
    expect(JSON.stringify(reply.blocks)).toContain("…and 55 more");
    expect(reply.text).toContain("Tier C clients (95)");
  });

  it("says who carries more key clients than the rules suggest, each owner over, and nothing when none is", () => {
    const items = Array.from({ length: 40 }, (_, i) => client(i));
    const owners = Array.from({ length: 41 }, (_, i) => ({ ownerSlackId: `U0OVER${i}`, keyClients: 100 - i }));
    const reply = buildClientList(messagesFor("en"), "key", items, 95, new Map(), { maxPerRep: 15, owners });
    expect(blockKitProblems(reply)).toEqual([]);
    expect(mentionProblems(reply, owners.map((o) => o.ownerSlackId).concat(OWNER))).toEqual([]);
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain("<@U0OVER0> carries 100 key clients, over the 15 the rules suggest: raise the key-client thresholds in the rules file, or accept it.");
    expect(text).toContain("<@U0OVER40> carries 60 key clients");
    const none = buildClientList(messagesFor("en"), "key", items, 95, new Map(), { maxPerRep: 15, owners: [] });
    expect(JSON.stringify(none)).not.toContain("the rules suggest");
  });

  it("names each listed client's risk states now, and keeps every line whole within Slack's limits", () => {
    const items = Array.from({ length: 40 }, (_, i) => client(i));
    const every: RiskFlag[] = [
      { rule: "overdue", days: 10, dueOn: "2026-11-13" },
      { rule: "silence", days: 96, cadenceDays: 30, neverTouched: false },
      { rule: "negative", touchType: "call", on: "2026-11-10" },
      { rule: "satisfaction", satisfaction: 72, below: 90 },
      { rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: null },
      { rule: "lifecycle" },
      { rule: "concentration", sharePercent: 98, limitPercent: 30 },
    ];
    const risks = new Map<string, RiskFlag[]>(items.filter((_, i) => i % 2 === 0).map((c) => [c.id, every]));
    risks.set("c1", [{ rule: "lifecycle" }]);
    const reply = buildClientList(messagesFor("en"), "C", items, 95, risks);
    expect(blockKitProblems(reply)).toEqual([]);
    const lines = reply.blocks.flatMap((b) => (b.type === "section" && b.text ? b.text.text.split("\n") : []));
    // No section was cut: every client has its whole line.
    expect(lines).toHaveLength(40);
    expect(lines[0]).toMatch(
      / · :warning: 7 risks: follow-up overdue, gone quiet, negative touch, low satisfaction, key client without a meeting this quarter, lifecycle at-risk, revenue concentration$/,
    );
    expect(lines[1]).toMatch(/ · :warning: 1 risk: lifecycle at-risk$/);
    expect(lines[3]).not.toContain(":warning:");
  });
});

describe("buildTeam", () => {
  it("keeps a 300-person team within Slack's limits", () => {
    const members = Array.from({ length: 300 }, (_, i) => ({
      slackId: `U${String(i).padStart(8, "0")}`,
      role: (i % 10 === 0 ? "manager" : "rep") as "manager" | "rep",
      managerSlackId: i % 10 === 0 ? null : `U${String(i - (i % 10)).padStart(8, "0")}`,
      active: i % 7 !== 0,
      fromConfig: false,
    }));
    const reply = buildTeam(messagesFor("en"), members);
    expect(blockKitProblems(reply)).toEqual([]);
    expect(reply.text).toBe("Team: 0 admins, 30 managers, 270 reps");
    expect(JSON.stringify(reply.blocks)).not.toContain("more.");
  });

  it("lists 300 of a 5,000-person workspace, admins and managers first, and counts the rest", () => {
    const members = Array.from({ length: 5_000 }, (_, i) => ({
      slackId: `U${String(i).padStart(8, "0")}`,
      role: (i % 1000 === 0 ? "admin" : i % 25 === 0 ? "manager" : "rep") as "admin" | "manager" | "rep",
      managerSlackId: null,
      active: true,
      fromConfig: false,
    }));
    const reply = buildTeam(messagesFor("en"), members);
    expect(blockKitProblems(reply)).toEqual([]);
    const text = JSON.stringify(reply.blocks);
    expect(text.match(/<@U/g)).toHaveLength(300);
    expect(text).toContain("<@U00004975> · manager");
    expect(text).toContain("…and 4700 more. `npm run export -- users` lists everyone.");
    expect(reply.text).toBe("Team: 5 admins, 195 managers, 4800 reps");
  });
});

describe("historyReply", () => {
  it("renders audit details safely and within limits", () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({
      createdAt: new Date(Date.UTC(2026, 10, 1 + i, 9, 30)),
      actorSlackId: i % 2 ? "cli" : OWNER,
      action: "client.edit",
      entity: "client",
      entityId: "c1",
      details: i === 3 ? "not json <!channel>" : JSON.stringify({ from: OWNER, name: `<!channel> ${"x".repeat(300)}` }),
    }));
    const reply = historyReply(messagesFor("en"), { kind: "history", client: { ...clientRowFor("Acme"), id: "c1" }, entries });
    expect(blockKitProblems(reply)).toEqual([]);
    expect(mentionProblems(reply, [OWNER])).toEqual([]);
    expect(JSON.stringify(reply.blocks)).toContain("2026-11-01 09:30 UTC · <@U0OWNER01> · `client.edit` from: <@U0OWNER01>");
  });
});
