/**
 * Imported clients with very different profiles land in A, B and C as the default rules say, and `/tier`
 * explains why, dimension by dimension, with the risks that apply.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { importService } from "../../src/services/imports.ts";
import { allText, asEphemeral } from "../support/block-text.ts";
import { startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const NOW = new Date("2026-11-23T03:00:00Z");
const clock = { now: () => NOW };
let t: TestBot;

const CSV = [
  "name,owner,annual_revenue,relationship_since,relationship_type,lifecycle_stage,risk_level,industry,region,satisfaction,cadence_days",
  // 40 + 15 + 15 + 15 + 9.5 + 5 = 99.5 -> 100: A
  "Three Gorges Renewables,U0TEST,25000000,2012-05-01,strategic-cooperative,mature,low,energy,Hubei,95,",
  // 20 + 8 + 12 + 8 + 7 + 0 = 55: B
  "Lakeside Logistics,U0TEST,400000,2023-01-15,transactional-standard,active,medium,logistics,,70,",
  // 0 + 0 + 3 + 0 + 5 + 0 = 8: C
  "Startup Studio,U0TEST,5000,,,prospect,high,media,,,",
].join("\n");

async function tierCard(name: string): Promise<string> {
  const reply = await t.slack.command("/tier", name);
  expect(reply.status).toBe(200);
  return allText(asEphemeral(reply.json));
}

beforeAll(async () => {
  t = await startTestBot({ clock });
  const report = await importService({ store: t.bot.services.store, rules: DEFAULT_RULES, clock }).importCsv("clients", TEST_TEAM, Readable.from([CSV]), {
    fileName: "clients.csv",
  });
  expect(report).toMatchObject({ imported: 3, skipped: 0 });
});

afterAll(async () => {
  await t?.stop();
});

describe("/client list", () => {
  const list = async (text: string, userId = "U0TEST") => {
    const reply = await t.slack.command("/client", text, { userId });
    expect(reply.status).toBe(200);
    return allText(asEphemeral(reply.json));
  };

  it.each([
    ["list", "All clients (3)", ["Lakeside Logistics", "Startup Studio", "Three Gorges Renewables"]],
    ["list A", "Tier A clients (1)", ["Three Gorges Renewables"]],
    ["list b", "Tier B clients (1)", ["Lakeside Logistics"]],
    ["list C", "Tier C clients (1)", ["Startup Studio"]],
    // The key list is by score, highest first (A before B), the others by name.
    ["list key", "Key clients (2)", ["Three Gorges Renewables", "Lakeside Logistics"]],
    ["list mine", "Your clients (3)", ["Lakeside Logistics", "Startup Studio", "Three Gorges Renewables"]],
  ])("/client %s shows %s", async (text, title, names) => {
    const shown = await list(text);
    expect(shown).toContain(title);
    const positions = names.map((n) => shown.indexOf(`*${n}*`));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
  });

  it("says when a filter matches nothing, and answers an unknown filter with usage", async () => {
    expect(await list("list mine", "U0NOBODY")).toContain("Your clients: none.");
    expect(await list("list everything")).toContain("Usage: `/client list [mine|A|B|C|key]`");
  });
});

describe("tiers from an import", () => {
  it("gives A to a large, long, healthy energy client and explains each dimension", async () => {
    const card = await tierCard("Three Gorges Renewables");
    expect(card).toContain("*Tier*\n*A*");
    expect(card).toContain("*Score*\n100/100");
    expect(card).toContain("contribution 40/40 · relationship 15/15 · lifecycle 15/15 · risk 15/15 · satisfaction 9.5/10 · strategic fit 5/5");
    expect(card).toContain(":key: *Key client*");
    expect(card).toContain("*strategic-cooperative*: Senior-level sponsorship");
    expect(card).toContain("cadence 14 days");
  });

  it("gives B to a mid-sized client and flags its satisfaction", async () => {
    const card = await tierCard("Lakeside Logistics");
    expect(card).toContain("*Tier*\n*B*");
    expect(card).toContain("*Score*\n55/100");
    expect(card).toContain("contribution 20/40 · relationship 8/15 · lifecycle 12/15 · risk 8/15 · satisfaction 7/10 · strategic fit 0/5");
    expect(card).toContain("• *Low satisfaction*: satisfaction 70, below 90");
    expect(card).toContain("cadence 30 days");
  });

  it("gives C to a small prospect", async () => {
    const card = await tierCard("Startup Studio");
    expect(card).toContain("*Tier*\n*C*");
    expect(card).toContain("*Score*\n8/100");
    expect(card).not.toContain("Key client");
    expect(card).toContain("cadence 90 days");
  });

  it("flags revenue concentration: one client holds most of the workspace's revenue", async () => {
    const card = await tierCard("Three Gorges Renewables");
    expect(card).toMatch(/• \*Revenue concentration\*: 98% of the workspace's revenue, above 30%/);
  });
});

describe("/tier in the reader's language", () => {
  it("speaks Simplified Chinese to a reader whose Slack locale is Chinese, with the names and dates in Chinese", async () => {
    t.emulator.setUser("U0ZHREADER", { locale: "zh-CN", tz: "Asia/Shanghai" });
    const reply = await t.slack.command("/tier", "Three Gorges Renewables", { userId: "U0ZHREADER" });
    const card = allText(asEphemeral(reply.json));
    expect(card).toContain("*等级*\n*A*");
    expect(card).toContain("评分依据：");
    expect(card).toContain("业务贡献 40/40");
    expect(card).toContain("*战略合作型*：争取高层支持");
    expect(card).toContain(":key: *重点客户*");
    expect(card).not.toContain("Why this score");
  });

  it("keeps English for a reader whose Slack locale is not Chinese", async () => {
    t.emulator.setUser("U0ENREADER", { locale: "fr-FR" });
    const card = allText(asEphemeral((await t.slack.command("/tier", "Three Gorges Renewables", { userId: "U0ENREADER" })).json));
    expect(card).toContain("Why this score");
  });
});

describe("revenue concentration in a workspace of many clients", () => {
  const others = Array.from({ length: 200 }, (_, i) => `Other Utility ${i + 1},U0TEST,1000000,,,,,,,,`);
  const importInto = async (team: string, rows: string[]) => {
    const csv = [CSV.split("\n")[0], ...rows].join("\n");
    const report = await importService({ store: t.bot.services.store, rules: DEFAULT_RULES, clock }).importCsv("clients", team, Readable.from([csv]), { fileName: "clients.csv" });
    expect(report).toMatchObject({ skipped: 0 });
  };
  const cardIn = async (team: string, name: string) => allText(asEphemeral((await t.slack.command("/tier", name, { teamId: team })).json));

  beforeAll(async () => {
    // 30M against 200 x 1M: over 30% of the 50 largest others, 13% of the whole.
    await importInto("T0SPREAD", [...others, "Thirty Million Holdings,U0TEST,30000000,,,,,,,,"]);
    // 120M against 200 x 1M: 37.5% of the whole.
    await importInto("T0HEAVY", [...others, "Hundred Twenty Holdings,U0TEST,120000000,,,,,,,,"]);
  });

  it("counts the whole workspace, not only the largest clients, before it flags a client", async () => {
    const card = await cardIn("T0SPREAD", "Thirty Million Holdings");
    expect(card).toContain("Why this score");
    expect(card).not.toContain("of the workspace's revenue");
  });

  it("flags a client above the share of the whole workspace", async () => {
    expect(await cardIn("T0HEAVY", "Hundred Twenty Holdings")).toMatch(/38% of the workspace's revenue, above 30%/);
  });

  it("does not flag a small client of a large workspace", async () => {
    const card = await cardIn("T0HEAVY", "Other Utility 7");
    expect(card).toContain("Why this score");
    expect(card).not.toContain("of the workspace's revenue");
  });
});
